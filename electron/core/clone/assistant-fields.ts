import { isDeepStrictEqual } from 'node:util';
import type { FieldDiff } from '../../../shared/clone.ts';
import type { Assistant } from '../openai/assistants-api.ts';
import { withMarker } from './marker.ts';

/** The fields a clone copies. tool_resources are not among them: they are remapped to destination ids. */
export const CLONED_FIELDS = [
  'name',
  'description',
  'model',
  'instructions',
  'tools',
  'response_format',
  'temperature',
  'top_p',
  'metadata',
  'reasoning_effort',
] as const;

/** The create/update body for a clone of `assistant`, with its model possibly mapped and the marker added. */
export function assistantBody(
  assistant: Assistant,
  model: string,
): { body: Record<string, unknown>; markerAdded: boolean } {
  const { metadata, markerAdded } = withMarker(assistant.metadata as Record<string, string> | null, assistant.id);
  const source = assistant as unknown as Record<string, unknown>;
  const body: Record<string, unknown> = { model, metadata };
  for (const field of CLONED_FIELDS) {
    if (field === 'model' || field === 'metadata') continue;
    const value = source[field];
    // Absent and null fields are left out: the API's defaults are what the source has then.
    if (value !== undefined && value !== null) body[field] = value;
  }
  return { body, markerAdded };
}

/** Field-level differences between what a clone should hold and what an existing one holds. */
export function diffAssistant(body: Record<string, unknown>, existing: Assistant): FieldDiff[] {
  const current = existing as unknown as Record<string, unknown>;
  const diffs: FieldDiff[] = [];
  for (const field of CLONED_FIELDS) {
    const wanted = normalise(field, body[field]);
    const actual = normalise(field, current[field]);
    if (!isDeepStrictEqual(wanted, actual)) diffs.push({ field, source: wanted, destination: actual });
  }
  return diffs;
}

/** What the API answers for a field a create left out: an absent field and its default compare equal. */
const DEFAULTS: Record<string, unknown> = {
  tools: [],
  metadata: {},
  response_format: 'auto',
  temperature: 1,
  top_p: 1,
};

/**
 * The value as the API means it: absent, null and the field's default are one; `{type: "text"}` is the
 * "auto" response format; inside objects a null member is an absent one (key order never matters to
 * isDeepStrictEqual). So an unchanged clone compares equal however the server spells its answer.
 */
function normalise(field: string, value: unknown): unknown {
  const plain = stripNulls(value);
  if (plain === undefined) return field in DEFAULTS ? DEFAULTS[field] : null;
  if (field === 'response_format' && isDeepStrictEqual(plain, { type: 'text' })) return 'auto';
  return plain;
}

function stripNulls(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) return value.map((v) => stripNulls(v) ?? null);
  if (typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    const plain = stripNulls(member);
    if (plain !== undefined) out[key] = plain;
  }
  return out;
}

/**
 * How an existing clone's tool resources differ from where the plan would point them: every linked file
 * and store must already be a reused clone, and the clone must point at exactly those. An empty answer
 * means the links are right as they are.
 */
export function diffLinks(
  existing: Assistant,
  want: { codeInterpreter: (string | undefined)[]; fileSearch: (string | undefined)[] },
): FieldDiff[] {
  const diffs: FieldDiff[] = [];
  const compare = (field: string, wanted: (string | undefined)[], actual: readonly string[] | undefined) => {
    const have = [...(actual ?? [])].sort();
    if (wanted.some((id) => id === undefined))
      return diffs.push({ field, source: '(made by this clone)', destination: have });
    const sorted = [...(wanted as string[])].sort();
    if (!isDeepStrictEqual(sorted, have)) diffs.push({ field, source: sorted, destination: have });
    return undefined;
  };
  compare(
    'tool_resources.code_interpreter.file_ids',
    want.codeInterpreter,
    existing.tool_resources?.code_interpreter?.file_ids,
  );
  compare(
    'tool_resources.file_search.vector_store_ids',
    want.fileSearch,
    existing.tool_resources?.file_search?.vector_store_ids,
  );
  return diffs;
}
