import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ConnectionView } from '../../../shared/connection.ts';
import type { VectorStoreView } from '../../../shared/resources.ts';
import { useBridge } from '../bridge/index.ts';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';

/** Deletes the vector stores selected in the list, behind a confirmation that lists them; their files stay. */
export function BulkDeleteStores({ connection, stores, onDeleted }: { connection: ConnectionView; stores: readonly VectorStoreView[]; onDeleted: () => void }) {
  const bridge = useBridge();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const readOnly = connection.readOnly ? `${connection.name} is read-only.` : null;
  const n = stores.length;
  const what = `${n} vector ${n === 1 ? 'store' : 'stores'}`;

  const run = async () => {
    setBusy(true);
    setError(null);
    const results = await Promise.allSettled(stores.map((s) => bridge.call('vectorStores.delete', { connectionId: connection.id, vectorStoreId: s.id })));
    setBusy(false);
    await queryClient.invalidateQueries({ queryKey: ['vectorStores.list'] });
    const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [`${stores[i]?.name ?? ''}: ${r.reason instanceof Error ? r.reason.message : String(r.reason)}`] : []));
    if (failed.length > 0) return setError(`${failed.length} could not be deleted. ${failed.join('; ')}`);
    setConfirming(false);
    onDeleted();
  };

  return (
    <>
      <button type="button" className="button button--danger-quiet" disabled={readOnly !== null || n === 0} title={readOnly ?? `Delete the ${what} selected`} onClick={() => setConfirming(true)}>
        Delete {n} selected vector {n === 1 ? 'store' : 'stores'}…
      </button>
      {readOnly && <p className="muted">{readOnly} Deleting is turned off.</p>}
      <ConfirmDialog open={confirming} destructive title={`Delete ${what} from ${connection.name}?`} confirmLabel={`Delete ${what}`} busy={busy} error={error} onCancel={() => setConfirming(false)} onConfirm={() => void run()}>
        <p>These vector stores will be deleted for good; their files stay in the org:</p>
        <ul className="unused-list" aria-label="Vector stores to delete">
          {stores.map((s) => (
            <li key={s.id}>{s.name || s.id}</li>
          ))}
        </ul>
      </ConfirmDialog>
    </>
  );
}
