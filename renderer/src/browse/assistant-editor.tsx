import { useId, type FormEvent } from 'react';
import { API_LIMITS as L } from '../../../shared/api-limits.ts';
import { BridgeError } from '../../../shared/bridge.ts';
import type { ConnectionView } from '../../../shared/connection.ts';
import type { AssistantPatch } from '../../../shared/contract/browse.ts';
import { isReasoningModel } from '../../../shared/models.ts';
import type { AssistantView, FileView, VectorStoreView } from '../../../shared/resources.ts';
import { useFerryMutation } from '../query/ferry-query.ts';
import { TextField } from '../ui/text-field.tsx';
import {
  changesBetween,
  fieldOfParam,
  toBody,
  valuesOf,
  type AssistantValues,
  type FieldErrors,
} from './assistant-form-model.ts';
import { ToolFields, ToolResourceFields } from './assistant-tool-fields.tsx';
import { ChangesDialog } from './changes-dialog.tsx';
import { EditorForm, EFFORT_OPTIONS, MetadataFields, ModelField, SelectField, TextArea } from './editor-parts.tsx';
import { changedPart } from './field-changes.ts';
import { useEditorState } from './use-editor-state.ts';

export interface AssistantEditorProps {
  connection: ConnectionView;
  /** The assistant being edited; null for a new one (whose first values are `initial`). */
  assistant: AssistantView | null;
  initial?: AssistantValues | undefined;
  title?: string | undefined;
  models: readonly string[];
  vectorStores: readonly VectorStoreView[];
  files: readonly FileView[];
  /** Called with the new assistant after a create, with nothing after an edit or Cancel. */
  onDone: (created?: AssistantView) => void;
}

/**
 * Every field of an assistant, each with the API's limit beside it: edits an existing one (a field-level
 * diff before saving) or creates one. A limit is refused at its field before anything is sent; when the
 * server refuses, its own message shows at the field its `param` names.
 */
export function AssistantEditor({
  connection,
  assistant,
  initial,
  title,
  models,
  vectorStores,
  files,
  onDone,
}: AssistantEditorProps) {
  const invalidates = ['assistants.list', 'assistants.get'] as const;
  const update = useFerryMutation('assistants.update', { invalidates: [...invalidates] });
  const create = useFerryMutation('assistants.create', { invalidates: [...invalidates] });
  const pending = update.isPending || create.isPending;
  const id = useId();
  const { values, set, errors, setErrors, review, setReview, cancel } = useEditorState<AssistantValues, AssistantPatch>(
    () => initial ?? valuesOf(assistant),
    assistant ? `“${assistant.name ?? assistant.id}”` : 'the new assistant',
    pending,
    onDone,
  );
  // The server's refusal goes beside the field its param names, in its own words.
  const refused = (error: Error) =>
    setErrors({ [fieldOfParam(error instanceof BridgeError ? error.field : undefined, values)]: error.message });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = toBody(values);
    if ('errors' in result) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    if (!assistant) {
      create.mutate(
        { connectionId: connection.id, body: { ...result.body, model: result.body.model ?? '' } },
        { onSuccess: (created) => onDone(created), onError: refused },
      );
      return;
    }
    const before = toBody(valuesOf(assistant));
    const changes = changesBetween('body' in before ? before.body : {}, result.body);
    if (changes.length === 0) return onDone();
    setReview({ changes, patch: changedPart(result.body, changes) });
  };

  const reasoning = isReasoningModel(values.model.trim());
  return (
    <EditorForm
      label={assistant ? `Edit ${assistant.name ?? assistant.id}` : (title ?? 'New assistant')}
      title={title ?? (assistant ? 'Edit assistant' : 'New assistant')}
      id={assistant?.id ?? null}
      org={connection.name}
      error={errors.form}
      pending={pending}
      onSubmit={submit}
      onCancel={cancel}
    >
      <TextField
        label="Name"
        value={values.name}
        error={errors.name}
        hint={`At most ${L.name} characters.`}
        onChange={(e) => set('name', e.target.value)}
      />
      <TextField
        label="Description"
        value={values.description}
        error={errors.description}
        hint={`At most ${L.description} characters.`}
        onChange={(e) => set('description', e.target.value)}
      />
      <TextArea
        id={`${id}-instructions`}
        label="Instructions"
        rows={10}
        value={values.instructions}
        error={errors.instructions}
        hint={`${values.instructions.length.toLocaleString('en-US')} of ${L.instructions.toLocaleString('en-US')} characters.`}
        onChange={(v) => set('instructions', v)}
      />
      <ModelField
        value={values.model}
        error={errors.model}
        models={models}
        org={connection.name}
        onChange={(v) => set('model', v)}
      />
      {reasoning && (
        <SelectField
          label="Reasoning effort"
          value={values.reasoningEffort}
          options={EFFORT_OPTIONS}
          error={errors.reasoning_effort}
          onChange={(v) => set('reasoningEffort', v)}
        />
      )}
      <div className="form__row">
        <TextField
          label="Temperature"
          inputMode="decimal"
          value={values.temperature}
          error={errors.temperature}
          hint={`0 to ${L.temperatureMax}; empty for the default.`}
          onChange={(e) => set('temperature', e.target.value)}
        />
        <TextField
          label="top_p"
          inputMode="decimal"
          value={values.top_p}
          error={errors.top_p}
          hint={`0 to ${L.topPMax}; empty for the default.`}
          onChange={(e) => set('top_p', e.target.value)}
        />
      </div>
      <ToolFields values={values} errors={errors} set={set} />
      <ToolResourceFields values={values} errors={errors} set={set} vectorStores={vectorStores} files={files} />
      <ResponseFormatFields values={values} errors={errors} set={set} />
      <MetadataFields pairs={values.metadata} error={errors.metadata} onChange={(pairs) => set('metadata', pairs)} />
      {review && assistant && (
        <ChangesDialog
          name={assistant.name ?? assistant.id}
          org={connection.name}
          changes={review.changes}
          busy={update.isPending}
          onCancel={() => setReview(null)}
          onConfirm={() =>
            update.mutate(
              { connectionId: connection.id, assistantId: assistant.id, patch: review.patch },
              {
                onSuccess: () => onDone(),
                onError: (error) => {
                  setReview(null);
                  refused(error);
                },
              },
            )
          }
        />
      )}
    </EditorForm>
  );
}

function ResponseFormatFields({
  values,
  errors,
  set,
}: {
  values: AssistantValues;
  errors: FieldErrors;
  set: <K extends keyof AssistantValues>(key: K, value: AssistantValues[K]) => void;
}) {
  const id = useId();
  // Checked as it is typed, like a function's parameters.
  const live = values.format === 'json_schema' ? toBody(values) : null;
  const schemaError = live && 'errors' in live ? live.errors.schemaText : undefined;
  return (
    <fieldset className="fieldset">
      <legend className="field__label">Response format</legend>
      <select
        aria-label="Response format"
        className="field__input"
        value={values.format}
        onChange={(e) => set('format', e.target.value as AssistantValues['format'])}
      >
        <option value="auto">Auto</option>
        <option value="text">Text</option>
        <option value="json_object">JSON object</option>
        <option value="json_schema">JSON schema</option>
      </select>
      {values.format === 'json_schema' && (
        <>
          <TextField
            label="Schema name"
            value={values.schemaName}
            error={errors.schemaName}
            hint="Letters, digits, _ and -, at most 64."
            onChange={(e) => set('schemaName', e.target.value)}
          />
          <label className="checkbox">
            <input
              type="checkbox"
              checked={values.schemaStrict}
              onChange={(e) => set('schemaStrict', e.target.checked)}
            />
            Strict schema
          </label>
          <TextArea
            id={`${id}-schema`}
            label="Response schema (JSON Schema)"
            rows={8}
            mono
            value={values.schemaText}
            error={schemaError ?? errors.schemaText}
            onChange={(v) => set('schemaText', v)}
          />
        </>
      )}
    </fieldset>
  );
}
