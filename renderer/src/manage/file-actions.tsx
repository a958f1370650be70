import { useState } from 'react';
import type { ConnectionView } from '../../../shared/connection.ts';
import type { FileView } from '../../../shared/resources.ts';
import { useBridge } from '../bridge/index.ts';
import { mutateThen, useFerryMutation } from '../query/ferry-query.ts';
import { UNDOWNLOADABLE_PURPOSES } from '../../../shared/file-purposes.ts';
import { formatBytes } from '../../../shared/format.ts';
import { DeleteFileDialog } from './delete-file-dialog.tsx';
import { useFileDownload, type DownloadState } from './use-file-download.ts';

/** Why a file cannot be downloaded, in a sentence; null when it can. */
export function whyNoDownload(purpose: string): string | null {
  return UNDOWNLOADABLE_PURPOSES.has(purpose)
    ? `OpenAI does not let anyone download files of purpose “${purpose}” (the API answers “Not allowed to download files of purpose: ${purpose}”), so keep your own copy.`
    : null;
}

/** Download (where the purpose allows) and delete, with a confirmation naming the file and the org. */
export function FileActions({
  connection,
  file,
  onDeleted,
}: {
  connection: ConnectionView;
  file: FileView;
  onDeleted: () => void;
}) {
  const bridge = useBridge();
  const [deleting, setDeleting] = useState(false);
  const remove = useFerryMutation('files.delete', {
    invalidates: ['files.list', 'vectorStores.files', 'vectorStores.list', 'files.usedBy', 'assistants.list'],
  });
  const noDownload = whyNoDownload(file.purpose);
  const download = useFileDownload(connection.id, file.id);
  const busy = download.state.phase === 'checking' || download.state.phase === 'saving';
  const readOnly = connection.readOnly ? `${connection.name} is read-only.` : null;
  return (
    <div className="file-actions">
      <div className="inspector__actions">
        <button
          type="button"
          className="button button--small"
          disabled={noDownload !== null || busy}
          title={noDownload ?? `Download ${file.filename}`}
          onClick={() => void download.start()}
        >
          {bridge.desktop ? 'Save as…' : 'Download'}
        </button>
        <button
          type="button"
          className="button button--small button--danger-quiet"
          disabled={readOnly !== null}
          title={readOnly ?? `Delete ${file.filename}`}
          onClick={() => setDeleting(true)}
        >
          Delete
        </button>
      </div>
      {noDownload && <p className="muted file-actions__why">{noDownload}</p>}
      <DownloadStatus state={download.state} />
      {readOnly && <p className="muted">{readOnly} Deleting is turned off.</p>}
      {deleting && (
        <DeleteFileDialog
          connection={connection}
          fileId={file.id}
          filename={file.filename}
          busy={remove.isPending}
          error={remove.error?.message}
          onCancel={() => {
            setDeleting(false);
            remove.reset();
          }}
          onConfirm={() =>
            mutateThen(
              remove,
              { connectionId: connection.id, fileId: file.id },
              () => (setDeleting(false), onDeleted()),
            )
          }
        />
      )}
    </div>
  );
}

/** Where a download stands, in words: its progress, where it went, or why it failed. */
function DownloadStatus({ state }: { state: DownloadState }) {
  switch (state.phase) {
    case 'idle':
      return null;
    case 'checking':
      return (
        <p className="muted" role="status">
          Preparing the download…
        </p>
      );
    case 'saving':
      return (
        <p className="muted" role="status">
          Saving… {formatBytes(state.bytesReceived)} of {formatBytes(state.bytesTotal)}
        </p>
      );
    case 'saved':
      return (
        <p className="muted" role="status">
          Saved to <code>{state.path}</code>
        </p>
      );
    case 'started':
      return (
        <p className="muted" role="status">
          Downloading; your browser shows its progress.
        </p>
      );
    case 'failed':
      return (
        <p className="pane-message--error" role="alert">
          Download failed: {state.message}
        </p>
      );
  }
}
