import { useState } from 'react';
import type { ConnectionView } from '../../../shared/connection.ts';
import type { FileView } from '../../../shared/resources.ts';
import { DeleteFilesDialog, describeFailures } from './delete-files-dialog.tsx';

/** Deletes the files selected in the list (shift/ctrl-click), behind a confirmation that lists them. */
export function BulkDeleteFiles({
  connection,
  files,
  onDeleted,
}: {
  connection: ConnectionView;
  files: readonly FileView[];
  onDeleted: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [failures, setFailures] = useState<string | null>(null);
  const readOnly = connection.readOnly ? `${connection.name} is read-only.` : null;
  const n = files.length;
  return (
    <>
      <button
        type="button"
        className="button button--danger-quiet"
        disabled={readOnly !== null || n === 0}
        title={readOnly ?? `Delete the ${n} selected files`}
        onClick={() => setConfirming(true)}
      >
        Delete {n} selected {n === 1 ? 'file' : 'files'}…
      </button>
      {readOnly && <p className="muted">{readOnly} Deleting is turned off.</p>}
      {failures && (
        <p className="pane-message--error" role="alert">
          {failures}
        </p>
      )}
      {confirming && (
        <DeleteFilesDialog
          connection={connection}
          files={files}
          intro="These files will be deleted for good, and leave every vector store that holds them:"
          invalidates={['files.list', 'vectorStores.files', 'vectorStores.list', 'files.usedBy', 'assistants.list']}
          onCancel={() => setConfirming(false)}
          onDeleted={(result) => {
            setConfirming(false);
            setFailures(describeFailures(result, files));
            onDeleted();
          }}
        />
      )}
    </>
  );
}
