import { isDeepStrictEqual } from 'node:util';
import type { FieldDiff } from '../../../shared/clone.ts';
import type { Assistant } from '../openai/assistants-api.ts';
import { withMarker } from './marker.ts';

/** The fields a clone copies. tool_resources are not among them: they are remapped to destination ids. */
export const CLONED_FIELDS = ['name', 'description', 'model', 'instructions', 'tools', 'response_format', 'temperature', 'top_p', 'metadata', 'reasoning_effort'] as const;

/** The create/update body for a clone of `assistant`, with its model possibly mapped and the marker added. */
export function assistantBody(assistant: Assistant, model: string): { body: Record<string, unknown>; markerAdded: boolean } {
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

/** null, undefined and the API's defaults compare equal; metadata and tools compare by value. */
function normalise(field: string, value: unknown): unknown {
  if (value === undefined || value === null) {
    if (field === 'tools') return [];
    if (field === 'metadata') return {};
    if (field === 'response_format') return 'auto';
    return null;
  }
  if (field === 'response_format' && isDeepStrictEqual(value, { type: 'text' })) return 'auto';
  return value;
}
