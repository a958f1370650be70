import { useState } from 'react';
import type { ConnectionView } from '../../../shared/connection.ts';
import type { FileView, VectorStoreView } from '../../../shared/resources.ts';
import { useFerryMutation } from '../query/ferry-query.ts';
import { FileChecklist } from './file-checklist.tsx';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';
import {
  ChunkingFields,
  DEFAULT_CHUNKING,
  PairsField,
  parseAttributes,
  toChunking,
  type ChunkingDraft,
} from './form-parts.tsx';

/** Adds files already in the org to a store, with the attributes and chunking chosen here. */
export function AddExistingDialog({
  connection,
  store,
  orgFiles,
  inStore,
  onDone,
}: {
  connection: ConnectionView;
  store: VectorStoreView;
  orgFiles: readonly FileView[];
  inStore: readonly string[];
  onDone: () => void;
}) {
  const [chosen, setChosen] = useState<string[]>([]);
  const [attrText, setAttrText] = useState('');
  const [chunking, setChunking] = useState<ChunkingDraft>(DEFAULT_CHUNKING);
  const [error, setError] = useState<string | null>(null);
  const add = useFerryMutation('vectorStores.addFiles', { invalidates: ['vectorStores.files', 'vectorStores.list'] });
  const candidates = orgFiles.filter(
    (f) => !inStore.includes(f.id) && (f.purpose === 'assistants' || f.purpose === 'user_data'),
  );

  const submit = async () => {
    const parsed = parseAttributes(attrText);
    if (parsed.error) return setError(parsed.error);
    if (chosen.length === 0) return setError('Choose at least one file.');
    const chunk = toChunking(chunking);
    try {
      await add.mutateAsync({
        connectionId: connection.id,
        vectorStoreId: store.id,
        files: chosen.map((fileId) => ({
          fileId,
          attributes: parsed.attributes,
          ...(chunk ? { chunking: chunk } : {}),
        })),
      });
      onDone();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <ConfirmDialog
      open
      title={`Add existing files to “${store.name}”`}
      confirmLabel={`Add ${chosen.length || ''} ${chosen.length === 1 ? 'file' : 'files'}`.replace('  ', ' ')}
      busy={add.isPending}
      error={error}
      onCancel={onDone}
      onConfirm={() => void submit()}
    >
      <div className="form manage-form">
        <FileChecklist
          legend={`Files in ${connection.name} not yet in this store`}
          empty="Every searchable file of this org is already in the store."
          candidates={candidates}
          chosen={chosen}
          onChange={setChosen}
        />
        <PairsField
          label="Attributes for the files added"
          hint="One key=value per line (optional); numbers and true/false keep their type."
          value={attrText}
          onChange={setAttrText}
        />
        <ChunkingFields value={chunking} onChange={setChunking} />
      </div>
    </ConfirmDialog>
  );
}
