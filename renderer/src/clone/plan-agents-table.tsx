import type { ClonePlan, PlanAgent } from '../../../shared/clone.ts';
import { resolveResponsesRequest } from '../../../shared/responses-request.ts';
import { JsonBlock, pretty } from '../ui/json-view.tsx';
import { ModelCell } from './model-cell.tsx';

const ACTION_LABEL: Record<string, string> = {
  create: 'Create',
  update: 'Update',
  skip: 'Skip',
  blocked: 'Blocked',
  upToDate: 'Up to date',
};

/**
 * The plan's agents: clones of agents, and assistants carried into an org that serves agents (or neither),
 * each with what an agent has no field for and where that goes, and the Responses request that reproduces
 * the assistant whole (ids of objects this plan will make are named until they exist).
 */
export function PlanAgentsTable({
  plan,
  modelMap,
  onMapModel,
}: {
  plan: ClonePlan;
  modelMap: Record<string, string>;
  onMapModel: (source: string, target: string) => void;
}) {
  const agents = plan.agents ?? [];
  const reused = new Map<string, string>();
  for (const s of plan.vectorStores) if (s.action === 'reuse' && s.destinationId) reused.set(s.key, s.destinationId);
  for (const f of plan.files) if (f.action === 'reuse' && f.destinationId) reused.set(f.key, f.destinationId);
  const names = new Map([
    ...plan.vectorStores.map((s) => [s.key, s.name] as const),
    ...plan.files.map((f) => [f.key, f.filename] as const),
  ]);
  const carrying = agents.some((a) => a.from === 'assistant');
  return (
    <section className="plan__section" aria-labelledby="plan-agents">
      <h3 className="plan__heading" id="plan-agents">
        {carrying ? 'Assistants carried as agents' : 'Agents'}
      </h3>
      <table className="plan__table" aria-labelledby="plan-agents">
        <thead>
          <tr>
            <th scope="col">{carrying ? 'Assistant' : 'Agent'}</th>
            <th scope="col">Action</th>
            <th scope="col">Model</th>
            <th scope="col">Notes</th>
          </tr>
        </thead>
        <tbody>
          {agents.map((a) => (
            <tr key={a.key} aria-label={a.name}>
              <th scope="row">{a.name}</th>
              <td>
                <span className={`action action--${a.upToDate ? 'upToDate' : a.action}`}>
                  {ACTION_LABEL[a.upToDate ? 'upToDate' : a.action] ?? a.action}
                </span>
              </td>
              <td>
                <ModelCell
                  assistant={a}
                  models={plan.destinationModels}
                  mapped={modelMap[a.model.source]}
                  onMap={onMapModel}
                />
              </td>
              <td>
                {a.reason && <p>{a.reason}</p>}
                {!a.markerAdded && (
                  <p className="warning-inline">No room for the cloned_from marker (16 metadata pairs).</p>
                )}
                {a.diff.length > 0 && (
                  <p>Differs from the existing agent in: {a.diff.map((d) => d.field).join(', ')}</p>
                )}
                <NotCarried agent={a} />
                {a.responses && (
                  <details className="plan__diff">
                    <summary>The Responses request that reproduces it</summary>
                    <JsonBlock
                      value={resolveResponsesRequest(a.responses, reused, names)}
                      label={`Responses request for ${a.name}`}
                    />
                  </details>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function NotCarried({ agent }: { agent: PlanAgent }) {
  if (agent.notCarried.length === 0) return null;
  return (
    <table className="plan__diff-table" aria-label={`Not carried into the agent ${agent.name}`}>
      <caption>Not carried into the agent (an agent has no field for it)</caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Value</th>
          <th scope="col">Where it went</th>
        </tr>
      </thead>
      <tbody>
        {agent.notCarried.map((n) => (
          <tr key={n.field}>
            <th scope="row">
              <code>{n.field}</code>
            </th>
            <td>
              <pre>{typeof n.value === 'string' ? n.value : pretty(n.value)}</pre>
            </td>
            <td>{n.where}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
