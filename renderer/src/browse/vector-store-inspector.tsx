import { useState } from 'react';
import type { ConnectionView } from '../../../shared/connection.ts';
import { StoreFiles } from '../manage/store-files.tsx';
import { StoreFormDialog } from '../manage/store-form-dialog.tsx';
import { StoreSearch } from '../manage/store-search.tsx';
import { mutateThen, useFerryMutation } from '../query/ferry-query.ts';
import { DeleteStoreDialog } from '../manage/delete-store-dialog.tsx';
import { MetadataTable } from './assistant-inspector.tsx';
import type { BrowseState, Side } from '../state/browse-state.ts';
import { RawJson } from '../ui/json-view.tsx';
import { formatBytes } from '../../../shared/format.ts';
import { unnamed } from '../ui/names.ts';
import { formatDate } from './list-model.ts';
import type { PaneData } from './use-pane-data.ts';

/** A vector store: counts, expiry, metadata, and its files with status, attributes and chunking. */
export function VectorStoreInspector({
  side,
  connection,
  otherConnection,
  vectorStoreId,
  data,
  browse,
}: {
  side: Side;
  connection: ConnectionView;
  otherConnection: ConnectionView | null;
  vectorStoreId: string;
  data: PaneData;
  browse: BrowseState;
}) {
  const store = data.vectorStores.find((s) => s.id === vectorStoreId);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  // Its files are no longer in it, and assistants that searched it lose it.
  const remove = useFerryMutation('vectorStores.delete', {
    invalidates: ['vectorStores.list', 'files.usedBy', 'vectorStores.usedBy', 'assistants.list'],
  });
  if (!store) return <p className="inspector-empty">This vector store is no longer listed in {connection.name}.</p>;
  const name = store.name || unnamed(store.id);
  const counts = store.file_counts;
  const readOnlyReason = connection.readOnly ? `${connection.name} is read-only.` : null;
  const users = data.assistants.filter((a) => a.tool_resources?.file_search?.vector_store_ids?.includes(store.id));
  return (
    <article className="inspector" aria-label={`Vector store ${name}`}>
      <header className="inspector__header">
        <div className="inspector__title-row">
          <h2 className="inspector__title">{name}</h2>
          <div className="inspector__actions">
            <button
              type="button"
              className="button button--small"
              disabled={readOnlyReason !== null}
              title={readOnlyReason ?? 'Rename, edit metadata or expiry'}
              onClick={() => setEditing(true)}
            >
              Edit
            </button>
            <button
              type="button"
              className="button button--small button--danger-quiet"
              disabled={readOnlyReason !== null}
              title={readOnlyReason ?? 'Delete this vector store'}
              onClick={() => setDeleting(true)}
            >
              Delete
            </button>
          </div>
        </div>
        {readOnlyReason && <p className="muted">{readOnlyReason} Editing, uploading and deleting are turned off.</p>}
        <p className="inspector__id">
          <code>{store.id}</code> · created {formatDate(store.created_at)}
        </p>
      </header>
      <dl className="facts">
        <dt>Status</dt>
        <dd>{store.status.replaceAll('_', ' ')}</dd>
        <dt>Size</dt>
        <dd>{formatBytes(store.usage_bytes)}</dd>
        <dt>Files</dt>
        <dd>
          {counts.total} total · {counts.completed} completed · {counts.in_progress} in progress · {counts.failed}{' '}
          failed
          {counts.cancelled ? ` · ${counts.cancelled} cancelled` : ''}
        </dd>
        <dt>Expires</dt>
        <dd>
          {store.expires_after
            ? `${store.expires_after.days} days after ${store.expires_after.anchor.replaceAll('_', ' ')}`
            : 'Never'}
          {store.expires_at ? ` (${formatDate(store.expires_at)})` : ''}
        </dd>
        <dt>Last active</dt>
        <dd>{formatDate(store.last_active_at)}</dd>
      </dl>
      {users.length > 0 && (
        <section className="inspector__section">
          <h3 className="inspector__heading">Used by</h3>
          <ul className="resource-links">
            {users.map((a) => (
              <li key={a.id}>
                <button
                  type="button"
                  className="link"
                  onClick={() =>
                    browse.dispatch({ type: 'open', side, connectionId: connection.id, tab: 'assistants', id: a.id })
                  }
                >
                  {a.name || unnamed(a.id)}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <StoreFiles connection={connection} store={store} orgFiles={data.files} />
      <StoreSearch connection={connection} store={store} otherConnection={otherConnection} />
      <MetadataTable metadata={store.metadata} />
      <RawJson value={store} what="vector store" />
      {editing && (
        <StoreFormDialog connection={connection} store={store} files={data.files} onDone={() => setEditing(false)} />
      )}
      <DeleteStoreDialog
        open={deleting}
        connection={connection}
        vectorStoreId={store.id}
        busy={remove.isPending}
        error={remove.error?.message}
        onCancel={() => {
          setDeleting(false);
          remove.reset();
        }}
        onConfirm={() =>
          mutateThen(remove, { connectionId: connection.id, vectorStoreId: store.id }, () => {
            setDeleting(false);
            browse.dispatch({ type: 'select', side, tab: 'vectorStores', ids: [] });
          })
        }
      >
        <p>
          Delete the vector store <strong>{name}</strong> from <strong>{connection.name}</strong>? Its {counts.total}{' '}
          {counts.total === 1 ? 'file stays' : 'files stay'} in the org. This cannot be undone.
        </p>
      </DeleteStoreDialog>
    </article>
  );
}
