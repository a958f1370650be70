import { useState } from 'react';
import type { ConnectionView } from '../../../shared/connection.ts';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';

export interface RemoveConnectionDialogProps {
  connection: ConnectionView;
  open: boolean;
  busy: boolean;
  error: string | null;
  /** For a project opened from an organization, whether its service account goes too (the admin's choice). */
  onConfirm: (deleteServiceAccount: boolean) => void;
  onCancel: () => void;
}

/** Names the connection and where it points, and says plainly what removal does and does not touch. */
export function RemoveConnectionDialog({ connection, onConfirm, ...rest }: RemoveConnectionDialogProps) {
  const [deleteAccount, setDeleteAccount] = useState(true);
  const link = connection.organizationLink;
  const where =
    connection.folder ?? [connection.baseUrl, connection.organization, connection.project].filter(Boolean).join(' · ');
  return (
    <ConfirmDialog
      {...rest}
      onConfirm={() => onConfirm(link !== undefined && deleteAccount)}
      destructive
      title={`Remove connection “${connection.name}”?`}
      confirmLabel="Remove connection"
    >
      <p>
        Ferry will forget <strong>{connection.name}</strong> ({where})
        {connection.keySource === 'none'
          ? '. The folder and the files in it are left as they are.'
          : connection.keySource === 'env'
            ? `. The environment variable $${connection.envVariable ?? ''} is left as it is.`
            : connection.keyStatus === 'session'
              ? ' and drop its session-only API key.'
              : ' and delete its API key from the keychain.'}
      </p>
      {link && (
        <label className="field__checkbox">
          <input type="checkbox" checked={deleteAccount} onChange={(e) => setDeleteAccount(e.target.checked)} /> Also
          delete its service account “{link.serviceAccountName}” in the project
        </label>
      )}
      <p>Nothing in the organization itself changes: its assistants, vector stores and files stay where they are.</p>
    </ConfirmDialog>
  );
}
