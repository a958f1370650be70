import { useId, type FormEvent } from 'react';
import { AgentPatch, type AgentView } from '../../../shared/agents.ts';
import { BridgeError } from '../../../shared/bridge.ts';
import type { ConnectionView } from '../../../shared/connection.ts';
import { useFerryMutation } from '../query/ferry-query.ts';
import { TextField } from '../ui/text-field.tsx';
import {
  EditorForm,
  EFFORT_OPTIONS,
  MetadataFields,
  SelectField,
  metadataFromPairs,
  ModelField,
  pairsOf,
  TextArea,
  type MetadataPair,
} from './editor-parts.tsx';
import { pretty } from '../ui/json-view.tsx';
import { ChangesDialog } from './changes-dialog.tsx';
import { changedPart, fieldChanges } from './field-changes.ts';
import { useEditorState } from './use-editor-state.ts';

type Fields = 'name' | 'instructions' | 'model' | 'metadata' | 'tools' | 'reasoning' | 'text';
type Errors = Partial<Record<Fields | 'form', string>>;

interface Values {
  name: string;
  instructions: string;
  model: string;
  effort: string;
  metadata: MetadataPair[];
  tools: string;
  format: string;
}

const valuesOf = (a: AgentView): Values => ({
  name: a.name ?? '',
  instructions: a.instructions ?? '',
  model: a.model,
  effort: a.reasoning?.effort ?? '',
  metadata: pairsOf(a.metadata),
  tools: pretty(a.tools),
  format: pretty(a.text?.format ?? { type: 'text' }),
});

/** `subject` starts the sentence: "Tools are", "The text format is". */
function parseJson(text: string, fallback: unknown, subject: string, errors: Errors, field: Fields): unknown {
  try {
    return JSON.parse(text.trim() === '' ? JSON.stringify(fallback) : text);
  } catch (error) {
    errors[field] = `${subject} not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
    return fallback;
  }
}

/** Builds the patch from the form, or says what is wrong per field (the same limits the core enforces). */
export function toAgentPatch(values: Values): { patch: AgentPatch } | { errors: Errors } {
  const errors: Errors = {};
  const tools = parseJson(values.tools, [], 'Tools are', errors, 'tools');
  if (
    !errors.tools &&
    (!Array.isArray(tools) ||
      !tools.every((t) => typeof t === 'object' && t !== null && typeof (t as { type?: unknown }).type === 'string'))
  ) {
    errors.tools = 'Tools must be a JSON array of objects, each with a "type" (e.g. [{"type": "web_search"}]).';
  }
  const format = parseJson(values.format, { type: 'text' }, 'The text format is', errors, 'text');
  const { metadata, error: metadataError } = metadataFromPairs(values.metadata);
  if (metadataError) errors.metadata = metadataError;
  const draft = {
    name: values.name === '' ? null : values.name,
    instructions: values.instructions === '' ? null : values.instructions,
    model: values.model.trim(),
    metadata,
    tools,
    reasoning: { effort: values.effort === '' ? null : values.effort },
    text: { format },
  };
  const parsed = AgentPatch.safeParse(draft);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'form') as Fields | 'form';
      errors[field] ??= issue.message;
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { errors };
  return { patch: parsed.data as AgentPatch };
}

const LABELS: Record<string, string> = {
  name: 'Name',
  instructions: 'Instructions',
  model: 'Model',
  reasoning: 'Reasoning effort',
  metadata: 'Metadata',
  tools: 'Tools',
  text: 'Text format',
};

/** A patch as the review reads it: the effort and the format themselves, not the objects that hold them. */
const reviewed = (p: AgentPatch): Record<string, unknown> => ({
  ...p,
  reasoning: p.reasoning?.effort ?? null,
  text: p.text?.format ?? null,
});

/** The form's field for a parameter the server refused ("tools[0].name" is the tools field). */
const fieldOfParam = (param: string | undefined): Fields | 'form' => {
  const top = param?.replace(/^patch\./, '').split(/[.[]/)[0];
  return top && top in LABELS ? (top as Fields) : 'form';
};

/**
 * Edit an agent's name, instructions, model, reasoning effort, metadata, tools and text format; Save shows
 * what will change, old beside new, and sends only those fields.
 */
export function AgentEditor({
  connection,
  agent,
  models,
  onDone,
}: {
  connection: ConnectionView;
  agent: AgentView;
  models: readonly string[];
  onDone: () => void;
}) {
  const update = useFerryMutation('agents.update', { invalidates: ['agents.list', 'agents.get'] });
  const id = useId();
  const { values, set, errors, setErrors, review, setReview, cancel } = useEditorState<Values, AgentPatch>(
    () => valuesOf(agent),
    `“${agent.name ?? agent.id}”`,
    update.isPending,
    onDone,
  );
  // The server's refusal goes beside the field its param names, in its own words.
  const refused = (error: Error) =>
    setErrors({ [fieldOfParam(error instanceof BridgeError ? error.field : undefined)]: error.message });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = toAgentPatch(values);
    if ('errors' in result) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    const before = toAgentPatch(valuesOf(agent));
    const changes = fieldChanges(reviewed('patch' in before ? before.patch : {}), reviewed(result.patch), LABELS);
    if (changes.length === 0) return onDone();
    setReview({ changes, patch: changedPart(result.patch, changes) });
  };

  return (
    <EditorForm
      label={`Edit ${agent.name ?? agent.id}`}
      title="Edit agent"
      id={agent.id}
      org={connection.name}
      error={errors.form}
      pending={update.isPending}
      onSubmit={submit}
      onCancel={cancel}
    >
      <TextField label="Name" value={values.name} error={errors.name} onChange={(e) => set('name', e.target.value)} />
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
      <SelectField
        label="Reasoning effort"
        value={values.effort}
        options={EFFORT_OPTIONS}
        error={errors.reasoning}
        onChange={(v) => set('effort', v)}
      />
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
      <TextArea
        id={`${id}-format`}
        label="Text format (JSON)"
        rows={5}
        mono
        value={values.format}
        error={errors.text}
        onChange={(v) => set('format', v)}
      />
      {review && (
        <ChangesDialog
          name={agent.name ?? agent.id}
          org={connection.name}
          changes={review.changes}
          busy={update.isPending}
          onCancel={() => setReview(null)}
          onConfirm={() =>
            update.mutate(
              { connectionId: connection.id, agentId: agent.id, patch: review.patch },
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
