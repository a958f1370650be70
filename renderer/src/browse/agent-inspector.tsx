import { useState } from 'react';
import type { AgentView } from '../../../shared/agents.ts';
import type { ConnectionView } from '../../../shared/connection.ts';
import { chatModels } from '../../../shared/models.ts';
import { useFerryMutation, useFerryQuery } from '../query/ferry-query.ts';
import { AgentEditor } from './agent-editor.tsx';
import { CLONED_FROM, MetadataTable } from './assistant-inspector.tsx';
import type { BrowseState, Side } from '../state/browse-state.ts';
import { JsonBlock, RawJson } from '../ui/json-view.tsx';
import { unnamed } from '../ui/names.ts';
import { ConfigHeader, DeleteConfigDialog, InstructionsSection } from './inspector-parts.tsx';
import type { PaneData } from './use-pane-data.ts';

export interface AgentInspectorProps {
  side: Side;
  connection: ConnectionView;
  agentId: string;
  data: PaneData;
  browse: BrowseState;
}

/** Every field of one agent, readable; Edit, Delete (confirmed, naming the agent and the org) and the raw JSON. */
export function AgentInspector({ side, connection, agentId, data, browse }: AgentInspectorProps) {
  const agent = data.agents.find((a) => a.id === agentId);
  const models = useFerryQuery('models.list', { connectionId: connection.id });
  const [editing, setEditing] = useState(false);
  // Set when the editor closes, so the head gives Edit back its focus.
  const [backFromEditor, setBackFromEditor] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const remove = useFerryMutation('agents.delete', { invalidates: ['agents.list'] });
  if (!agent) return <p className="inspector-empty">This agent is no longer listed in {connection.name}.</p>;

  const name = agent.name || unnamed(agent.id);
  const readOnlyReason = connection.readOnly ? `${connection.name} is read-only.` : null;
  const missingModel = models.data && !models.data.includes(agent.model);
  if (editing)
    return (
      <AgentEditor
        connection={connection}
        agent={agent}
        models={chatModels(models.data ?? [])}
        onDone={() => {
          setEditing(false);
          setBackFromEditor(true);
        }}
      />
    );

  const clonedFrom = agent.metadata?.[CLONED_FROM];
  return (
    <article className="inspector" aria-label={`Agent ${name}`}>
      <ConfigHeader
        name={name}
        what="agent"
        id={agent.id}
        createdAt={agent.created_at}
        updatedAt={agent.updated_at}
        readOnlyReason={readOnlyReason}
        onEdit={() => {
          setBackFromEditor(false);
          setEditing(true);
        }}
        focusEdit={backFromEditor}
        onDelete={() => setDeleting(true)}
      >
        {clonedFrom && (
          <p className="inspector__clone-of">
            Clone of <code>{clonedFrom}</code>
          </p>
        )}
      </ConfigHeader>

      <dl className="facts">
        <dt>Model</dt>
        <dd>
          <code>{agent.model}</code>
          {missingModel && (
            <p className="warning" role="note">
              {connection.name} has no model “{agent.model}”: this agent will fail until it uses a model this
              organization has.
            </p>
          )}
        </dd>
        <dt>Reasoning effort</dt>
        <dd>{agent.reasoning?.effort ?? <span className="muted">The model’s default</span>}</dd>
        <dt>Text format</dt>
        <dd>
          {!agent.text?.format || agent.text.format.type === 'text' ? (
            <code>text</code>
          ) : (
            <JsonBlock value={agent.text.format} label="Text format" />
          )}
        </dd>
      </dl>

      <InstructionsSection text={agent.instructions} />

      <AgentTools agent={agent} />
      <CarriedRequest connection={connection} agentId={agent.id} />
      <MetadataTable metadata={agent.metadata} />
      <RawJson value={agent} what="agent" />

      <DeleteConfigDialog
        open={deleting}
        what="agent"
        name={name}
        id={agent.id}
        org={connection.name}
        remove={remove}
        params={{ connectionId: connection.id, agentId: agent.id }}
        onClose={() => setDeleting(false)}
        onDeleted={() => browse.dispatch({ type: 'select', side, tab: 'agents', ids: [] })}
      />
    </article>
  );
}

/** An agent's tools: functions with their JSON schemas, the others with their options. */
function AgentTools({ agent }: { agent: AgentView }) {
  return (
    <section className="inspector__section">
      <h3 className="inspector__heading">Tools ({agent.tools.length})</h3>
      {agent.tools.length === 0 ? (
        <p className="muted">None</p>
      ) : (
        <ul className="tool-list">
          {agent.tools.map((tool, index) => {
            const fn =
              tool.type === 'function'
                ? (tool as { name?: string; description?: string; parameters?: unknown })
                : undefined;
            const options = Object.fromEntries(
              Object.entries(tool).filter(
                ([k]) => k !== 'type' && !(fn && ['name', 'description', 'parameters'].includes(k)),
              ),
            );
            return (
              <li key={index} className="tool">
                <p className="tool__title">
                  <span className="badge badge--neutral">{tool.type}</span>
                  {fn?.name && <code className="tool__name">{fn.name}</code>}
                </p>
                {fn?.description && <p className="tool__description">{fn.description}</p>}
                {fn?.parameters !== undefined && (
                  <JsonBlock value={fn.parameters} label={`Parameters of ${fn.name ?? 'the function'}`} />
                )}
                {Object.keys(options).length > 0 && (
                  <JsonBlock value={options} label={`Options of ${fn?.name ?? tool.type}`} />
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/**
 * For an agent carried from an assistant: the Responses request that reproduces the whole assistant
 * (what the agent cannot hold: file_search on the recreated stores, code_interpreter, temperature, top_p),
 * ready to paste, as JSON and as TypeScript.
 */
function CarriedRequest({ connection, agentId }: { connection: ConnectionView; agentId: string }) {
  const found = useFerryQuery('agents.responses', { connectionId: connection.id, agentId });
  const [as, setAs] = useState<'json' | 'typescript'>('typescript');
  const carried = found.data?.carried;
  if (!carried) return null;
  return (
    <section className="inspector__section" aria-label="Responses request">
      <div className="inspector__section-head">
        <h3 className="inspector__heading">Responses request</h3>
        <button
          type="button"
          className="button button--small"
          aria-pressed={as === 'typescript'}
          onClick={() => setAs('typescript')}
        >
          TypeScript
        </button>
        <button
          type="button"
          className="button button--small"
          aria-pressed={as === 'json'}
          onClick={() => setAs('json')}
        >
          JSON
        </button>
      </div>
      <p className="muted">
        Carried from the assistant {carried.name} (<code>{carried.source}</code>). An agent holds no file_search,
        code_interpreter, temperature or top_p; this request reproduces the whole assistant with the stores and files
        recreated in {connection.name}.
      </p>
      {as === 'json' ? (
        <JsonBlock value={carried.request} label="Responses request as JSON" />
      ) : (
        <pre className="json" aria-label="Responses request as TypeScript" tabIndex={0}>
          {carried.typescript}
        </pre>
      )}
    </section>
  );
}
