import { useState } from 'react';
import type { ConnectionView } from '../../../shared/connection.ts';
import { formatBytes } from '../../../shared/format.ts';
import { useFerryQuery } from '../query/ferry-query.ts';
import { DeleteFilesDialog, describeFailures } from './delete-files-dialog.tsx';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';

/**
 * Files referenced by no vector store and no assistant, with bulk delete behind a confirmation that lists
 * them. Where the Assistants API is retired the check is incomplete: say so, and list nothing until the
 * admin accepts that.
 */
export function UnusedFilesDialog({ connection, onDone }: { connection: ConnectionView; onDone: () => void }) {
  const [waived, setWaived] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  const unused = useFerryQuery('files.unused', { connectionId: connection.id, ignoreAssistants: waived });
  const files = unused.data?.files ?? [];
  const readOnly = connection.readOnly ? `${connection.name} is read-only, so files cannot be deleted here.` : null;

  const body = unused.isPending ? (
    <p role="status">Checking every vector store and assistant in {connection.name}…</p>
  ) : unused.isError ? (
    <p className="pane-message--error" role="alert">
      {unused.error.message}
    </p>
  ) : (
    <>
      {unused.data.message && (
        <p className="warning" role="note">
          {unused.data.message}
        </p>
      )}
      {!unused.data.assistantsChecked && !waived && (
        <button type="button" className="button button--small" onClick={() => setWaived(true)}>
          List them anyway
        </button>
      )}
      {result && <p role="status">{result}</p>}
      {(unused.data.assistantsChecked || waived) &&
        (files.length === 0 ? (
          <p>No unused files: every file of {connection.name} is in a vector store or used by an assistant.</p>
        ) : (
          <>
            <p>
              {files.length} of {unused.data.total} files are in no vector store{unused.data.assistantsChecked ? ' and used by no assistant' : ''}:
            </p>
            <ul className="unused-list" aria-label="Unused files">
              {files.map((f) => (
                <li key={f.id}>
                  {f.filename} <span className="muted">· {f.purpose} · {formatBytes(f.bytes)}</span>
                </li>
              ))}
            </ul>
            {readOnly && <p className="muted">{readOnly}</p>}
          </>
        ))}
    </>
  );

  return (
    <>
      <ConfirmDialog
        open={!confirming}
        title={`Unused files in ${connection.name}`}
        confirmLabel={files.length > 0 ? `Delete ${files.length} unused ${files.length === 1 ? 'file' : 'files'}…` : 'Done'}
        destructive={files.length > 0}
        onCancel={onDone}
        onConfirm={() => (files.length > 0 && !readOnly ? setConfirming(true) : onDone())}
      >
        {body}
      </ConfirmDialog>
      {confirming && (
        <DeleteFilesDialog
          connection={connection}
          files={files}
          intro="These files will be deleted for good:"
          invalidates={['files.list', 'files.unused']}
          onCancel={() => setConfirming(false)}
          onDeleted={(result) => {
            const failures = describeFailures(result);
            setResult(`Deleted ${result.deleted.length} ${result.deleted.length === 1 ? 'file' : 'files'}.${failures ? ` ${failures}` : ''}`);
            setConfirming(false);
          }}
        />
      )}
    </>
  );
}
