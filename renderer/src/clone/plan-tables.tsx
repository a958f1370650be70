import type { ClonePlan } from '../../../shared/clone.ts';
import { formatBytes } from '../../../shared/format.ts';
import { pretty } from '../ui/json-view.tsx';
import { byteSourceLabel } from './plan-labels.ts';
import { ModelCell } from './model-cell.tsx';
import { PlanAgentsTable } from './plan-agents-table.tsx';

const ACTION_LABEL: Record<string, string> = {
  create: 'Create',
  update: 'Update',
  reuse: 'Reuse',
  skip: 'Skip',
  blocked: 'Blocked',
  upToDate: 'Up to date',
};

function Action({ action }: { action: string }) {
  return <span className={`action action--${action}`}>{ACTION_LABEL[action] ?? action}</span>;
}

/** What will be left out of an object, on its own row. */
function Notes({ notes }: { notes: readonly string[] | undefined }) {
  if (!notes || notes.length === 0) return null;
  return (
    <ul className="plan__notes" aria-label="Left out">
      {notes.map((note) => (
        <li key={note} className="warning-inline">
          {note}
        </li>
      ))}
    </ul>
  );
}

const show = (value: unknown) => (typeof value === 'string' ? value : pretty(value));

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
  return (
    <>
      {plan.assistants.length > 0 && (
        <section className="plan__section" aria-labelledby="plan-assistants">
          <h3 className="plan__heading" id="plan-assistants">
            Assistants
          </h3>
          <table className="plan__table" aria-labelledby="plan-assistants">
            <thead>
              <tr>
                <th scope="col">Assistant</th>
                <th scope="col">Action</th>
                <th scope="col">Model</th>
                <th scope="col">Notes</th>
              </tr>
            </thead>
            <tbody>
              {plan.assistants.map((a) => (
                <tr key={a.key} aria-label={a.name}>
                  <th scope="row">{a.name}</th>
                  <td>
                    <Action action={a.upToDate ? 'upToDate' : a.action} />
                  </td>
                  <td>
                    <ModelCell
                      assistant={a}
                      models={plan.destinationModels}
                      mapped={modelMap[a.model.source]}
                      onMap={onMapModel}
                    />
                  </td>
                  <td>
                    {a.reason && <p>{a.reason}</p>}
                    <Notes notes={a.notes} />
                    {!a.markerAdded && (
                      <p className="warning-inline">No room for the cloned_from marker (16 metadata pairs).</p>
                    )}
                    {a.diff.length > 0 && (
                      <details className="plan__diff">
                        <summary>
                          {a.diff.length} field{a.diff.length === 1 ? '' : 's'} differ from the existing clone:{' '}
                          {a.diff.map((d) => d.field).join(', ')}
                        </summary>
                        <table className="plan__diff-table" aria-label={`Differences of ${a.name}`}>
                          <thead>
                            <tr>
                              <th scope="col">Field</th>
                              <th scope="col">Source (will be written)</th>
                              <th scope="col">Destination now</th>
                            </tr>
                          </thead>
                          <tbody>
                            {a.diff.map((d) => (
                              <tr key={d.field}>
                                <th scope="row">
                                  <code>{d.field}</code>
                                </th>
                                <td>
                                  <pre>{show(d.source)}</pre>
                                </td>
                                <td>
                                  <pre>{show(d.destination)}</pre>
                                </td>
                              </tr>
                            ))}
                          </tbody>
                        </table>
                      </details>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      {(plan.agents ?? []).length > 0 && <PlanAgentsTable plan={plan} modelMap={modelMap} onMapModel={onMapModel} />}

      {plan.vectorStores.length > 0 && (
        <section className="plan__section" aria-labelledby="plan-stores">
          <h3 className="plan__heading" id="plan-stores">
            Vector stores
          </h3>
          <table className="plan__table" aria-labelledby="plan-stores">
            <thead>
              <tr>
                <th scope="col">Vector store</th>
                <th scope="col">Action</th>
                <th scope="col">Files</th>
                <th scope="col">Notes</th>
              </tr>
            </thead>
            <tbody>
              {plan.vectorStores.map((s) => (
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
            </tbody>
          </table>
        </section>
      )}

      {plan.files.length > 0 && (
        <section className="plan__section" aria-labelledby="plan-files">
          <h3 className="plan__heading" id="plan-files">
            Files <span className="muted">({formatBytes(plan.totals.bytes)} to upload)</span>
          </h3>
          <table className="plan__table" aria-labelledby="plan-files">
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Action</th>
                <th scope="col">Bytes from</th>
                <th scope="col">Size</th>
              </tr>
            </thead>
            <tbody>
              {plan.files.map((f) => (
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
                        className={
                          f.lossy ? 'byte-source byte-source--lossy' : `byte-source byte-source--${f.byteSource}`
                        }
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
            </tbody>
          </table>
          {plan.totals.files.lossy > 0 && (
            <p className="plan__lossy-note">
              Lossy: files of purpose “assistants” cannot be downloaded, so{' '}
              {plan.totals.files.lossy === 1 ? 'one is' : `${plan.totals.files.lossy} are`} rebuilt from the vector
              store’s parsed text. Its content may differ from the original (formatting, non-text parts). Choose a
              folder of the originals to avoid this.
            </p>
          )}
        </section>
      )}
    </>
  );
}
