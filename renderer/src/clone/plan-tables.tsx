import { useState, type ReactNode } from 'react';
import type { ClonePlan } from '../../../shared/clone.ts';
import { formatBytes } from '../../../shared/format.ts';
import { byteSourceLabel } from './plan-labels.ts';
import { PlanAgentsTable } from './plan-agents-table.tsx';
import { Action, ConfigRow, Notes, PlanSection } from './plan-rows.tsx';

/** The plan's three tables: assistants (with model mapping and conflict diffs), vector stores, files. */
export function PlanTables({
  plan,
  modelMap,
  onMapModel,
}: {
  plan: ClonePlan;
  modelMap: Record<string, string>;
  onMapModel: (source: string, target: string) => void;
}) {
  const assistants = useFirstRows(plan.assistants, 'assistants');
  const stores = useFirstRows(plan.vectorStores, 'vector stores');
  const files = useFirstRows(plan.files, 'files');
  return (
    <>
      {plan.assistants.length > 0 && (
        <PlanSection
          id="plan-assistants"
          title="Assistants"
          columns={['Assistant', 'Action', 'Model', 'Notes']}
          after={assistants.more}
        >
          {assistants.shown.map((a) => (
            <ConfigRow key={a.key} item={a} plan={plan} modelMap={modelMap} onMapModel={onMapModel} />
          ))}
        </PlanSection>
      )}

      {(plan.agents ?? []).length > 0 && <PlanAgentsTable plan={plan} modelMap={modelMap} onMapModel={onMapModel} />}

      {plan.vectorStores.length > 0 && (
        <PlanSection
          id="plan-stores"
          title="Vector stores"
          columns={['Vector store', 'Action', 'Files', 'Notes']}
          after={stores.more}
        >
          {stores.shown.map((s) => (
            <tr key={s.key} aria-label={s.name}>
              <th scope="row">{s.name}</th>
              <td>
                <Action action={s.action} />
              </td>
              <td>{s.files.length}</td>
              <td>
                {s.reason ?? (s.action === 'reuse' ? 'An earlier clone is reused.' : '')}
                <Notes notes={s.notes} />
                {!s.markerAdded && <p className="warning-inline">No room for the cloned_from marker.</p>}
                {s.files
                  .filter((f) => f.note)
                  .map((f) => (
                    <p className="muted" key={f.fileKey}>
                      {plan.files.find((file) => file.key === f.fileKey)?.filename ?? f.fileKey}: {f.note}
                    </p>
                  ))}
              </td>
            </tr>
          ))}
        </PlanSection>
      )}

      {plan.files.length > 0 && (
        <PlanSection
          id="plan-files"
          title={
            <>
              Files <span className="muted">({formatBytes(plan.totals.bytes)} to upload)</span>
            </>
          }
          columns={['File', 'Action', 'Bytes from', 'Size']}
          after={
            <>
              {files.more}
              {plan.totals.files.lossy > 0 && (
                <p className="plan__lossy-note">
                  Lossy: files of purpose “assistants” cannot be downloaded, so{' '}
                  {plan.totals.files.lossy === 1 ? 'one is' : `${plan.totals.files.lossy} are`} rebuilt from the vector
                  store’s parsed text. Its content may differ from the original (formatting, non-text parts). Choose a
                  folder of the originals to avoid this.
                </p>
              )}
            </>
          }
        >
          {files.shown.map((f) => (
            <tr key={f.key} aria-label={f.filename}>
              <th scope="row">
                {f.filename}
                <span className="muted"> · {f.purpose}</span>
              </th>
              <td>
                <Action action={f.action} />
              </td>
              <td>
                {f.action === 'reuse' ? (
                  <span className="byte-source byte-source--reuse">
                    Already in {plan.destination.name}: nothing to upload
                  </span>
                ) : (
                  <span
                    className={f.lossy ? 'byte-source byte-source--lossy' : `byte-source byte-source--${f.byteSource}`}
                  >
                    {byteSourceLabel(f)}
                  </span>
                )}
                {f.localPath && (
                  <p className="muted">
                    <code>{f.localPath}</code>
                  </p>
                )}
                {f.action === 'reuse' ? null : f.byteSource === 'reconstruct' ? (
                  <p className="muted">
                    from the parsed text in “
                    {plan.vectorStores.find((s) => s.sourceId === f.reconstructFrom)?.name ?? f.reconstructFrom}”
                  </p>
                ) : (
                  f.reason && <p className="muted">{f.reason}</p>
                )}
              </td>
              <td>{formatBytes(f.bytes)}</td>
            </tr>
          ))}
        </PlanSection>
      )}
    </>
  );
}

/** Rows drawn at first per table; a plan of an org's size has thousands, which the admin asks for. */
export const FIRST_ROWS = 200;

/**
 * The first {@link FIRST_ROWS} of a table's rows, and a button that draws the rest. Thousands of rows
 * drawn at once cost seconds to draw and again to take down when the dialog closes (Confirm), which
 * froze the page just as the job began; the summary above the tables counts every row either way.
 */
function useFirstRows<T>(rows: readonly T[], noun: string): { shown: readonly T[]; more: ReactNode } {
  const [all, setAll] = useState(false);
  if (all || rows.length <= FIRST_ROWS) return { shown: rows, more: null };
  return {
    shown: rows.slice(0, FIRST_ROWS),
    more: (
      <p className="plan__more">
        Showing the first {FIRST_ROWS} of {rows.length.toLocaleString()} {noun}.{' '}
        <button type="button" className="button button--small" onClick={() => setAll(true)}>
          Show all {rows.length.toLocaleString()}
        </button>
      </p>
    ),
  };
}
