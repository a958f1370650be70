import { useEffect, useRef, useState } from 'react';
import type { ConnectionView } from '../../../shared/connection.ts';
import { useFerryQuery } from '../query/ferry-query.ts';
import { cloneRelation, compareAssistants, type Resolver } from './compare-fields.ts';
import { pretty } from '../ui/json-view.tsx';
import { unnamed } from '../ui/names.ts';
import { useReturnFocus } from '../ui/use-return-focus.ts';

interface Ref {
  connectionId: string;
  assistantId: string;
}

function useResolver(connectionId: string): Resolver {
  const stores = useFerryQuery('vectorStores.list', { connectionId });
  const files = useFerryQuery('files.list', { connectionId });
  return {
    vectorStore: (id) => stores.data?.find((s) => s.id === id)?.name,
    file: (id) => files.data?.find((f) => f.id === id)?.filename,
  };
}

const show = (value: unknown) => (value === null ? '—' : typeof value === 'string' ? value : pretty(value));

/** The two selected assistants field by field; ids and the clone marker are expected to differ. */
export function CompareDialog({
  left,
  right,
  connections,
  onClose,
}: {
  left: Ref;
  right: Ref;
  connections: readonly ConnectionView[];
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useReturnFocus(ref);
  const [onlyDifferences, setOnlyDifferences] = useState(false);
  const a = useFerryQuery('assistants.get', left);
  const b = useFerryQuery('assistants.get', right);
  const resolveLeft = useResolver(left.connectionId);
  const resolveRight = useResolver(right.connectionId);
  const nameOf = (id: string) => connections.find((c) => c.id === id)?.name ?? id;

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const rows = a.data && b.data ? compareAssistants(a.data, b.data, resolveLeft, resolveRight) : null;
  const differing = rows?.filter((r) => !r.same) ?? [];
  const configDiffs = differing.filter((r) => r.kind === 'config');
  const relation = a.data && b.data ? cloneRelation(a.data, b.data) : null;
  const leftName = a.data ? a.data.name || unnamed(a.data.id) : '…';
  const rightName = b.data ? b.data.name || unnamed(b.data.id) : '…';

  return (
    <dialog
      ref={ref}
      className="dialog dialog--wide"
      aria-labelledby="compare-title"
      onCancel={(e) => (e.preventDefault(), onClose())}
    >
      <h2 className="dialog__title" id="compare-title">
        Compare assistants
      </h2>
      <div className="dialog__body compare">
        {a.isError || b.isError ? (
          <p className="pane-message--error" role="alert">
            {(a.error ?? b.error)?.message}
          </p>
        ) : !rows ? (
          <p role="status">Loading both assistants…</p>
        ) : (
          <>
            <p className="compare__summary" role="status">
              {configDiffs.length === 0
                ? `Same configuration: only ${differing.map((r) => r.field).join(' and ') || 'nothing'} differ${differing.length === 1 ? 's' : ''}.`
                : `${configDiffs.length} field${configDiffs.length === 1 ? '' : 's'} differ: ${configDiffs.map((r) => r.field).join(', ')}.`}
            </p>
            {relation && (
              <p className="compare__relation">
                {relation === 'right-clones-left'
                  ? `“${rightName}” in ${nameOf(right.connectionId)} is a clone of “${leftName}” in ${nameOf(left.connectionId)}.`
                  : `“${leftName}” in ${nameOf(left.connectionId)} is a clone of “${rightName}” in ${nameOf(right.connectionId)}.`}
              </p>
            )}
            <label className="checkbox">
              <input type="checkbox" checked={onlyDifferences} onChange={(e) => setOnlyDifferences(e.target.checked)} />
              <span>Show only differences</span>
            </label>
            <div className="compare__scroll">
              <table className="compare__table" aria-label="Field by field">
                <thead>
                  <tr>
                    <th scope="col">Field</th>
                    <th scope="col">
                      {leftName} <span className="muted">({nameOf(left.connectionId)})</span>
                    </th>
                    <th scope="col">
                      {rightName} <span className="muted">({nameOf(right.connectionId)})</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows
                    .filter((r) => !onlyDifferences || !r.same)
                    .map((r) => (
                      <tr
                        key={r.field}
                        className={r.same ? 'compare__row' : `compare__row compare__row--diff compare__row--${r.kind}`}
                        aria-label={r.field}
                      >
                        <th scope="row">
                          <code>{r.field}</code>
                          {!r.same && (
                            <span className={r.kind === 'config' ? 'badge badge--warn' : 'badge badge--neutral'}>
                              {r.kind === 'config' ? 'differs' : 'expected'}
                            </span>
                          )}
                        </th>
                        <td>
                          <pre>{show(r.left)}</pre>
                        </td>
                        <td>
                          <pre>{show(r.right)}</pre>
                        </td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </div>
      <div className="dialog__actions">
        <button type="button" className="button button--primary" onClick={onClose}>
          Close
        </button>
      </div>
    </dialog>
  );
}
