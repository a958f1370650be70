import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { ConnectionView } from '../../../shared/connection.ts';
import type { FileView, VectorStoreFileView, VectorStoreView } from '../../../shared/resources.ts';
import { formatBytes } from '../../../shared/format.ts';
import { ingestFailureInWords, ingestRetryHelps } from '../../../shared/ingest-errors.ts';
import { useFerryMutation, useFerryQuery } from '../query/ferry-query.ts';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';
import { describeChunking, PairsField, pairsText, parseAttributes } from './form-parts.tsx';
import { StoreUploads } from './store-uploads.tsx';
import { AddExistingDialog } from './add-existing-dialog.tsx';
import { DeleteFileDialog } from './delete-file-dialog.tsx';

type Dialog = { kind: 'attributes' | 'remove' | 'delete'; file: VectorStoreFileView } | { kind: 'existing' } | null;

/** A store's files with status, last_error, attributes and chunking; add, remove, delete, edit, retry. Live while files ingest. */
export function StoreFiles({
  connection,
  store,
  orgFiles,
}: {
  connection: ConnectionView;
  store: VectorStoreView;
  orgFiles: readonly FileView[];
}) {
  const queryClient = useQueryClient();
  const files = useFerryQuery(
    'vectorStores.files',
    { connectionId: connection.id, vectorStoreId: store.id },
    { refetchInterval: (d) => (d?.some((f) => f.status === 'in_progress') ? 1000 : false) },
  );
  const [dialog, setDialog] = useState<Dialog>(null);
  const [error, setError] = useState<string | null>(null);
  // What uses a file changes as files join and leave stores.
  const invalidates = ['vectorStores.files', 'vectorStores.list', 'files.usedBy'] as const;
  const retry = useFerryMutation('vectorStores.retryFile', { invalidates });
  const remove = useFerryMutation('vectorStores.removeFile', { invalidates });
  const deleteFile = useFerryMutation('files.delete', { invalidates: [...invalidates, 'files.list'] });
  const setAttributes = useFerryMutation('vectorStores.updateFileAttributes', { invalidates });
  const [attrText, setAttrText] = useState('');
  const readOnly = connection.readOnly ? `${connection.name} is read-only.` : null;

  // When ingestion finishes, the store's counts change too.
  const ingesting = files.data?.some((f) => f.status === 'in_progress') ?? false;
  const wasIngesting = useRef(ingesting);
  useEffect(() => {
    if (wasIngesting.current && !ingesting) void queryClient.invalidateQueries({ queryKey: ['vectorStores.list'] });
    wasIngesting.current = ingesting;
  }, [ingesting, queryClient]);

  const nameOf = (id: string) => orgFiles.find((f) => f.id === id)?.filename ?? id;
  // The file's own size, failed or not: a failed file uses no store space (usage_bytes 0), but it still has bytes.
  const sizeOf = (f: VectorStoreFileView) =>
    orgFiles.find((o) => o.id === f.id)?.bytes ?? (f.usage_bytes > 0 ? f.usage_bytes : null);
  const close = () => {
    setDialog(null);
    setError(null);
  };
  /** Runs an action; a dialog's action closes its dialog, a row's action (retry) leaves any open dialog alone. */
  const run = async (action: () => Promise<unknown>, closeAfter = true) => {
    setError(null);
    try {
      await action();
      if (closeAfter) close();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const base = { connectionId: connection.id, vectorStoreId: store.id };

  return (
    <section className="inspector__section" aria-label="Files in this store">
      <div className="inspector__section-head">
        <h3 className="inspector__heading">Files in this store</h3>
        <button
          type="button"
          className="button button--small"
          disabled={readOnly !== null}
          title={readOnly ?? 'Add files already in this org'}
          onClick={() => setDialog({ kind: 'existing' })}
        >
          Add existing files
        </button>
      </div>
      <StoreUploads connection={connection} store={store} />
      {files.isPending ? (
        <p className="muted" role="status">
          Loading files…
        </p>
      ) : files.isError ? (
        <p className="pane-message--error" role="alert">
          {files.error.message}
        </p>
      ) : files.data.length === 0 ? (
        <p className="muted">None yet.</p>
      ) : (
        <table className="kv-table store-files" aria-label="Files in this store">
          <thead>
            <tr>
              <th scope="col">File, attributes and chunking</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {files.data.map((f) => {
              const name = nameOf(f.id);
              const size = sizeOf(f);
              const failure = ingestFailureInWords(f.status, f.last_error);
              return (
                <tr key={f.id} aria-label={name}>
                  <td>
                    <span className="store-file__name">{name}</span>
                    {size !== null && <span className="muted"> · {formatBytes(size)}</span>}
                    <p className="store-file__meta">
                      Attributes:{' '}
                      {f.attributes && Object.keys(f.attributes).length > 0
                        ? Object.entries(f.attributes)
                            .map(([k, v]) => `${k}=${String(v)}`)
                            .join(', ')
                        : '—'}
                    </p>
                    <p className="store-file__meta">Chunking: {describeChunking(f.chunking_strategy)}</p>
                    <div className="store-files__actions">
                      {ingestRetryHelps(f.status, f.last_error) && (
                        <button
                          type="button"
                          className="button button--small"
                          disabled={readOnly !== null || retry.isPending}
                          title={readOnly ?? `Retry ${name}`}
                          aria-label={`Retry ${name}`}
                          onClick={() => void run(() => retry.mutateAsync({ ...base, fileId: f.id }), false)}
                        >
                          Retry
                        </button>
                      )}
                      <button
                        type="button"
                        className="button button--small"
                        disabled={readOnly !== null}
                        title={readOnly ?? `Edit the attributes of ${name}`}
                        aria-label={`Edit attributes of ${name}`}
                        onClick={() => {
                          setAttrText(pairsText(f.attributes));
                          setDialog({ kind: 'attributes', file: f });
                        }}
                      >
                        Attributes
                      </button>
                      <button
                        type="button"
                        className="button button--small"
                        disabled={readOnly !== null}
                        title={readOnly ?? `Remove ${name} from this store`}
                        aria-label={`Remove ${name} from store`}
                        onClick={() => setDialog({ kind: 'remove', file: f })}
                      >
                        Remove
                      </button>
                      <button
                        type="button"
                        className="button button--small button--danger-quiet"
                        disabled={readOnly !== null}
                        title={readOnly ?? `Delete ${name} from ${connection.name}`}
                        aria-label={`Delete file ${name}`}
                        onClick={() => setDialog({ kind: 'delete', file: f })}
                      >
                        Delete
                      </button>
                    </div>
                  </td>
                  <td>
                    <span className={`status status--${f.status}`}>{f.status.replace('_', ' ')}</span>
                    {failure && <p className="warning-inline">{failure}</p>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {error && dialog === null && (
        <p className="pane-message--error" role="alert">
          {error}
        </p>
      )}
      {dialog?.kind === 'existing' && (
        <AddExistingDialog
          connection={connection}
          store={store}
          orgFiles={orgFiles}
          inStore={files.data?.map((f) => f.id) ?? []}
          onDone={close}
        />
      )}
      {dialog?.kind === 'attributes' && (
        <ConfirmDialog
          open
          title={`Attributes of ${nameOf(dialog.file.id)}`}
          confirmLabel="Save attributes"
          busy={setAttributes.isPending}
          error={error}
          onCancel={close}
          onConfirm={() => {
            const parsed = parseAttributes(attrText);
            if (parsed.error) return setError(parsed.error);
            void run(() =>
              setAttributes.mutateAsync({ ...base, fileId: dialog.file.id, attributes: parsed.attributes }),
            );
          }}
        >
          <PairsField
            label="Attributes"
            hint="One key=value per line; numbers and true/false keep their type. Search filters match on these."
            value={attrText}
            onChange={setAttrText}
          />
        </ConfirmDialog>
      )}
      {dialog?.kind === 'remove' && (
        <ConfirmDialog
          open
          title="Remove from store?"
          confirmLabel="Remove from store"
          busy={remove.isPending}
          error={error}
          onCancel={close}
          onConfirm={() => void run(() => remove.mutateAsync({ ...base, fileId: dialog.file.id }))}
        >
          <p>
            Remove <strong>{nameOf(dialog.file.id)}</strong> from the vector store <strong>{store.name}</strong> in{' '}
            {connection.name}? The file itself stays in the org.
          </p>
        </ConfirmDialog>
      )}
      {dialog?.kind === 'delete' && (
        <DeleteFileDialog
          connection={connection}
          fileId={dialog.file.id}
          filename={nameOf(dialog.file.id)}
          busy={deleteFile.isPending}
          error={error}
          onCancel={close}
          onConfirm={() =>
            void run(() => deleteFile.mutateAsync({ connectionId: connection.id, fileId: dialog.file.id }))
          }
        />
      )}
    </section>
  );
}
