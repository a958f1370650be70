import type { ConnectionView } from '../../../shared/connection.ts';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';

export interface RemoveConnectionDialogProps {
  connection: ConnectionView;
  open: boolean;
  busy: boolean;
  error: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Names the connection and where it points, and says plainly what removal does and does not touch. */
export function RemoveConnectionDialog({ connection, ...rest }: RemoveConnectionDialogProps) {
  const where = [connection.baseUrl, connection.organization, connection.project].filter(Boolean).join(' · ');
  return (
    <ConfirmDialog {...rest} destructive title={`Remove connection “${connection.name}”?`} confirmLabel="Remove connection">
      <p>
        Ferry will forget <strong>{connection.name}</strong> ({where})
        {connection.keySource === 'keychain'
          ? ' and delete its API key from the keychain.'
          : `. The environment variable $${connection.envVariable ?? ''} is left as it is.`}
      </p>
      <p>Nothing in the organization itself changes: its assistants, vector stores and files stay where they are.</p>
    </ConfirmDialog>
  );
}
