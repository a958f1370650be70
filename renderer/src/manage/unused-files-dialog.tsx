import { useState } from 'react';
import type { ConnectionView } from '../../../shared/connection.ts';
import { formatBytes } from '../../../shared/format.ts';
import type { FileView } from '../../../shared/resources.ts';
import { useFerryQuery } from '../query/ferry-query.ts';
import { DeleteFilesDialog, describeFailures } from './delete-files-dialog.tsx';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';

/**
 * The purposes a vector store or an assistant can reference: what a knowledge-base clean-up is after.
 * Batch and fine-tune inputs are never in a store, so they always count as unused, yet an admin rarely
 * means to delete them along with the leftovers; they are listed only when asked for.
 */
const REFERENCEABLE = ['assistants', 'user_data'];

/** The referenceable purposes among the files, or every purpose when there are none of those. */
function defaultPurposes(files: readonly FileView[]): ReadonlySet<string> {
  const present = new Set(files.map((f) => f.purpose));
  const referenceable = REFERENCEABLE.filter((p) => present.has(p));
  return new Set(referenceable.length > 0 ? referenceable : present);
}

/** Each purpose among the files with its count, referenceable purposes first, then by name. */
function purposeCounts(files: readonly FileView[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const f of files) counts.set(f.purpose, (counts.get(f.purpose) ?? 0) + 1);
  const rank = (p: string) => (REFERENCEABLE.includes(p) ? 0 : 1);
  return [...counts].sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}

/**
 * Files referenced by no vector store and no assistant, filtered by purpose, with bulk delete (of the files
 * shown only) behind a confirmation that lists them. Where the Assistants API is retired the check is
 * incomplete: say so, and list nothing until the admin accepts that.
 */
export function UnusedFilesDialog({ connection, onDone }: { connection: ConnectionView; onDone: () => void }) {
  const [waived, setWaived] = useState(false);
  // The files the confirmation was opened for: what it lists is exactly what gets deleted, whatever refetches.
  const [confirming, setConfirming] = useState<readonly FileView[] | null>(null);
  const [result, setResult] = useState<string | null>(null);
  // null: the default for what is listed now. Fixed once the admin changes it or deletes, so deleting the
  // files shown never widens the filter to purposes the admin did not choose.
  const [chosen, setChosen] = useState<ReadonlySet<string> | null>(null);
  const unused = useFerryQuery('files.unused', { connectionId: connection.id, ignoreAssistants: waived });
  const candidates = unused.data?.files ?? [];
  const checked = chosen ?? defaultPurposes(candidates);
  const files = candidates.filter((f) => checked.has(f.purpose));
  const purposes = purposeCounts(candidates);
  const readOnly = connection.readOnly ? `${connection.name} is read-only, so files cannot be deleted here.` : null;
  const toggle = (purpose: string, on: boolean) => {
    const next = new Set(checked);
    if (on) next.add(purpose);
    else next.delete(purpose);
    setChosen(next);
  };

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
        (candidates.length === 0 ? (
          <p>No unused files: every file of {connection.name} is in a vector store or used by an assistant.</p>
        ) : (
          <>
            <p>
              {candidates.length} of {unused.data.total} files are in no vector store
              {unused.data.assistantsChecked ? ' and used by no assistant' : ''}.
            </p>
            <fieldset className="fieldset fieldset--inline">
              <legend>Purposes to list</legend>
              {purposes.map(([purpose, count]) => (
                <label key={purpose} className="checkbox">
                  <input
                    type="checkbox"
                    checked={checked.has(purpose)}
                    onChange={(e) => toggle(purpose, e.target.checked)}
                  />
                  <span>
                    {purpose} ({count})
                  </span>
                </label>
              ))}
            </fieldset>
            {purposes.some(([p]) => !checked.has(p)) && (
              <p className="muted">
                Only files of the purposes checked are listed and deleted. Batch and fine-tune files are never in a
                vector store, so they always show up here.
              </p>
            )}
            {files.length === 0 ? (
              <p>None of them has a purpose checked above.</p>
            ) : (
              <ul className="unused-list" tabIndex={0} aria-label="Unused files">
                {files.map((f) => (
                  <li key={f.id}>
                    {f.filename}{' '}
                    <span className="muted">
                      · {f.purpose} · {formatBytes(f.bytes)}
                    </span>
                  </li>
                ))}
              </ul>
            )}
            {readOnly && <p className="muted">{readOnly}</p>}
          </>
        ))}
    </>
  );

  return (
    <>
      <ConfirmDialog
        open={confirming === null}
        title={`Unused files in ${connection.name}`}
        confirmLabel={
          files.length > 0 ? `Delete ${files.length} unused ${files.length === 1 ? 'file' : 'files'}…` : 'Done'
        }
        destructive={files.length > 0}
        onCancel={onDone}
        onConfirm={() => (files.length > 0 && !readOnly ? setConfirming(files) : onDone())}
      >
        {body}
      </ConfirmDialog>
      {confirming && (
        <DeleteFilesDialog
          connection={connection}
          files={confirming}
          intro="These files will be deleted for good:"
          invalidates={['files.list', 'files.unused']}
          onCancel={() => setConfirming(null)}
          onDeleted={(result) => {
            const failures = describeFailures(result, confirming);
            setResult(
              `Deleted ${result.deleted.length} ${result.deleted.length === 1 ? 'file' : 'files'}.${failures ? ` ${failures}` : ''}`,
            );
            setChosen(checked);
            setConfirming(null);
          }}
        />
      )}
    </>
  );
}
