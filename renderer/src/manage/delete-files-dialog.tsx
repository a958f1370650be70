import type { ConnectionView } from '../../../shared/connection.ts';
import type { MethodName, ResultOf } from '../../../shared/api.ts';
import type { FileView } from '../../../shared/resources.ts';
import { useFerryMutation } from '../query/ferry-query.ts';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';

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
  const n = files.length;
  return (
    <ConfirmDialog
      open
      destructive
      title={`Delete ${n} ${n === 1 ? 'file' : 'files'} from ${connection.name}?`}
      confirmLabel={`Delete ${n} ${n === 1 ? 'file' : 'files'}`}
      busy={remove.isPending}
      error={remove.error?.message}
      onCancel={onCancel}
      onConfirm={() => remove.mutate({ connectionId: connection.id, fileIds: files.map((f) => f.id) }, { onSuccess: onDeleted })}
    >
      <p>{intro}</p>
      <ul className="unused-list" aria-label="Files to delete">
        {files.map((f) => (
          <li key={f.id}>{f.filename}</li>
        ))}
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
