import type { FieldChange } from './field-changes.ts';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';

const LONG = 400;
const clip = (text: string) => (text.length > LONG ? `${text.slice(0, LONG)}… (${text.length} characters)` : text);

/** What a save will change, field by field, old beside new; Save sends only these fields. */
export function ChangesDialog({
  name,
  org,
  changes,
  busy,
  onConfirm,
  onCancel,
}: {
  name: string;
  org: string;
  changes: readonly FieldChange[];
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <ConfirmDialog
      open
      wide
      title={`Save ${changes.length} ${changes.length === 1 ? 'change' : 'changes'} to “${name}” in ${org}?`}
      confirmLabel="Save changes"
      busy={busy}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <table className="changes-table" aria-label="Changes to save">
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Now</th>
            <th scope="col">After saving</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={c.field}>
              <th scope="row">{c.label}</th>
              <td>
                <pre className="changes-table__value">{clip(c.before)}</pre>
              </td>
              <td>
                <pre className="changes-table__value">{clip(c.after)}</pre>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ConfirmDialog>
  );
}
