import { useState } from 'react';
import type { ConnectionView } from '../../../shared/connection.ts';
import type { AssistantView } from '../../../shared/resources.ts';
import { useFerryMutation, useFerryQuery } from '../query/ferry-query.ts';
import { AssistantEditor } from './assistant-editor.tsx';
import { otherSide, type BrowseState, type Side } from '../state/browse-state.ts';
import { JsonBlock, RawJson } from '../ui/json-view.tsx';
import { unnamed } from '../ui/names.ts';
import { ConfigHeader, DeleteConfigDialog, InstructionsSection } from './inspector-parts.tsx';
import type { PaneData } from './use-pane-data.ts';
import { chatModels } from '../../../shared/models.ts';
import { API_LIMITS } from '../../../shared/api-limits.ts';
import { valuesOf, type AssistantValues } from './assistant-form-model.ts';

export interface AssistantInspectorProps {
  side: Side;
  connection: ConnectionView;
  assistantId: string;
  data: PaneData;
  browse: BrowseState;
}

export const CLONED_FROM = 'cloned_from';

/**
 * A duplicate's first values: the same settings, named “Copy of …”, without a clone marker. It is a new
 * assistant of this org, not a clone: a marker would make a re-clone take it for its source's copy.
 */
export function duplicateValues(assistant: AssistantView): AssistantValues {
  const values = valuesOf(assistant);
  return {
    ...values,
    name: `Copy of ${assistant.name || unnamed(assistant.id)}`,
    metadata: values.metadata.filter((pair) => pair.key !== CLONED_FROM),
  };
}

/** Every field of one assistant, readable; Edit, Delete and the raw JSON. */
export function AssistantInspector({ side, connection, assistantId, data, browse }: AssistantInspectorProps) {
  const assistant = data.assistants.find((a) => a.id === assistantId);
  const models = useFerryQuery('models.list', { connectionId: connection.id });
  const [editing, setEditing] = useState<'edit' | 'duplicate' | null>(null);
  // Set when the editor closes, so the head gives Edit back its focus.
  const [backFromEditor, setBackFromEditor] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const remove = useFerryMutation('assistants.delete', { invalidates: ['assistants.list'] });
  if (!assistant) return <p className="inspector-empty">This assistant is no longer listed in {connection.name}.</p>;

  const name = assistant.name || unnamed(assistant.id);
  const readOnlyReason = connection.readOnly ? `${connection.name} is read-only.` : null;
  const missingModel = models.data && !models.data.includes(assistant.model);

  if (editing) {
    return (
      <AssistantEditor
        connection={connection}
        assistant={editing === 'edit' ? assistant : null}
        initial={editing === 'duplicate' ? duplicateValues(assistant) : undefined}
        title={editing === 'duplicate' ? `Duplicate ${name}` : undefined}
        models={chatModels(models.data ?? [])}
        vectorStores={data.vectorStores}
        files={data.files}
        onDone={(created) => {
          setEditing(null);
          if (created)
            browse.dispatch({ type: 'open', side, connectionId: connection.id, tab: 'assistants', id: created.id });
          else setBackFromEditor(true);
        }}
      />
    );
  }

  return (
    <article className="inspector" aria-label={`Assistant ${name}`}>
      <ConfigHeader
        name={name}
        what="assistant"
        id={assistant.id}
        createdAt={assistant.created_at}
        readOnlyReason={readOnlyReason}
        onEdit={() => {
          setBackFromEditor(false);
          setEditing('edit');
        }}
        actions={
          <button
            type="button"
            className="button button--small"
            disabled={readOnlyReason !== null}
            title={readOnlyReason ?? `Make a new assistant in ${connection.name} with the same settings`}
            onClick={() => setEditing('duplicate')}
          >
            Duplicate
          </button>
        }
        focusEdit={backFromEditor}
        onDelete={() => setDeleting(true)}
      >
        <ClonedFrom assistant={assistant} side={side} browse={browse} />
      </ConfigHeader>

      <dl className="facts">
        <dt>Model</dt>
        <dd>
          <code>{assistant.model}</code>
          {missingModel && (
            <p className="warning" role="note">
              {connection.name} has no model “{assistant.model}”: runs with this assistant will fail until it uses a
              model this organization has.
            </p>
          )}
        </dd>
        <dt>Description</dt>
        <dd>{assistant.description || <span className="muted">None</span>}</dd>
        <dt>Temperature</dt>
        <dd>{assistant.temperature ?? <span className="muted">Default</span>}</dd>
        <dt>top_p</dt>
        <dd>{assistant.top_p ?? <span className="muted">Default</span>}</dd>
        {assistant.response_format !== undefined && assistant.response_format !== null && (
          <>
            <dt>Response format</dt>
            <dd>
              {typeof assistant.response_format === 'string' ? (
                <code>{assistant.response_format}</code>
              ) : (
                <JsonBlock value={assistant.response_format} label="Response format" />
              )}
            </dd>
          </>
        )}
        {typeof assistant['reasoning_effort'] === 'string' && (
          <>
            <dt>Reasoning effort</dt>
            <dd>{assistant['reasoning_effort']}</dd>
          </>
        )}
      </dl>

      <InstructionsSection text={assistant.instructions} />

      <Tools assistant={assistant} />
      <ToolResources assistant={assistant} connection={connection} data={data} browse={browse} side={side} />
      <MetadataTable metadata={assistant.metadata} />
      <RawJson value={assistant} what="assistant" />

      <DeleteConfigDialog
        open={deleting}
        what="assistant"
        name={name}
        id={assistant.id}
        org={connection.name}
        remove={remove}
        params={{ connectionId: connection.id, assistantId: assistant.id }}
        onClose={() => setDeleting(false)}
        onDeleted={() => browse.dispatch({ type: 'select', side, tab: 'assistants', ids: [] })}
      >
        <p>Its files and vector stores are not deleted.</p>
      </DeleteConfigDialog>
    </article>
  );
}

function Tools({ assistant }: { assistant: AssistantView }) {
  return (
    <section className="inspector__section">
      <h3 className="inspector__heading">Tools ({assistant.tools.length})</h3>
      {assistant.tools.length === 0 ? (
        <p className="muted">None</p>
      ) : (
        <ul className="tool-list">
          {assistant.tools.map((tool, index) => {
            const fn =
              tool.type === 'function'
                ? (tool['function'] as
                    { name?: string; description?: string; parameters?: unknown; strict?: boolean } | undefined)
                : undefined;
            const options = Object.fromEntries(Object.entries(tool).filter(([k]) => k !== 'type'));
            return (
              <li key={index} className="tool">
                <p className="tool__title">
                  <span className="badge badge--neutral">{tool.type}</span>
                  {fn?.name && <code className="tool__name">{fn.name}</code>}
                  {fn?.strict && <span className="badge badge--neutral">strict</span>}
                </p>
                {fn?.description && <p className="tool__description">{fn.description}</p>}
                {fn?.parameters !== undefined ? (
                  <JsonBlock value={fn.parameters} label={`Parameters of ${fn.name ?? 'the function'}`} />
                ) : (
                  !fn &&
                  Object.keys(options).length > 0 && <JsonBlock value={options} label={`Options of ${tool.type}`} />
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function ToolResources({
  assistant,
  connection,
  data,
  browse,
  side,
}: {
  assistant: AssistantView;
  connection: ConnectionView;
  data: PaneData;
  browse: BrowseState;
  side: Side;
}) {
  const storeIds = assistant.tool_resources?.file_search?.vector_store_ids ?? [];
  const fileIds = assistant.tool_resources?.code_interpreter?.file_ids ?? [];
  if (storeIds.length === 0 && fileIds.length === 0) return null;
  const open = (tab: 'vectorStores' | 'files', id: string) =>
    browse.dispatch({ type: 'open', side, connectionId: connection.id, tab, id });
  const link = (tab: 'vectorStores' | 'files', id: string, name: string | undefined) => (
    <li key={id}>
      {name !== undefined ? (
        <button type="button" className="link" onClick={() => open(tab, id)} aria-describedby={undefined}>
          {name}
        </button>
      ) : (
        <span className="warning-inline">Not found in {connection.name}</span>
      )}{' '}
      <code className="muted">{id}</code>
    </li>
  );
  return (
    <section className="inspector__section" aria-label="Tool resources">
      <h3 className="inspector__heading">Tool resources</h3>
      {storeIds.length > 0 && (
        <>
          <p className="inspector__subheading">file_search vector stores</p>
          <ul className="resource-links">
            {storeIds.map((id) => link('vectorStores', id, data.vectorStores.find((s) => s.id === id)?.name))}
          </ul>
        </>
      )}
      {fileIds.length > 0 && (
        <>
          <p className="inspector__subheading">code_interpreter files</p>
          <ul className="resource-links">
            {fileIds.map((id) => link('files', id, data.files.find((f) => f.id === id)?.filename))}
          </ul>
        </>
      )}
    </section>
  );
}

export function MetadataTable({ metadata }: { metadata: Record<string, string> | null | undefined }) {
  const entries = Object.entries(metadata ?? {});
  return (
    <section className="inspector__section">
      <h3 className="inspector__heading">
        Metadata ({entries.length} of {API_LIMITS.metadataPairs})
      </h3>
      {entries.length === 0 ? (
        <p className="muted">None</p>
      ) : (
        <table className="kv-table" aria-label="Metadata">
          <thead>
            <tr>
              <th scope="col">Key</th>
              <th scope="col">Value</th>
            </tr>
          </thead>
          <tbody>
            {entries.map(([key, value]) => (
              <tr key={key}>
                <th scope="row">
                  <code>{key}</code>
                </th>
                <td>{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** A clone names its source in metadata.cloned_from; link to it when the other pane (or this one) has it. */
function ClonedFrom({ assistant, side, browse }: { assistant: AssistantView; side: Side; browse: BrowseState }) {
  const sourceId = assistant.metadata?.[CLONED_FROM];
  const otherId = browse[otherSide(side)].connectionId;
  const other = useFerryQuery(
    'assistants.list',
    { connectionId: otherId ?? '' },
    { enabled: otherId !== null && sourceId !== undefined },
  );
  if (!sourceId) return null;
  const source = other.data?.served ? other.data.assistants.find((a) => a.id === sourceId) : undefined;
  return (
    <p className="inspector__clone-of">
      Clone of{' '}
      {source && otherId ? (
        <button
          type="button"
          className="link"
          onClick={() => browse.open(otherId, 'assistants', sourceId, otherSide(side))}
        >
          {source.name || unnamed(source.id)}
        </button>
      ) : (
        <code>{sourceId}</code>
      )}
      {source ? ' in the other pane' : ' (not in the other pane)'}
    </p>
  );
}
