import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { ConnectionView } from '../../../shared/connection.ts';
import type { BulkAssistantChange } from '../../../shared/contract/browse.ts';
import { chatModels } from '../../../shared/models.ts';
import type { AssistantView } from '../../../shared/resources.ts';
import { ModelField } from './editor-parts.tsx';
import { useFerryMutation, useFerryQuery } from '../query/ferry-query.ts';
import { invalidatePanes } from '../query/use-ferry-events.ts';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';
import { unnamed } from '../ui/names.ts';
import { TextField } from '../ui/text-field.tsx';

const assistantsWord = (n: number) => `${n} ${n === 1 ? 'assistant' : 'assistants'}`;
type Failure = { assistantId: string; message: string };

/** What a bulk action did, said where the buttons are: how many, and each failure by name with its reason. */
function Outcome({ text, failed, names }: { text: string; failed: readonly Failure[]; names: Map<string, string> }) {
  return (
    <div role={failed.length ? 'alert' : 'status'}>
      <p>{text}</p>
      {failed.length > 0 && (
        <ul className="unused-list" tabIndex={0} aria-label="Assistants not changed">
          {failed.map((f) => (
            <li key={f.assistantId}>
              “{names.get(f.assistantId) ?? f.assistantId}”: {f.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * What can be done to several selected assistants at once: delete them (one confirmation listing them),
 * set or remove a metadata key, change their model. Each failure is named.
 */
export function BulkAssistants({
  connection,
  assistants,
  onDeleted,
}: {
  connection: ConnectionView;
  assistants: readonly AssistantView[];
  onDeleted: () => void;
}) {
  const id = useId();
  const queryClient = useQueryClient();
  const names = new Map(assistants.map((a) => [a.id, a.name || unnamed(a.id)]));
  const ids = assistants.map((a) => a.id);
  const n = ids.length;
  const readOnly = connection.readOnly ? `${connection.name} is read-only.` : null;
  const [confirming, setConfirming] = useState(false);
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const [model, setModel] = useState('');
  const [outcome, setOutcome] = useState<{ text: string; failed: Failure[] } | null>(null);
  const invalidates = ['assistants.list', 'assistants.get'] as const;
  const remove = useFerryMutation('assistants.deleteMany', { invalidates: [...invalidates] });
  const update = useFerryMutation('assistants.updateMany', { invalidates: [...invalidates] });
  const models = useFerryQuery('models.list', { connectionId: connection.id });
  const busy = remove.isPending || update.isPending;

  const change = (what: BulkAssistantChange, done: string) => {
    setOutcome(null);
    update.mutate(
      { connectionId: connection.id, assistantIds: ids, change: what },
      {
        onSuccess: (result) =>
          setOutcome({ text: `${done} ${result.updated.length} of ${assistantsWord(n)}.`, failed: result.failed }),
        onError: () => invalidatePanes(queryClient, [connection.id]),
      },
    );
  };

  return (
    <div className="bulk-actions">
      {readOnly && <p className="muted">{readOnly} Changing and deleting are turned off.</p>}
      <fieldset className="fieldset" disabled={readOnly !== null || busy}>
        <legend className="field__label">Metadata of the {assistantsWord(n)}</legend>
        <div className="form__row">
          <TextField label="Metadata key" value={key} onChange={(e) => setKey(e.target.value)} />
          <TextField label="Metadata value" value={value} onChange={(e) => setValue(e.target.value)} />
        </div>
        <div className="form__actions">
          <button
            type="button"
            className="button button--small"
            onClick={() => change({ kind: 'setMetadata', key, value }, `Set “${key}” on`)}
          >
            Set key on {assistantsWord(n)}
          </button>
          <button
            type="button"
            className="button button--small"
            onClick={() => change({ kind: 'removeMetadata', key }, `Removed “${key}” from`)}
          >
            Remove key from {assistantsWord(n)}
          </button>
        </div>
      </fieldset>
      <fieldset className="fieldset" disabled={readOnly !== null || busy} aria-describedby={`${id}-model`}>
        <legend className="field__label">Model of the {assistantsWord(n)}</legend>
        <ModelField
          value={model}
          error={undefined}
          models={chatModels(models.data ?? [])}
          org={connection.name}
          onChange={setModel}
        />
        <button
          type="button"
          className="button button--small"
          onClick={() => change({ kind: 'model', model: model.trim() }, `Moved to ${model.trim()}:`)}
        >
          Change model of {assistantsWord(n)}
        </button>
      </fieldset>
      {update.error && (
        <p className="field__error" role="alert" id={`${id}-model`}>
          {update.error.message}
        </p>
      )}
      {outcome && <Outcome text={outcome.text} failed={outcome.failed} names={names} />}
      <button
        type="button"
        className="button button--danger-quiet"
        disabled={readOnly !== null || busy}
        onClick={() => setConfirming(true)}
      >
        Delete {n} selected {n === 1 ? 'assistant' : 'assistants'}…
      </button>
      {confirming && (
        <DeleteAssistantsDialog
          connection={connection}
          assistants={assistants}
          busy={remove.isPending}
          error={remove.error?.message}
          onCancel={() => setConfirming(false)}
          onConfirm={() =>
            remove.mutate(
              { connectionId: connection.id, assistantIds: ids },
              {
                onSuccess: (result) => {
                  setConfirming(false);
                  if (result.failed.length === 0) return onDeleted();
                  setOutcome({
                    text: `Deleted ${result.deleted.length} of ${assistantsWord(n)}; these are still in ${connection.name}:`,
                    failed: result.failed,
                  });
                },
                onError: () => invalidatePanes(queryClient, [connection.id]),
              },
            )
          }
        />
      )}
    </div>
  );
}

function DeleteAssistantsDialog({
  connection,
  assistants,
  busy,
  error,
  onConfirm,
  onCancel,
}: {
  connection: ConnectionView;
  assistants: readonly AssistantView[];
  busy: boolean;
  error: string | undefined;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  // The list refreshes as assistants go; the dialog keeps naming the ones it was opened for.
  const [listed] = useState(() => assistants.map((a) => ({ id: a.id, name: a.name || unnamed(a.id), model: a.model })));
  const what = assistantsWord(listed.length);
  return (
    <ConfirmDialog
      open
      destructive
      title={`Delete ${what} from ${connection.name}?`}
      confirmLabel={`Delete ${what}`}
      busy={busy}
      error={error}
      onCancel={onCancel}
      onConfirm={onConfirm}
    >
      <p>These assistants will be deleted for good; their files and vector stores stay in the org:</p>
      <ul className="unused-list" tabIndex={0} aria-label="Assistants to delete">
        {listed.map((a) => (
          <li key={a.id} aria-label={a.name}>
            {a.name} <span className="muted">· {a.model}</span>
          </li>
        ))}
      </ul>
      {busy && (
        <p role="status">
          <progress aria-label={`Deleting ${what}`} /> Deleting {what} from {connection.name}…
        </p>
      )}
    </ConfirmDialog>
  );
}
