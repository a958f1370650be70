import { useState } from 'react';
import type { ConnectionView } from '../../../shared/connection.ts';
import type { MethodName, ResultOf } from '../../../shared/api.ts';
import type { FileView } from '../../../shared/resources.ts';
import { useFerryMutation } from '../query/ferry-query.ts';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';
import { fileUsers } from '../../../shared/usage-words.ts';
import { UsageStatus, useFilesUsage } from './used-by.tsx';

export type DeleteFilesResult = ResultOf<'files.deleteMany'>;

/**
 * The confirmation before deleting files for good: names the org, lists every file, and deletes them in
 * one call. Used for a list selection and for unused-files cleanup alike.
 */
export function DeleteFilesDialog({
  connection,
  files,
  intro,
  invalidates,
  onCancel,
  onDeleted,
}: {
  connection: ConnectionView;
  files: readonly FileView[];
  intro: string;
  invalidates: readonly MethodName[];
  onCancel: () => void;
  onDeleted: (result: DeleteFilesResult) => void;
}) {
  const remove = useFerryMutation('files.deleteMany', { invalidates });
  // The files the dialog was opened for, in the order shown: what it lists is what it deletes.
  const [listed] = useState(() => files.map((f) => ({ id: f.id, filename: f.filename })));
  const usage = useFilesUsage(
    connection.id,
    listed.map((f) => f.id),
  );
  const n = listed.length;
  return (
    <ConfirmDialog
      open
      destructive
      title={`Delete ${n} ${n === 1 ? 'file' : 'files'} from ${connection.name}?`}
      confirmLabel={`Delete ${n} ${n === 1 ? 'file' : 'files'}`}
      busy={remove.isPending}
      confirmDisabled={usage.checking}
      error={remove.error?.message}
      onCancel={onCancel}
      onConfirm={() =>
        remove.mutate({ connectionId: connection.id, fileIds: listed.map((f) => f.id) }, { onSuccess: onDeleted })
      }
    >
      <p>{intro}</p>
      <UsageStatus connection={connection} usage={usage}>
        {(data) => {
          const usersOf = new Map(data.files.map((u) => [u.fileId, fileUsers(u)]));
          const inUse = listed.filter((f) => (usersOf.get(f.id)?.length ?? 0) > 0).length;
          return (
            <p>
              {inUse === 0
                ? `None of them is used: no vector store holds them${data.assistantsChecked ? ' and no assistant uses them' : ''}.`
                : `${inUse} of them ${inUse === 1 ? 'is in use, by what is named beside it' : 'are in use, by what is named beside each'}; deleting takes them from there.`}
            </p>
          );
        }}
      </UsageStatus>
      <ul className="unused-list" tabIndex={0} aria-label="Files to delete">
        {listed.map((f) => {
          const found = usage.data?.files.find((u) => u.fileId === f.id);
          const users = found ? fileUsers(found) : [];
          return (
            <li key={f.id} aria-label={f.filename}>
              {f.filename}
              {users.length > 0 && <span className="muted"> · used by {users.join('; ')}</span>}
            </li>
          );
        })}
      </ul>
    </ConfirmDialog>
  );
}

/** "Could not delete “a.md”: …; “b.md”: …", naming each file that stayed, or null when all went. */
export function describeFailures(result: DeleteFilesResult, files: readonly FileView[]): string | null {
  if (result.failed.length === 0) return null;
  const names = new Map(files.map((f) => [f.id, f.filename]));
  return `Could not delete ${result.failed.map((f) => `“${names.get(f.fileId) ?? f.fileId}”: ${f.message}`).join('; ')}`;
}
