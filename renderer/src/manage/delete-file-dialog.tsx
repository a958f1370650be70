import type { ConnectionView } from '../../../shared/connection.ts';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';
import { fileUsers } from '../../../shared/usage-words.ts';
import { UsageStatus, UsersList, useFilesUsage } from './used-by.tsx';

/**
 * The confirmation before deleting one file: names the file and the org, and says what uses it (the stores
 * that hold it, the assistants that use it), checked fresh; Delete waits for that check.
 */
export function DeleteFileDialog({
  connection,
  fileId,
  filename,
  busy,
  error,
  onCancel,
  onConfirm,
}: {
  connection: ConnectionView;
  fileId: string;
  filename: string;
  busy: boolean;
  error: string | null | undefined;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const usage = useFilesUsage(connection.id, [fileId]);
  return (
    <ConfirmDialog
      open
      destructive
      title="Delete file?"
      confirmLabel="Delete file"
      busy={busy}
      confirmDisabled={usage.checking}
      error={error}
      onCancel={onCancel}
      onConfirm={onConfirm}
    >
      <p>
        Delete the file <strong>{filename}</strong> from <strong>{connection.name}</strong>? It leaves every vector
        store that holds it. This cannot be undone.
      </p>
      <UsageStatus connection={connection} usage={usage}>
        {(data) => {
          const users = data.files[0] ? fileUsers(data.files[0]) : [];
          return (
            <>
              {users.length > 0 && <p>Deleting it takes it from:</p>}
              <UsersList
                users={users}
                nobody={`Nothing in ${connection.name} uses it: no vector store holds it${data.assistantsChecked ? ' and no assistant uses it' : ''}.`}
              />
            </>
          );
        }}
      </UsageStatus>
    </ConfirmDialog>
  );
}
