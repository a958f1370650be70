import type { FileView } from '../../../shared/resources.ts';

/** A fieldset of checkboxes, one per file, for picking org files to add to a store. */
export function FileChecklist({
  legend,
  empty,
  candidates,
  chosen,
  onChange,
}: {
  legend: string;
  /** Said instead of the list when there is nothing to pick. */
  empty: string;
  candidates: readonly FileView[];
  chosen: readonly string[];
  onChange: (next: string[]) => void;
}) {
  return (
    <fieldset className="fieldset manage-pick">
      <legend>{legend}</legend>
      {candidates.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="manage-pick__list">
          {candidates.map((f) => (
            <li key={f.id}>
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={chosen.includes(f.id)}
                  onChange={(e) => onChange(e.target.checked ? [...chosen, f.id] : chosen.filter((x) => x !== f.id))}
                />
                {f.filename}
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
