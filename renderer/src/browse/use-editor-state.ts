import { useState } from 'react';
import { confirmDiscard, useUnsavedGuard } from '../ui/unsaved-guard.ts';
import type { FieldChange } from './field-changes.ts';

/**
 * What every config editor keeps: the values as first shown (frozen, so a refetch underneath does not move
 * what "unsaved" is measured against), the values now, an error per field, the review of what a save will
 * change, and the guard that asks before unsaved edits are thrown away. `what` names the object in that
 * question ("“Support Bot”", "the new assistant").
 */
export function useEditorState<V extends object, P>(
  first: () => V,
  what: string,
  pending: boolean,
  onCancel: () => void,
) {
  const [start] = useState(first);
  const [values, setValues] = useState(start);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [review, setReview] = useState<{ changes: FieldChange[]; patch: P } | null>(null);
  const set = <K extends keyof V>(key: K, value: V[K]) => setValues((v) => ({ ...v, [key]: value }));
  const dirty = JSON.stringify(values) !== JSON.stringify(start);
  useUnsavedGuard(dirty && !pending, `Discard your unsaved changes to ${what}?`);
  const cancel = () => {
    if (confirmDiscard()) onCancel();
  };
  return { start, values, set, errors, setErrors, review, setReview, cancel };
}
