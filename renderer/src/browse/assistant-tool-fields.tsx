import { useId, useMemo } from 'react';
import { API_LIMITS as L } from '../../../shared/api-limits.ts';
import type { FileView, VectorStoreView } from '../../../shared/resources.ts';
import { unnamed } from '../ui/names.ts';
import { TextField } from '../ui/text-field.tsx';
import {
  EMPTY_PARAMETERS,
  parametersError,
  type AssistantValues,
  type FieldErrors,
  type FunctionValues,
} from './assistant-form-model.ts';
import { SelectField, TextArea } from './editor-parts.tsx';

/** file_search's rankers (the sandbox refuses others, as the API does). */
const RANKERS = [
  ['', 'Default'],
  ['auto', 'auto'],
  ['default_2024_08_21', 'default_2024_08_21'],
] as const;

type Set = <K extends keyof AssistantValues>(key: K, value: AssistantValues[K]) => void;

/** file_search (with its settings), code_interpreter and the function tools, with the 128-tool limit beside them. */
export function ToolFields({ values, errors, set }: { values: AssistantValues; errors: FieldErrors; set: Set }) {
  const id = useId();
  const count =
    (values.fileSearch ? 1 : 0) + (values.codeInterpreter ? 1 : 0) + values.functions.length + values.otherTools.length;
  const setFunction = (index: number, patch: Partial<FunctionValues>) =>
    set(
      'functions',
      values.functions.map((f, i) => (i === index ? { ...f, ...patch } : f)),
    );
  return (
    <fieldset className={errors.tools ? 'fieldset field--invalid' : 'fieldset'} aria-describedby={`${id}-count`}>
      <legend className="field__label">Tools</legend>
      <p className="field__hint" id={`${id}-count`}>
        {count} of at most {L.tools} tools.
      </p>
      <label className="checkbox">
        <input type="checkbox" checked={values.fileSearch} onChange={(e) => set('fileSearch', e.target.checked)} />
        File search
      </label>
      {values.fileSearch && (
        <div className="form__row">
          <TextField
            label="Max results"
            inputMode="numeric"
            value={values.maxNumResults}
            error={errors.maxNumResults}
            hint={`1 to ${L.fileSearchMaxResults}; empty for the default.`}
            onChange={(e) => set('maxNumResults', e.target.value)}
          />
          <SelectField label="Ranker" value={values.ranker} options={RANKERS} onChange={(v) => set('ranker', v)} />
          <TextField
            label="Score threshold"
            inputMode="decimal"
            value={values.scoreThreshold}
            error={errors.scoreThreshold}
            hint="0 to 1; empty for none."
            onChange={(e) => set('scoreThreshold', e.target.value)}
          />
        </div>
      )}
      <label className="checkbox">
        <input
          type="checkbox"
          checked={values.codeInterpreter}
          onChange={(e) => set('codeInterpreter', e.target.checked)}
        />
        Code interpreter
      </label>
      {values.functions.map((fn, index) => (
        <FunctionFields
          key={index}
          index={index}
          fn={fn}
          errors={errors}
          onChange={(patch) => setFunction(index, patch)}
          onRemove={() =>
            set(
              'functions',
              values.functions.filter((_, i) => i !== index),
            )
          }
        />
      ))}
      {values.otherTools.length > 0 && (
        <p className="muted">Also kept as they are: {values.otherTools.map((t) => String(t['type'])).join(', ')}.</p>
      )}
      <button
        type="button"
        className="button button--small"
        onClick={() =>
          set('functions', [
            ...values.functions,
            { name: '', description: '', strict: false, parameters: EMPTY_PARAMETERS },
          ])
        }
      >
        Add function
      </button>
      {errors.tools && <p className="field__error">{errors.tools}</p>}
    </fieldset>
  );
}

/** One function tool: its name, description, strict mode and a parameters schema checked as it is typed. */
function FunctionFields({
  index,
  fn,
  errors,
  onChange,
  onRemove,
}: {
  index: number;
  fn: FunctionValues;
  errors: FieldErrors;
  onChange: (patch: Partial<FunctionValues>) => void;
  onRemove: () => void;
}) {
  const id = useId();
  const n = index + 1;
  // Checked on every keystroke, so a mistake shows while typing, not only on Save; only when its text
  // changed, so a form of many functions stays quick.
  const liveError = useMemo(() => parametersError(fn.parameters), [fn.parameters]);
  return (
    <fieldset className="fieldset">
      <legend className="field__label">Function {n}</legend>
      <TextField
        label={`Function ${n} name`}
        value={fn.name}
        error={errors[`function.${index}.name`]}
        hint="Letters, digits, _ and -, at most 64."
        onChange={(e) => onChange({ name: e.target.value })}
      />
      <TextField
        label={`Function ${n} description`}
        value={fn.description}
        onChange={(e) => onChange({ description: e.target.value })}
      />
      <label className="checkbox">
        <input type="checkbox" checked={fn.strict} onChange={(e) => onChange({ strict: e.target.checked })} />
        Strict (function {n})
      </label>
      <TextArea
        id={`${id}-parameters`}
        label={`Function ${n} parameters (JSON Schema)`}
        rows={6}
        mono
        value={fn.parameters}
        error={liveError ?? errors[`function.${index}.parameters`]}
        onChange={(v) => onChange({ parameters: v })}
      />
      <button type="button" className="button button--small" onClick={onRemove}>
        Remove function {n}
      </button>
    </fieldset>
  );
}

/** Pick by name from the org's objects: checkboxes, with the API's limit and the count beside them. */
function Picker<T extends { id: string }>({
  legend,
  limit,
  items,
  label,
  chosen,
  error,
  empty,
  onChange,
}: {
  legend: string;
  limit: string;
  items: readonly T[];
  label: (item: T) => string;
  chosen: readonly string[];
  error: string | undefined;
  empty: string;
  onChange: (ids: string[]) => void;
}) {
  const id = useId();
  // Ids the assistant names that the org does not list any more stay visible, so unticking them is possible.
  const missing = chosen.filter((c) => !items.some((i) => i.id === c));
  return (
    <fieldset
      className={error ? 'fieldset manage-pick field--invalid' : 'fieldset manage-pick'}
      aria-describedby={error ? `${id}-error ${id}-hint` : `${id}-hint`}
    >
      <legend className="field__label">{legend}</legend>
      <p className="field__hint" id={`${id}-hint`}>
        {chosen.length} picked; {limit}.
      </p>
      {items.length === 0 && missing.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="manage-pick__list">
          {[
            ...items.map((i) => ({ id: i.id, text: label(i) })),
            ...missing.map((m) => ({ id: m, text: `${m} (not listed)` })),
          ].map((item) => (
            <li key={item.id}>
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={chosen.includes(item.id)}
                  onChange={(e) =>
                    onChange(e.target.checked ? [...chosen, item.id] : chosen.filter((x) => x !== item.id))
                  }
                />
                {item.text}
              </label>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** The vector store file_search searches (at most one) and code_interpreter's files (at most 20), by name. */
export function ToolResourceFields({
  values,
  errors,
  set,
  vectorStores,
  files,
}: {
  values: AssistantValues;
  errors: FieldErrors;
  set: Set;
  vectorStores: readonly VectorStoreView[];
  files: readonly FileView[];
}) {
  return (
    <>
      <Picker
        legend="Vector store for file search"
        limit={`at most ${L.fileSearchVectorStores}`}
        items={vectorStores}
        label={(s) => s.name || unnamed(s.id)}
        chosen={values.vectorStoreIds}
        error={errors.vectorStores}
        empty="This organization has no vector stores."
        onChange={(ids) => set('vectorStoreIds', ids)}
      />
      <Picker
        legend="Files for code interpreter"
        limit={`at most ${L.codeInterpreterFiles}`}
        items={files.filter((f) => f.purpose === 'assistants')}
        label={(f) => f.filename}
        chosen={values.codeFileIds}
        error={errors.codeFiles}
        empty="This organization has no files of purpose assistants."
        onChange={(ids) => set('codeFileIds', ids)}
      />
    </>
  );
}
