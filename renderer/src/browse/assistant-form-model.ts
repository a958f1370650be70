import { API_LIMITS as L } from '../../../shared/api-limits.ts';
import { AssistantTool } from '../../../shared/assistant-tools.ts';
import { AssistantPatch } from '../../../shared/contract/browse.ts';
import { parseSchemaText } from '../../../shared/json-schema.ts';
import { isReasoningModel } from '../../../shared/models.ts';
import type { AssistantView } from '../../../shared/resources.ts';
import { pretty } from '../ui/json-view.tsx';
import { metadataFromPairs, pairsOf, type MetadataPair } from './editor-parts.tsx';
import { fieldChanges, type FieldChange } from './field-changes.ts';

export interface FunctionValues {
  name: string;
  description: string;
  strict: boolean;
  parameters: string;
}

/** The assistant form's state: every field the API takes, as the admin types it. */
export interface AssistantValues {
  name: string;
  description: string;
  instructions: string;
  model: string;
  reasoningEffort: string;
  temperature: string;
  top_p: string;
  fileSearch: boolean;
  maxNumResults: string;
  ranker: string;
  scoreThreshold: string;
  codeInterpreter: boolean;
  functions: FunctionValues[];
  /** Tools of types the form has no fields for: kept as they are. */
  otherTools: Record<string, unknown>[];
  vectorStoreIds: string[];
  codeFileIds: string[];
  format: 'auto' | 'text' | 'json_object' | 'json_schema';
  schemaName: string;
  schemaStrict: boolean;
  schemaText: string;
  metadata: MetadataPair[];
}

/** Where a message shows: a field's name, `function.N.name|parameters`, or `form` for the rest. */
export type FieldErrors = Record<string, string>;

export const EMPTY_PARAMETERS = '{\n  "type": "object",\n  "properties": {}\n}';

type Loose = Record<string, unknown>;
const numberText = (n: unknown) => (typeof n === 'number' ? String(n) : '');

/** The form's values for an assistant (or a new one when none is given). */
export function valuesOf(a: AssistantView | null): AssistantValues {
  const tools = (a?.tools ?? []) as Loose[];
  const fileSearch = tools.find((t) => t.type === 'file_search') as { file_search?: Loose } | undefined;
  const settings = (fileSearch?.file_search ?? {}) as {
    max_num_results?: number;
    ranking_options?: { ranker?: string; score_threshold?: number };
  };
  const format = a?.response_format;
  const formatType =
    format && typeof format === 'object' ? String((format as { type?: unknown }).type ?? 'auto') : 'auto';
  const spec = (format as { json_schema?: { name?: string; strict?: boolean; schema?: unknown } } | undefined)
    ?.json_schema;
  return {
    name: a?.name ?? '',
    description: a?.description ?? '',
    instructions: a?.instructions ?? '',
    model: a?.model ?? '',
    reasoningEffort: typeof a?.['reasoning_effort'] === 'string' ? a['reasoning_effort'] : '',
    temperature: numberText(a?.temperature),
    top_p: numberText(a?.top_p),
    fileSearch: fileSearch !== undefined,
    maxNumResults: numberText(settings.max_num_results),
    ranker: settings.ranking_options?.ranker ?? '',
    scoreThreshold: numberText(settings.ranking_options?.score_threshold),
    codeInterpreter: tools.some((t) => t.type === 'code_interpreter'),
    functions: tools
      .filter((t) => t.type === 'function')
      .map((t) => {
        const fn = (t.function ?? {}) as {
          name?: string;
          description?: string;
          strict?: boolean;
          parameters?: unknown;
        };
        return {
          name: fn.name ?? '',
          description: fn.description ?? '',
          strict: fn.strict === true,
          parameters: fn.parameters === undefined ? EMPTY_PARAMETERS : pretty(fn.parameters),
        };
      }),
    otherTools: tools.filter((t) => !['file_search', 'code_interpreter', 'function'].includes(String(t.type))),
    vectorStoreIds: [...(a?.tool_resources?.file_search?.vector_store_ids ?? [])],
    codeFileIds: [...(a?.tool_resources?.code_interpreter?.file_ids ?? [])],
    format: (['auto', 'text', 'json_object', 'json_schema'] as const).find((f) => f === formatType) ?? 'auto',
    schemaName: spec?.name ?? '',
    schemaStrict: spec?.strict === true,
    schemaText: spec?.schema === undefined ? EMPTY_PARAMETERS : pretty(spec.schema),
    metadata: pairsOf(a?.metadata),
  };
}

/** What is wrong with one function's schema text, as the editor says it while the admin types. */
export function parametersError(text: string): string | undefined {
  const parsed = parseSchemaText(text, 'parameters');
  return 'error' in parsed ? parsed.error : undefined;
}

function numberOf(text: string, field: string, label: string, errors: FieldErrors): number | null {
  if (text.trim() === '') return null;
  const n = Number(text);
  if (!Number.isFinite(n)) errors[field] = `${label} must be a number, or empty for the default.`;
  return n;
}

function metadataErrors(pairs: readonly MetadataPair[], errors: FieldErrors): Record<string, string> {
  const { metadata, error } = metadataFromPairs(pairs);
  const keys = Object.keys(metadata);
  const longKey = keys.find((k) => k.length > L.metadataKey);
  const longValue = keys.find((k) => metadata[k]!.length > L.metadataValue);
  if (error) errors.metadata = error;
  else if (keys.length > L.metadataPairs)
    errors.metadata = `Metadata holds at most ${L.metadataPairs} pairs; this has ${keys.length}.`;
  else if (longKey)
    errors.metadata = `The key “${longKey.slice(0, 20)}…” has ${longKey.length} characters; keys are at most ${L.metadataKey}.`;
  else if (longValue)
    errors.metadata = `The value of “${longValue}” has ${metadata[longValue]!.length} characters; values are at most ${L.metadataValue}.`;
  return metadata;
}

/**
 * The API body the form holds (every field, in the API's shapes), or the message per field that is wrong:
 * the contract's own schemas and limits, so what the form lets through the core and the API take too.
 */
export function toBody(v: AssistantValues): { body: AssistantPatch } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  const tools: Loose[] = [];
  if (v.fileSearch) {
    const max = numberOf(v.maxNumResults, 'maxNumResults', 'Max results', errors);
    const threshold = numberOf(v.scoreThreshold, 'scoreThreshold', 'Score threshold', errors);
    const settings: Loose = {};
    if (max !== null) settings.max_num_results = max;
    if (v.ranker || threshold !== null)
      settings.ranking_options = { ...(v.ranker ? { ranker: v.ranker } : {}), score_threshold: threshold ?? 0 };
    tools.push(Object.keys(settings).length ? { type: 'file_search', file_search: settings } : { type: 'file_search' });
  }
  if (v.codeInterpreter) tools.push({ type: 'code_interpreter' });
  v.functions.forEach((fn, i) => {
    const parsed = parseSchemaText(fn.parameters.trim() === '' ? '{}' : fn.parameters, 'parameters');
    if ('error' in parsed) errors[`function.${i}.parameters`] = parsed.error;
    const tool = {
      type: 'function',
      function: {
        name: fn.name.trim(),
        ...(fn.description ? { description: fn.description } : {}),
        strict: fn.strict,
        parameters: 'schema' in parsed ? parsed.schema : {},
      },
    };
    const checked = AssistantTool.safeParse(tool);
    if (!checked.success)
      for (const issue of checked.error.issues)
        errors[`function.${i}.${String(issue.path.at(-1) === 'parameters' ? 'parameters' : 'name')}`] ??= issue.message;
    if (v.functions.findIndex((f) => f.name.trim() === fn.name.trim()) !== i)
      errors[`function.${i}.name`] ??= `Two functions are named “${fn.name.trim()}”.`;
    tools.push(tool);
  });
  tools.push(...v.otherTools);
  if (tools.length > L.tools) errors.tools = `An assistant has at most ${L.tools} tools; this has ${tools.length}.`;
  if (v.vectorStoreIds.length > L.fileSearchVectorStores)
    errors.vectorStores = `file_search takes at most ${L.fileSearchVectorStores} vector store; ${v.vectorStoreIds.length} are picked.`;
  if (v.codeFileIds.length > L.codeInterpreterFiles)
    errors.codeFiles = `code_interpreter holds at most ${L.codeInterpreterFiles} files; ${v.codeFileIds.length} are picked.`;
  let responseFormat: unknown = v.format === 'auto' ? 'auto' : { type: v.format };
  if (v.format === 'json_schema') {
    const parsed = parseSchemaText(v.schemaText, 'schema');
    if ('error' in parsed) errors.schemaText = parsed.error;
    responseFormat = {
      type: 'json_schema',
      json_schema: {
        name: v.schemaName.trim(),
        strict: v.schemaStrict,
        schema: 'schema' in parsed ? parsed.schema : {},
      },
    };
  }
  const metadata = metadataErrors(v.metadata, errors);
  const draft = {
    name: v.name === '' ? null : v.name,
    description: v.description === '' ? null : v.description,
    instructions: v.instructions === '' ? null : v.instructions,
    model: v.model.trim(),
    reasoning_effort: isReasoningModel(v.model.trim()) && v.reasoningEffort ? v.reasoningEffort : null,
    temperature: numberOf(v.temperature, 'temperature', 'Temperature', errors),
    top_p: numberOf(v.top_p, 'top_p', 'top_p', errors),
    metadata,
    tools,
    tool_resources: {
      code_interpreter: { file_ids: v.codeFileIds },
      file_search: { vector_store_ids: v.vectorStoreIds },
    },
    response_format: responseFormat,
  };
  const parsed = AssistantPatch.safeParse(draft);
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const top = String(issue.path[0] ?? 'form');
      const field =
        top === 'tool_resources'
          ? issue.path[1] === 'file_search'
            ? 'vectorStores'
            : 'codeFiles'
          : top === 'response_format'
            ? issue.path.includes('name')
              ? 'schemaName'
              : 'schemaText'
            : top;
      errors[field] ??= issue.message;
    }
  if (Object.keys(errors).length > 0 || !parsed.success) return { errors };
  return { body: parsed.data as AssistantPatch };
}

/** The form field a server's refusal names (its `param`), so the API's message shows beside that field. */
export function fieldOfParam(param: string | undefined, v: AssistantValues): string {
  if (!param) return 'form';
  const path = param.replace(/^(body|patch)\./, '').replace(/\[(\d+)\]/g, '.$1');
  const [top, index, ...rest] = path.split('.');
  if (top === 'tools' && index !== undefined && /^\d+$/.test(index)) {
    const fnIndex = Number(index) - (v.fileSearch ? 1 : 0) - (v.codeInterpreter ? 1 : 0);
    if (rest[0] === 'function' && fnIndex >= 0 && fnIndex < v.functions.length)
      return `function.${fnIndex}.${rest[1] === 'parameters' ? 'parameters' : 'name'}`;
    if (rest[0] === 'file_search') return 'maxNumResults';
    return 'tools';
  }
  if (top === 'tool_resources') return index === 'file_search' ? 'vectorStores' : 'codeFiles';
  if (top === 'response_format') return path.includes('name') ? 'schemaName' : 'schemaText';
  const known = ['name', 'description', 'instructions', 'model', 'reasoning_effort', 'temperature', 'top_p'];
  if (top === 'metadata') return 'metadata';
  return known.includes(top ?? '') ? top! : top === 'tools' ? 'tools' : 'form';
}

const LABELS: Record<string, string> = {
  name: 'Name',
  description: 'Description',
  instructions: 'Instructions',
  model: 'Model',
  reasoning_effort: 'Reasoning effort',
  temperature: 'Temperature',
  top_p: 'top_p',
  metadata: 'Metadata',
  tools: 'Tools',
  tool_resources: 'Tool resources',
  response_format: 'Response format',
};

/** The fields whose values differ between two bodies, for the diff before saving and the patch sent. */
export function changesBetween(before: AssistantPatch, after: AssistantPatch): FieldChange[] {
  return fieldChanges(before as Record<string, unknown>, after as Record<string, unknown>, LABELS);
}
