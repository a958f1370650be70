import { useState } from 'react';
import type { ConnectionView } from '../../../shared/connection.ts';
import type { FileView } from '../../../shared/resources.ts';
import { useFerryMutation } from '../query/ferry-query.ts';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';

/** Deletes the files selected in the list (shift/ctrl-click), behind a confirmation that lists them. */
export function BulkDeleteFiles({ connection, files, onDeleted }: { connection: ConnectionView; files: readonly FileView[]; onDeleted: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const [failures, setFailures] = useState<string | null>(null);
  const remove = useFerryMutation('files.deleteMany', { invalidates: ['files.list', 'vectorStores.files', 'vectorStores.list'] });
  const readOnly = connection.readOnly ? `${connection.name} is read-only.` : null;
  const n = files.length;
  return (
    <>
      <button type="button" className="button button--danger-quiet" disabled={readOnly !== null || n === 0} title={readOnly ?? `Delete the ${n} selected files`} onClick={() => setConfirming(true)}>
        Delete {n} selected {n === 1 ? 'file' : 'files'}…
      </button>
      {readOnly && <p className="muted">{readOnly} Deleting is turned off.</p>}
      {failures && (
        <p className="pane-message--error" role="alert">
          {failures}
        </p>
      )}
      <ConfirmDialog
        open={confirming}
        destructive
        title={`Delete ${n} ${n === 1 ? 'file' : 'files'} from ${connection.name}?`}
        confirmLabel={`Delete ${n} ${n === 1 ? 'file' : 'files'}`}
        busy={remove.isPending}
        error={remove.error?.message}
        onCancel={() => setConfirming(false)}
        onConfirm={() =>
          remove.mutate(
            { connectionId: connection.id, fileIds: files.map((f) => f.id) },
            {
              onSuccess: (r) => {
                setConfirming(false);
                setFailures(r.failed.length > 0 ? `${r.failed.length} could not be deleted: ${r.failed.map((f) => f.message).join('; ')}` : null);
                onDeleted();
              },
            },
          )
        }
      >
        <p>These files will be deleted for good, and leave every vector store that holds them:</p>
        <ul className="unused-list" aria-label="Files to delete">
          {files.map((f) => (
            <li key={f.id}>{f.filename}</li>
          ))}
        </ul>
      </ConfirmDialog>
    </>
  );
}
