import type { ConnectionView } from '../../../shared/connection.ts';
import { FileActions } from '../manage/file-actions.tsx';
import { RawJson } from '../ui/json-view.tsx';
import { UNDOWNLOADABLE_PURPOSES } from '../../../shared/file-purposes.ts';
import { formatBytes } from '../../../shared/format.ts';
import { formatDate } from './list-model.ts';
import type { PaneData } from './use-pane-data.ts';


/** A file: size, purpose, dates, and whether its bytes can be downloaded (which matters for clones). */
export function FileInspector({ fileId, data, connection, onDeleted }: { fileId: string; data: PaneData; connection: ConnectionView; onDeleted: () => void }) {
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
              Files of this purpose cannot be downloaded. A clone takes its bytes from a folder of originals, Ferry's cache, or (lossy) the parsed text of a
              vector store.
            </p>
          )}
        </dd>
        <dt>Expires</dt>
        <dd>{file.expires_at ? formatDate(file.expires_at) : 'Never'}</dd>
      </dl>
      <RawJson value={file} what="file" />
    </article>
  );
}
