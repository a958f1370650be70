import type { ClonePlan, PlanAgent } from '../../../shared/clone.ts';
import { resolveResponsesRequest } from '../../../shared/responses-request.ts';
import { JsonBlock } from '../ui/json-view.tsx';
import { ConfigRow, PlanSection, show } from './plan-rows.tsx';

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
    <PlanSection
      id="plan-agents"
      title={carrying ? 'Assistants carried as agents' : 'Agents'}
      columns={[carrying ? 'Assistant' : 'Agent', 'Action', 'Model', 'Notes']}
    >
      {agents.map((a) => (
        <ConfigRow key={a.key} item={a} plan={plan} modelMap={modelMap} onMapModel={onMapModel}>
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
        </ConfigRow>
      ))}
    </PlanSection>
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
              <pre>{show(n.value)}</pre>
            </td>
            <td>{n.where}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
