import { useState } from 'react';
import type { ConnectionView } from '../../../shared/connection.ts';
import type { FileView, VectorStoreView } from '../../../shared/resources.ts';
import { useFerryMutation } from '../query/ferry-query.ts';
import { FileChecklist } from './file-checklist.tsx';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';
import { TextField } from '../ui/text-field.tsx';
import {
  ChunkingFields,
  DEFAULT_CHUNKING,
  PairsField,
  pairsText,
  parsePairs,
  toChunking,
  type ChunkingDraft,
} from './form-parts.tsx';

const STORE_READS = ['vectorStores.list', 'vectorStores.get', 'vectorStores.files'] as const;

/**
 * Create a store (name, expiry, metadata, files to add and their chunking), or edit one (rename, metadata,
 * expiry). Expiry is "N days after last activity"; blank means never.
 */
export function StoreFormDialog({
  connection,
  store,
  files,
  onDone,
}: {
  connection: ConnectionView;
  store?: VectorStoreView;
  files: readonly FileView[];
  onDone: (created?: VectorStoreView) => void;
}) {
  const [name, setName] = useState(store?.name ?? '');
  const [days, setDays] = useState(store?.expires_after ? String(store.expires_after.days) : '');
  const [metadata, setMetadata] = useState(pairsText(store?.metadata));
  const [chunking, setChunking] = useState<ChunkingDraft>(DEFAULT_CHUNKING);
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const create = useFerryMutation('vectorStores.create', { invalidates: STORE_READS });
  const update = useFerryMutation('vectorStores.update', { invalidates: STORE_READS });
  const busy = create.isPending || update.isPending;
  const candidates = files.filter((f) => f.purpose === 'assistants' || f.purpose === 'user_data');

  const submit = async () => {
    const parsed = parsePairs(metadata);
    if (parsed.error) return setError(`Metadata: ${parsed.error}`);
    const expiresAfterDays = days.trim() === '' ? null : Number(days);
    setError(null);
    try {
      if (store) {
        await update.mutateAsync({
          connectionId: connection.id,
          vectorStoreId: store.id,
          name,
          metadata: parsed.pairs,
          expiresAfterDays,
        });
        onDone();
      } else {
        const chunk = toChunking(chunking);
        const created = await create.mutateAsync({
          connectionId: connection.id,
          name,
          metadata: parsed.pairs,
          ...(expiresAfterDays !== null ? { expiresAfterDays } : {}),
          ...(chosen.length > 0 ? { fileIds: chosen } : {}),
          ...(chunk ? { chunking: chunk } : {}),
        });
        onDone(created);
      }
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <ConfirmDialog
      open
      title={
        store ? `Edit vector store “${store.name}” in ${connection.name}` : `New vector store in ${connection.name}`
      }
      confirmLabel={store ? 'Save' : 'Create vector store'}
      wide
      busy={busy}
      error={error}
      onConfirm={() => void submit()}
      onCancel={() => onDone()}
    >
      <div className="form manage-form">
        <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
        <TextField
          label="Expires after (days of inactivity)"
          hint="1 to 365; leave blank to keep it forever."
          optional
          inputMode="numeric"
          value={days}
          onChange={(e) => setDays(e.target.value)}
        />
        <PairsField
          label="Metadata"
          hint="One key=value per line; at most 16."
          value={metadata}
          onChange={setMetadata}
        />
        {!store && (
          <>
            <FileChecklist
              legend={`Files to add (${chosen.length} chosen)`}
              empty={`No files of purpose assistants in ${connection.name}; upload some after creating the store.`}
              candidates={candidates}
              chosen={chosen}
              onChange={setChosen}
            />
            <ChunkingFields value={chunking} onChange={setChunking} />
          </>
        )}
      </div>
    </ConfirmDialog>
  );
}
