import type { ConnectionView } from '../../../shared/connection.ts';
import { useFerryQuery } from '../query/ferry-query.ts';
import { MetadataTable } from './assistant-inspector.tsx';
import type { BrowseState, Side } from './browse-state.ts';
import { JsonBlock, RawJson } from './json-view.tsx';
import { formatBytes, formatDate, unnamed } from './list-model.ts';
import type { PaneData } from './use-pane-data.ts';

/** A vector store: counts, expiry, metadata, and its files with status, attributes and chunking. */
export function VectorStoreInspector({ side, connection, vectorStoreId, data, browse }: { side: Side; connection: ConnectionView; vectorStoreId: string; data: PaneData; browse: BrowseState }) {
  const store = data.vectorStores.find((s) => s.id === vectorStoreId);
  const files = useFerryQuery('vectorStores.files', { connectionId: connection.id, vectorStoreId }, { enabled: store !== undefined });
  if (!store) return <p className="inspector-empty">This vector store is no longer listed in {connection.name}.</p>;
  const name = store.name || unnamed(store.id);
  const counts = store.file_counts;
  const users = data.assistants.filter((a) => a.tool_resources?.file_search?.vector_store_ids?.includes(store.id));
  return (
    <article className="inspector" aria-label={`Vector store ${name}`}>
      <header className="inspector__header">
        <h2 className="inspector__title">{name}</h2>
        <p className="inspector__id">
          <code>{store.id}</code> · created {formatDate(store.created_at)}
        </p>
      </header>
      <dl className="facts">
        <dt>Status</dt>
        <dd>{store.status}</dd>
        <dt>Size</dt>
        <dd>{formatBytes(store.usage_bytes)}</dd>
        <dt>Files</dt>
        <dd>
          {counts.total} total · {counts.completed} completed · {counts.in_progress} in progress · {counts.failed} failed
          {counts.cancelled ? ` · ${counts.cancelled} cancelled` : ''}
        </dd>
        <dt>Expires</dt>
        <dd>{store.expires_after ? `${store.expires_after.days} days after ${store.expires_after.anchor.replace('_', ' ')}` : 'Never'}{store.expires_at ? ` (${formatDate(store.expires_at)})` : ''}</dd>
        <dt>Last active</dt>
        <dd>{formatDate(store.last_active_at)}</dd>
      </dl>
      {users.length > 0 && (
        <section className="inspector__section">
          <h3 className="inspector__heading">Used by</h3>
          <ul className="resource-links">
            {users.map((a) => (
              <li key={a.id}>
                <button type="button" className="link" onClick={() => browse.dispatch({ type: 'open', side, connectionId: connection.id, tab: 'assistants', id: a.id })}>
                  {a.name || unnamed(a.id)}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="inspector__section">
        <h3 className="inspector__heading">Files in this store</h3>
        {files.isPending ? (
          <p className="muted" role="status">
            Loading files…
          </p>
        ) : files.isError ? (
          <p className="pane-message--error" role="alert">
            {files.error.message}
          </p>
        ) : files.data.length === 0 ? (
          <p className="muted">None</p>
        ) : (
          <table className="kv-table store-files" aria-label="Files in this store">
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Status</th>
                <th scope="col">Attributes</th>
              </tr>
            </thead>
            <tbody>
              {files.data.map((f) => {
                const file = data.files.find((x) => x.id === f.id);
                return (
                  <tr key={f.id}>
                    <td>
                      {file ? (
                        <button type="button" className="link" onClick={() => browse.dispatch({ type: 'open', side, connectionId: connection.id, tab: 'files', id: f.id })}>
                          {file.filename}
                        </button>
                      ) : (
                        <code>{f.id}</code>
                      )}
                      <span className="muted"> · {formatBytes(f.usage_bytes)}</span>
                    </td>
                    <td>
                      <span className={`status status--${f.status}`}>{f.status.replace('_', ' ')}</span>
                      {f.last_error && <p className="warning-inline">{f.last_error.message}</p>}
                    </td>
                    <td>{f.attributes && Object.keys(f.attributes).length > 0 ? Object.entries(f.attributes).map(([k, v]) => `${k}=${String(v)}`).join(', ') : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        {files.data?.[0]?.chunking_strategy !== undefined && (
          <details className="inspector__details">
            <summary>Chunking of the first file</summary>
            <JsonBlock value={files.data[0].chunking_strategy} label="Chunking strategy" />
          </details>
        )}
      </section>
      <MetadataTable metadata={store.metadata} />
      <RawJson value={store} what="vector store" />
    </article>
  );
}
