import { useState } from 'react';
import type { ConnectionView } from '../../../shared/connection.ts';
import type { FileView } from '../../../shared/resources.ts';
import { useBridge } from '../bridge/index.ts';
import { useFerryMutation } from '../query/ferry-query.ts';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';

/** Why a file cannot be downloaded, in a sentence; null when it can. */
export function whyNoDownload(purpose: string): string | null {
  return purpose === 'assistants' || purpose === 'user_data'
    ? `OpenAI does not let anyone download files of purpose “${purpose}” (the API answers “Not allowed to download files of purpose: ${purpose}”), so keep your own copy.`
    : null;
}

/** Download (where the purpose allows) and delete, with a confirmation naming the file and the org. */
export function FileActions({ connection, file, onDeleted }: { connection: ConnectionView; file: FileView; onDeleted: () => void }) {
  const bridge = useBridge();
  const [deleting, setDeleting] = useState(false);
  const remove = useFerryMutation('files.delete', { invalidates: ['files.list', 'vectorStores.files', 'vectorStores.list'] });
  const noDownload = whyNoDownload(file.purpose) ?? (bridge.transport === 'http' ? null : 'Downloading from the desktop window is not available yet; use browser mode.');
  const readOnly = connection.readOnly ? `${connection.name} is read-only.` : null;
  const href = `/api/download?connectionId=${encodeURIComponent(connection.id)}&fileId=${encodeURIComponent(file.id)}`;
  return (
    <div className="file-actions">
      <div className="inspector__actions">
        {noDownload ? (
          <button type="button" className="button button--small" disabled title={noDownload}>
            Download
          </button>
        ) : (
          <a className="button button--small" href={href} download={file.filename}>
            Download
          </a>
        )}
        <button type="button" className="button button--small button--danger-quiet" disabled={readOnly !== null} title={readOnly ?? `Delete ${file.filename}`} onClick={() => setDeleting(true)}>
          Delete
        </button>
      </div>
      {noDownload && <p className="muted file-actions__why">{noDownload}</p>}
      {readOnly && <p className="muted">{readOnly} Deleting is turned off.</p>}
      <ConfirmDialog
        open={deleting}
        destructive
        title="Delete file?"
        confirmLabel="Delete file"
        busy={remove.isPending}
        error={remove.error?.message}
        onCancel={() => {
          setDeleting(false);
          remove.reset();
        }}
        onConfirm={() => remove.mutate({ connectionId: connection.id, fileId: file.id }, { onSuccess: () => (setDeleting(false), onDeleted()) })}
      >
        <p>
          Delete the file <strong>{file.filename}</strong> from <strong>{connection.name}</strong>? It leaves every vector store that holds it. This cannot be undone.
        </p>
      </ConfirmDialog>
    </div>
  );
}
