import { useId, useState, type FormEvent } from 'react';
import type { ConnectionView } from '../../../shared/connection.ts';
import { AssistantPatch } from '../../../shared/contract/browse.ts';
import type { AssistantView } from '../../../shared/resources.ts';
import { useFerryMutation } from '../query/ferry-query.ts';
import { TextField } from '../ui/text-field.tsx';
import { pretty } from '../ui/json-view.tsx';
import { confirmDiscard, useUnsavedGuard } from '../ui/unsaved-guard.ts';
import {
  EditorForm,
  MetadataFields,
  metadataFromPairs,
  ModelField,
  pairsOf,
  TextArea,
  type MetadataPair,
} from './editor-parts.tsx';

type Fields = 'name' | 'description' | 'instructions' | 'model' | 'temperature' | 'top_p' | 'metadata' | 'tools';
type Errors = Partial<Record<Fields | 'form', string>>;

interface Values {
  name: string;
  description: string;
  instructions: string;
  model: string;
  temperature: string;
  top_p: string;
  metadata: MetadataPair[];
  tools: string;
}

const valuesOf = (a: AssistantView): Values => ({
  name: a.name ?? '',
  description: a.description ?? '',
  instructions: a.instructions ?? '',
  model: a.model,
  temperature: a.temperature == null ? '' : String(a.temperature),
  top_p: a.top_p == null ? '' : String(a.top_p),
  metadata: pairsOf(a.metadata),
  tools: pretty(a.tools),
});

/** Builds the patch from the form, or says what is wrong per field (the same limits the core enforces). */
export function toPatch(values: Values): { patch: AssistantPatch } | { errors: Errors } {
  const errors: Errors = {};
  const number = (text: string, field: 'temperature' | 'top_p') => {
    if (text.trim() === '') return null;
    const n = Number(text);
    if (!Number.isFinite(n))
      errors[field] = `${field === 'top_p' ? 'top_p' : 'Temperature'} must be a number, or empty for the default.`;
    return n;
  };
  let tools: unknown = [];
  try {
    tools = JSON.parse(values.tools || '[]');
    if (
      !Array.isArray(tools) ||
      !tools.every((t) => typeof t === 'object' && t !== null && typeof (t as { type?: unknown }).type === 'string')
    ) {
      errors.tools = 'Tools must be a JSON array of objects, each with a "type" (e.g. [{"type": "file_search"}]).';
    }
  } catch (error) {
    errors.tools = `Tools are not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
  }
  const { metadata, error: metadataError } = metadataFromPairs(values.metadata);
  if (metadataError) errors.metadata = metadataError;
  const draft = {
    name: values.name === '' ? null : values.name,
    description: values.description === '' ? null : values.description,
    instructions: values.instructions === '' ? null : values.instructions,
    model: values.model.trim(),
    temperature: number(values.temperature, 'temperature'),
    top_p: number(values.top_p, 'top_p'),
    metadata,
    tools,
  };
  const parsed = AssistantPatch.safeParse(draft);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'form') as Fields | 'form';
      errors[field] ??= issue.message;
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { errors };
  return { patch: parsed.data as AssistantPatch };
}

/** Edit name, description, instructions, model, temperature, top_p, metadata and tools (JSON), then Save. */
export function AssistantEditor({
  connection,
  assistant,
  models,
  onDone,
}: {
  connection: ConnectionView;
  assistant: AssistantView;
  models: readonly string[];
  onDone: () => void;
}) {
  const [values, setValues] = useState(() => valuesOf(assistant));
  const [errors, setErrors] = useState<Errors>({});
  const update = useFerryMutation('assistants.update', { invalidates: ['assistants.list', 'assistants.get'] });
  const id = useId();
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));
  const dirty = JSON.stringify(values) !== JSON.stringify(valuesOf(assistant));
  useUnsavedGuard(dirty && !update.isPending, `Discard your unsaved changes to “${assistant.name ?? assistant.id}”?`);
  // Cancel and Escape ask first when there is something to lose.
  const cancel = () => {
    if (confirmDiscard()) onDone();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = toPatch(values);
    if ('errors' in result) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    update.mutate(
      { connectionId: connection.id, assistantId: assistant.id, patch: result.patch },
      { onSuccess: onDone },
    );
  };

  return (
    <EditorForm
      label={`Edit ${assistant.name ?? assistant.id}`}
      title="Edit assistant"
      id={assistant.id}
      org={connection.name}
      error={errors.form ?? update.error?.message}
      pending={update.isPending}
      onSubmit={submit}
      onCancel={cancel}
    >
      <TextField label="Name" value={values.name} error={errors.name} onChange={(e) => set('name', e.target.value)} />
      <TextField
        label="Description"
        value={values.description}
        error={errors.description}
        onChange={(e) => set('description', e.target.value)}
      />
      <TextArea
        id={`${id}-instructions`}
        label="Instructions"
        rows={6}
        value={values.instructions}
        error={errors.instructions}
        onChange={(v) => set('instructions', v)}
      />
      <ModelField
        value={values.model}
        error={errors.model}
        models={models}
        org={connection.name}
        onChange={(v) => set('model', v)}
      />
      <div className="form__row">
        <TextField
          label="Temperature"
          inputMode="decimal"
          value={values.temperature}
          error={errors.temperature}
          hint="0 to 2; empty for the default."
          onChange={(e) => set('temperature', e.target.value)}
        />
        <TextField
          label="top_p"
          inputMode="decimal"
          value={values.top_p}
          error={errors.top_p}
          hint="0 to 1; empty for the default."
          onChange={(e) => set('top_p', e.target.value)}
        />
      </div>
      <MetadataFields pairs={values.metadata} error={errors.metadata} onChange={(pairs) => set('metadata', pairs)} />
      <TextArea
        id={`${id}-tools`}
        label="Tools (JSON)"
        rows={10}
        mono
        value={values.tools}
        error={errors.tools}
        onChange={(v) => set('tools', v)}
      />
    </EditorForm>
  );
}
