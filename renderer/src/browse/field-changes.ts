/** One field that a save changes: its name as the form says it, and the old and new values in words. */
export interface FieldChange {
  field: string;
  label: string;
  before: string;
  after: string;
}

const shown = (value: unknown) =>
  value === null || value === undefined || value === ''
    ? '(none)'
    : typeof value === 'string'
      ? value
      : JSON.stringify(value);

/**
 * The fields (in `labels`' order, which is the form's) whose values differ between two patches: the review
 * an editor shows before it saves. Absent and null compare the same.
 */
export function fieldChanges(
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
  labels: Readonly<Record<string, string>>,
): FieldChange[] {
  return Object.keys(labels).flatMap((field) => {
    const a = before[field];
    const b = after[field];
    return JSON.stringify(a ?? null) === JSON.stringify(b ?? null)
      ? []
      : [{ field, label: labels[field]!, before: shown(a), after: shown(b) }];
  });
}

/** What a save sends: only the changed fields of `patch`. */
export function changedPart<P extends object>(patch: P, changes: readonly FieldChange[]): P {
  return Object.fromEntries(changes.map((c) => [c.field, (patch as Record<string, unknown>)[c.field]])) as P;
}
