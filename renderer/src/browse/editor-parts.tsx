import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react';
import { REASONING_EFFORTS } from '../../../shared/agents.ts';
import { API_LIMITS } from '../../../shared/api-limits.ts';
import { TextField } from '../ui/text-field.tsx';

export type MetadataPair = { key: string; value: string };

export const pairsOf = (metadata: Record<string, string> | null | undefined): MetadataPair[] =>
  Object.entries(metadata ?? {}).map(([key, value]) => ({ key, value }));

/** The metadata the pairs hold, or why not (a value without a key, a key twice); empty rows are dropped. */
export function metadataFromPairs(pairs: readonly MetadataPair[]): {
  metadata: Record<string, string>;
  error?: string;
} {
  const metadata: Record<string, string> = {};
  let error: string | undefined;
  for (const { key, value } of pairs) {
    if (key.trim() === '' && value === '') continue;
    if (key.trim() === '') error = 'Every metadata value needs a key.';
    else if (key in metadata) error = `Metadata key “${key}” appears twice.`;
    metadata[key] = value;
  }
  return error ? { metadata, error } : { metadata };
}

/** Metadata as editable key/value rows, within the API's limits (an assistant's and an agent's are the same). */
export function MetadataFields({
  pairs,
  error,
  onChange,
}: {
  pairs: MetadataPair[];
  error: string | undefined;
  onChange: (pairs: MetadataPair[]) => void;
}) {
  const L = API_LIMITS;
  return (
    <fieldset className="fieldset">
      <legend className="field__label">Metadata</legend>
      {pairs.map((pair, index) => (
        <div className="metadata-row" key={index}>
          <input
            className="field__input"
            aria-label={`Metadata key ${index + 1}`}
            value={pair.key}
            onChange={(e) => onChange(pairs.map((p, i) => (i === index ? { ...p, key: e.target.value } : p)))}
          />
          <input
            className="field__input"
            aria-label={`Metadata value ${index + 1}`}
            value={pair.value}
            onChange={(e) => onChange(pairs.map((p, i) => (i === index ? { ...p, value: e.target.value } : p)))}
          />
          <button
            type="button"
            className="button button--small"
            aria-label={`Remove metadata ${pair.key || index + 1}`}
            onClick={() => onChange(pairs.filter((_, i) => i !== index))}
          >
            ✕
          </button>
        </div>
      ))}
      {/* Not capped in the inputs: a pasted key that is too long is named at the field, not cut silently. */}
      <button
        type="button"
        className="button button--small"
        onClick={() => onChange([...pairs, { key: '', value: '' }])}
      >
        Add metadata
      </button>
      <p className="field__hint">
        {pairs.length} of at most {L.metadataPairs} pairs; keys up to {L.metadataKey} characters, values up to{' '}
        {L.metadataValue}.
      </p>
      {error && <p className="field__error">{error}</p>}
    </fieldset>
  );
}

export function TextArea({
  id,
  label,
  value,
  error,
  rows,
  mono = false,
  hint,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  error: string | undefined;
  rows: number;
  mono?: boolean;
  /** A count or a limit, read out with the field. */
  hint?: string;
  onChange: (value: string) => void;
}) {
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <textarea
        id={id}
        className={mono ? 'field__input field__textarea field__textarea--mono' : 'field__input field__textarea'}
        rows={rows}
        value={value}
        spellCheck={!mono}
        aria-invalid={error ? true : undefined}
        aria-describedby={[error ? `${id}-error` : '', hint ? `${id}-hint` : ''].join(' ').trim() || undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {error && (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
      {hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}

/**
 * An editor's frame: the form (Escape cancels, asking first when there is something to lose), its title
 * and what it edits where, the fields, the core's refusal, Save and Cancel.
 */
export function EditorForm({
  label,
  title,
  id,
  org,
  error,
  pending,
  onSubmit,
  onCancel,
  children,
}: {
  label: string;
  title: string;
  /** What is edited; null for a new object, which has no id yet. */
  id: string | null;
  org: string;
  error: string | undefined;
  pending: boolean;
  onSubmit: (event: FormEvent) => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  // The editor opens on its first field, not with focus left on the Edit button it replaced.
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => form.current?.querySelector<HTMLElement>('input, textarea, select')?.focus(), []);
  return (
    <form
      ref={form}
      className="inspector form assistant-editor"
      aria-label={label}
      onSubmit={onSubmit}
      noValidate
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 className="inspector__title">{title}</h2>
      <p className="inspector__id">
        {id === null ? (
          `New in ${org}`
        ) : (
          <>
            <code>{id}</code> in {org}
          </>
        )}
      </p>
      {children}
      {error && (
        <p className="form__error" role="alert">
          {error}
        </p>
      )}
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={pending}>
          Save
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={pending}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** The model, with the org's models offered and a hint when it lists no such model. */
export function ModelField({
  value,
  error,
  models,
  org,
  onChange,
}: {
  value: string;
  error: string | undefined;
  models: readonly string[];
  org: string;
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <>
      <TextField
        label="Model"
        list={`${id}-models`}
        value={value}
        error={error}
        hint={models.length > 0 && !models.includes(value.trim()) ? `${org} does not list this model.` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      <datalist id={`${id}-models`}>
        {models.map((m) => (
          <option key={m} value={m} />
        ))}
      </datalist>
    </>
  );
}

/** A labelled choice among fixed values, its error tied to it (reasoning effort, a ranker). */
export function SelectField({
  label,
  value,
  options,
  error,
  onChange,
}: {
  label: string;
  value: string;
  /** `[value, text]`; an empty value stands for the API's default. */
  options: readonly (readonly [string, string])[];
  error?: string | undefined;
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        className="field__input"
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => onChange(e.target.value)}
      >
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
      {error && (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** The reasoning efforts a reasoning model takes, after the model's default. */
export const EFFORT_OPTIONS: readonly (readonly [string, string])[] = [
  ['', 'The model’s default'],
  ...REASONING_EFFORTS.map((e) => [e, e] as const),
];
