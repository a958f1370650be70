import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ResultOf } from '../../../shared/api.ts';
import type { ConnectionView } from '../../../shared/connection.ts';
import type { VectorStoreView } from '../../../shared/resources.ts';
import { unnamed } from '../ui/names.ts';
import { useFerryMutation } from '../query/ferry-query.ts';
import { invalidatePanes } from '../query/use-ferry-events.ts';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';
import { storeUsers } from '../../../shared/usage-words.ts';
import { UsageStatus, useStoresUsage } from './used-by.tsx';

const storesWord = (n: number) => `${n} vector ${n === 1 ? 'store' : 'stores'}`;

/** Deletes the vector stores selected in the list, behind a confirmation that lists them; their files stay. */
export function BulkDeleteStores({
  connection,
  stores,
  onDeleted,
}: {
  connection: ConnectionView;
  stores: readonly VectorStoreView[];
  onDeleted: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const readOnly = connection.readOnly ? `${connection.name} is read-only.` : null;
  const n = stores.length;
  return (
    <>
      <button
        type="button"
        className="button button--danger-quiet"
        disabled={readOnly !== null || n === 0}
        title={readOnly ?? `Delete the ${storesWord(n)} selected`}
        onClick={() => setConfirming(true)}
      >
        Delete {n} selected vector {n === 1 ? 'store' : 'stores'}…
      </button>
      {readOnly && <p className="muted">{readOnly} Deleting is turned off.</p>}
      {confirming && (
        <DeleteStoresDialog
          connection={connection}
          stores={stores}
          onClose={(deletedAny) => {
            setConfirming(false);
            if (deletedAny) onDeleted();
          }}
        />
      )}
    </>
  );
}

interface Report {
  asked: number;
  deleted: number;
  failed: { id: string; name: string; message: string }[];
}

/**
 * Lists the stores, deletes them in one core call (busy until it answers), then closes when all went, or
 * stays open to say which could not be deleted and why: after a partial success the admin must see what is left.
 */
function DeleteStoresDialog({
  connection,
  stores,
  onClose,
}: {
  connection: ConnectionView;
  stores: readonly VectorStoreView[];
  onClose: (deletedAny: boolean) => void;
}) {
  const queryClient = useQueryClient();
  // The pane's lists refresh as stores go; the dialog keeps naming the ones it was opened for, in the
  // order the pane listed them.
  const [listed] = useState(() => stores.map((s) => ({ id: s.id, name: s.name || unnamed(s.id) })));
  const [report, setReport] = useState<Report | null>(null);
  // Files of deleted stores may now be unused, and an assistant's file_search may name a store that is gone.
  const remove = useFerryMutation('vectorStores.deleteMany', {
    invalidates: [
      'vectorStores.list',
      'vectorStores.get',
      'vectorStores.files',
      'files.unused',
      'files.usedBy',
      'vectorStores.usedBy',
      'assistants.get',
      'assistants.list',
    ],
  });
  const usage = useStoresUsage(
    connection.id,
    listed.map((s) => s.id),
  );
  const what = storesWord(listed.length);

  const finish = (result: ResultOf<'vectorStores.deleteMany'>) => {
    if (result.failed.length === 0) return onClose(true);
    const names = new Map(listed.map((s) => [s.id, s.name]));
    setReport({
      asked: listed.length,
      deleted: result.deleted.length,
      failed: result.failed.map((f) => ({
        id: f.vectorStoreId,
        name: names.get(f.vectorStoreId) ?? f.vectorStoreId,
        message: f.message,
      })),
    });
  };

  if (report) {
    return (
      <ConfirmDialog
        open
        title={report.deleted > 0 ? 'Some vector stores were not deleted' : 'No vector store was deleted'}
        confirmLabel="Done"
        cancellable={false}
        onConfirm={() => onClose(report.deleted > 0)}
        onCancel={() => onClose(report.deleted > 0)}
      >
        <div role="alert">
          <p>
            <strong>
              Deleted {report.deleted} of {storesWord(report.asked)}.
            </strong>{' '}
            {report.failed.length === 1 ? 'This one is' : 'These are'} still in {connection.name}:
          </p>
          <ul className="unused-list" tabIndex={0} aria-label="Vector stores not deleted">
            {report.failed.map((f) => (
              <li key={f.id}>
                Could not delete “{f.name}”: {f.message}
              </li>
            ))}
          </ul>
        </div>
      </ConfirmDialog>
    );
  }

  return (
    <ConfirmDialog
      open
      destructive
      title={`Delete ${what} from ${connection.name}?`}
      confirmLabel={`Delete ${what}`}
      busy={remove.isPending}
      confirmDisabled={usage.checking}
      error={remove.error?.message}
      onCancel={() => onClose(false)}
      onConfirm={() =>
        remove.mutate(
          { connectionId: connection.id, vectorStoreIds: listed.map((s) => s.id) },
          // The call failed as a whole (the connection dropped, say): some stores may have gone all the same.
          { onSuccess: finish, onError: () => invalidatePanes(queryClient, [connection.id]) },
        )
      }
    >
      <p>These vector stores will be deleted for good; their files stay in the org:</p>
      <UsageStatus connection={connection} usage={usage}>
        {(data) => {
          const inUse = data.vectorStores.filter((u) => u.assistants.length > 0).length;
          if (!data.assistantsChecked) return null;
          return (
            <p>
              {inUse === 0
                ? 'No assistant uses any of them.'
                : `${inUse} of them ${inUse === 1 ? 'is' : 'are'} searched by assistants, named beside ${inUse === 1 ? 'it' : 'each'}: they lose ${inUse === 1 ? 'it' : 'them'}.`}
            </p>
          );
        }}
      </UsageStatus>
      <ul className="unused-list" tabIndex={0} aria-label="Vector stores to delete">
        {listed.map((s) => {
          const found = usage.data?.vectorStores.find((u) => u.vectorStoreId === s.id);
          const users = found ? storeUsers(found) : [];
          return (
            <li key={s.id} aria-label={s.name}>
              {s.name}
              {users.length > 0 && <span className="muted"> · used by {users.join('; ')}</span>}
            </li>
          );
        })}
      </ul>
      {remove.isPending && (
        <p role="status">
          <progress aria-label={`Deleting ${what}`} /> Deleting {what} from {connection.name}…
        </p>
      )}
    </ConfirmDialog>
  );
}
