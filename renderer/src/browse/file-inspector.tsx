import type { ConnectionView } from '../../../shared/connection.ts';
import { FileActions } from '../manage/file-actions.tsx';
import { RawJson } from '../ui/json-view.tsx';
import { UNDOWNLOADABLE_PURPOSES } from '../../../shared/file-purposes.ts';
import { formatBytes } from '../../../shared/format.ts';
import { formatDate } from './list-model.ts';
import type { PaneData } from './use-pane-data.ts';
import type { TabId } from '../state/browse-state.ts';
import { UsageStatus, useFilesUsage } from '../manage/used-by.tsx';
import { assistantVia } from '../../../shared/usage-words.ts';

/** A file: size, purpose, dates, and whether its bytes can be downloaded (which matters for clones). */
export function FileInspector({
  fileId,
  data,
  connection,
  onDeleted,
  onOpen,
}: {
  fileId: string;
  data: PaneData;
  connection: ConnectionView;
  onDeleted: () => void;
  onOpen: (tab: TabId, id: string) => void;
}) {
  const file = data.files.find((f) => f.id === fileId);
  if (!file) return <p className="inspector-empty">This file is no longer listed.</p>;
  return (
    <article className="inspector" aria-label={`File ${file.filename}`}>
      <header className="inspector__header">
        <h2 className="inspector__title">{file.filename}</h2>
        <p className="inspector__id">
          <code>{file.id}</code> · uploaded {formatDate(file.created_at)}
        </p>
        <FileActions connection={connection} file={file} onDeleted={onDeleted} />
      </header>
      <dl className="facts">
        <dt>Size</dt>
        <dd>
          {formatBytes(file.bytes)} ({file.bytes.toLocaleString()} bytes)
        </dd>
        <dt>Purpose</dt>
        <dd>
          <code>{file.purpose}</code>
          {UNDOWNLOADABLE_PURPOSES.has(file.purpose) && (
            <p className="muted">
              Files of this purpose cannot be downloaded. A clone takes its bytes from a folder of originals, Ferry's
              cache, or (lossy) the parsed text of a vector store.
            </p>
          )}
        </dd>
        <dt>Expires</dt>
        <dd>{file.expires_at ? formatDate(file.expires_at) : 'Never'}</dd>
      </dl>
      <FileUsedBy connection={connection} fileId={file.id} onOpen={onOpen} />
      <RawJson value={file} what="file" />
    </article>
  );
}

/** The stores that hold the file and the assistants that use it, each a link that opens it in this pane. */
function FileUsedBy({
  connection,
  fileId,
  onOpen,
}: {
  connection: ConnectionView;
  fileId: string;
  onOpen: (tab: TabId, id: string) => void;
}) {
  const usage = useFilesUsage(connection.id, [fileId], false);
  return (
    <section className="inspector__section" aria-label="Used by">
      <h3 className="inspector__heading">Used by</h3>
      <UsageStatus connection={connection} usage={usage}>
        {(data) => {
          const found = data.files[0];
          if (!found || (found.vectorStores.length === 0 && found.assistants.length === 0)) {
            return (
              <p className="muted">
                No vector store holds it{data.assistantsChecked ? ' and no assistant uses it' : ''}.
              </p>
            );
          }
          return (
            <ul className="resource-links">
              {found.vectorStores.map((s) => (
                <li key={`store:${s.id}`}>
                  Vector store{' '}
                  <button type="button" className="link" onClick={() => onOpen('vectorStores', s.id)}>
                    {s.name}
                  </button>
                </li>
              ))}
              {found.assistants.map((a) => (
                <li key={`assistant:${a.id}:${a.via}`}>
                  Assistant{' '}
                  <button type="button" className="link" onClick={() => onOpen('assistants', a.id)}>
                    {a.name}
                  </button>{' '}
                  <span className="muted">{assistantVia(found, a)}</span>
                </li>
              ))}
            </ul>
          );
        }}
      </UsageStatus>
    </section>
  );
}
