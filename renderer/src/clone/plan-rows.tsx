import type { ReactNode } from 'react';
import type { ClonePlan, FieldDiff, PlanAgent, PlanAssistant } from '../../../shared/clone.ts';
import { pretty } from '../ui/json-view.tsx';
import { ModelCell } from './model-cell.tsx';

/**
 * The parts every table of the plan shares: the section with its heading, the action badge, the "left
 * out" notes, and the row of an assistant or agent (name, action, model mapping, notes, differences).
 * One home, so the assistants' and the agents' tables cannot drift in what they tell the admin.
 */

const ACTION_LABEL: Record<string, string> = {
  create: 'Create',
  update: 'Update',
  reuse: 'Reuse',
  skip: 'Skip',
  blocked: 'Blocked',
  upToDate: 'Up to date',
};

export function Action({ action }: { action: string }) {
  return <span className={`action action--${action}`}>{ACTION_LABEL[action] ?? action}</span>;
}

/** What will be left out of an object, on its own row. */
export function Notes({ notes }: { notes: readonly string[] | undefined }) {
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

export const show = (value: unknown) => (typeof value === 'string' ? value : pretty(value));

/** A titled table of the plan; `id` names it for the heading and the table's label; `after` follows the table. */
export function PlanSection({
  id,
  title,
  columns,
  children,
  after,
}: {
  id: string;
  title: ReactNode;
  columns: readonly string[];
  children: ReactNode;
  after?: ReactNode;
}) {
  return (
    <section className="plan__section" aria-labelledby={id}>
      <h3 className="plan__heading" id={id}>
        {title}
      </h3>
      <table className="plan__table" aria-labelledby={id}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" key={c}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
      {after}
    </section>
  );
}

/** The fields an update will write over the existing clone: the source's value beside the destination's. */
function Differences({ name, diff }: { name: string; diff: readonly FieldDiff[] }) {
  if (diff.length === 0) return null;
  return (
    <details className="plan__diff">
      <summary>
        {diff.length} field{diff.length === 1 ? '' : 's'} differ from the existing clone:{' '}
        {diff.map((d) => d.field).join(', ')}
      </summary>
      <table className="plan__diff-table" aria-label={`Differences of ${name}`}>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Source (will be written)</th>
            <th scope="col">Destination now</th>
          </tr>
        </thead>
        <tbody>
          {diff.map((d) => (
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
  );
}

/** One assistant's or agent's row: what happens to it, its model (mappable), and why; `extra` adds to the notes. */
export function ConfigRow({
  item,
  plan,
  modelMap,
  onMapModel,
  children,
}: {
  item: PlanAssistant | PlanAgent;
  plan: ClonePlan;
  modelMap: Record<string, string>;
  onMapModel: (source: string, target: string) => void;
  children?: ReactNode;
}) {
  return (
    <tr aria-label={item.name}>
      <th scope="row">{item.name}</th>
      <td>
        <Action action={item.upToDate ? 'upToDate' : item.action} />
      </td>
      <td>
        <ModelCell
          assistant={item}
          models={plan.destinationModels}
          mapped={modelMap[item.model.source]}
          onMap={onMapModel}
        />
      </td>
      <td>
        {item.reason && <p>{item.reason}</p>}
        <Notes notes={item.notes} />
        {!item.markerAdded && <p className="warning-inline">No room for the cloned_from marker (16 metadata pairs).</p>}
        <Differences name={item.name} diff={item.diff} />
        {children}
      </td>
    </tr>
  );
}
