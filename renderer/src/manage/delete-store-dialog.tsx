import type { ReactNode } from 'react';
import type { ConnectionView } from '../../../shared/connection.ts';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';
import { storeUsers } from '../../../shared/usage-words.ts';
import { UsageStatus, UsersList, useStoresUsage } from './used-by.tsx';

/**
 * The confirmation before deleting one vector store: `children` names the store and the org; below, the
 * assistants whose file search uses it, checked fresh. Delete waits for that check.
 */
export function DeleteStoreDialog({
  open,
  connection,
  vectorStoreId,
  busy,
  error,
  onCancel,
  onConfirm,
  children,
}: {
  open: boolean;
  connection: ConnectionView;
  vectorStoreId: string;
  busy: boolean;
  error: string | null | undefined;
  onCancel: () => void;
  onConfirm: () => void;
  children: ReactNode;
}) {
  const usage = useStoresUsage(connection.id, open ? [vectorStoreId] : []);
  return (
    <ConfirmDialog
      open={open}
      destructive
      title="Delete vector store?"
      confirmLabel="Delete vector store"
      busy={busy}
      confirmDisabled={usage.checking}
      error={error}
      onCancel={onCancel}
      onConfirm={onConfirm}
    >
      {children}
      {open && (
        <UsageStatus connection={connection} usage={usage}>
          {(data) => {
            const users = data.vectorStores[0] ? storeUsers(data.vectorStores[0]) : [];
            return (
              <>
                {users.length > 0 && <p>These assistants search it, and lose it:</p>}
                {data.assistantsChecked && (
                  <UsersList users={users} nobody={`No assistant in ${connection.name} uses it.`} />
                )}
              </>
            );
          }}
        </UsageStatus>
      )}
    </ConfirmDialog>
  );
}
