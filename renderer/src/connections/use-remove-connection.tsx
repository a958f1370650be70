import { useState, type ReactNode } from 'react';
import type { ConnectionView } from '../../../shared/connection.ts';
import { asBridgeError, useFerryMutation } from '../query/ferry-query.ts';
import { RemoveConnectionDialog } from './remove-connection-dialog.tsx';

/**
 * Removing a connection, as both editors (an org's and a folder's) offer it: the confirmation naming it
 * (for a project opened from an organization, with the choice to delete its service account), its error
 * in place, and `onRemoved` once the core has forgotten it.
 */
export function useRemoveConnection(
  connection: ConnectionView | null,
  onRemoved: (view: ConnectionView) => void,
): { ask: () => void; dialog: ReactNode } {
  const [removing, setRemoving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const remove = useFerryMutation('connections.remove', { invalidates: ['connections.list'] });
  // A project opened from an organization goes through the organization, which may delete its service account.
  const removeProject = useFerryMutation('organizations.removeProject', {
    invalidates: ['connections.list', 'organizations.projects'],
  });

  const confirm = async (deleteServiceAccount: boolean) => {
    if (!connection) return;
    setError(null);
    try {
      if (connection.organizationLink)
        await removeProject.mutateAsync({ connectionId: connection.id, deleteServiceAccount });
      else await remove.mutateAsync({ id: connection.id });
      setRemoving(false);
      onRemoved(connection);
    } catch (failure) {
      setError(asBridgeError(failure).message);
    }
  };

  const dialog = connection ? (
    <RemoveConnectionDialog
      connection={connection}
      open={removing}
      busy={remove.isPending || removeProject.isPending}
      error={error}
      onConfirm={(deleteServiceAccount) => void confirm(deleteServiceAccount)}
      onCancel={() => {
        setRemoving(false);
        setError(null);
      }}
    />
  ) : null;
  return { ask: () => setRemoving(true), dialog };
}
