import type { AssistantView } from '../../../shared/resources.ts';

export const MARKER_KEY = 'cloned_from';

export interface CompareRow {
  field: string;
  left: unknown;
  right: unknown;
  same: boolean;
  /** ids and the clone marker always differ between a source and its clone; they are not configuration. */
  kind: 'identity' | 'marker' | 'config';
}

/** Names for ids, per side: a clone's resources have new ids but the same names. */
export interface Resolver {
  vectorStore: (id: string) => string | undefined;
  file: (id: string) => string | undefined;
}

const CONFIG_FIELDS = [
  'name',
  'description',
  'model',
  'instructions',
  'temperature',
  'top_p',
  'response_format',
  'reasoning_effort',
  'tools',
] as const;

/** null, undefined and the API's defaults compare equal, as the clone engine's own diff does. */
function normalise(field: string, value: unknown): unknown {
  if (value === undefined || value === null) {
    if (field === 'tools') return [];
    if (field === 'response_format') return 'auto';
    return null;
  }
  if (field === 'response_format' && typeof value === 'object' && JSON.stringify(value) === '{"type":"text"}')
    return 'auto';
  return value;
}

/** Deep equality for JSON values, ignoring object key order. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every(
      (k) => Object.hasOwn(b, k) && jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
    )
  );
}

const names = (ids: readonly string[] | undefined, resolve: (id: string) => string | undefined) =>
  (ids ?? []).map((id) => resolve(id) ?? `(unknown ${id})`).sort();

/**
 * Field-by-field comparison of two assistants. Tool resources compare by the names of the stores and
 * files they point at, so a faithful clone (new ids, same contents) shows no difference there.
 */
export function compareAssistants(
  left: AssistantView,
  right: AssistantView,
  resolveLeft: Resolver,
  resolveRight: Resolver,
): CompareRow[] {
  const rows: CompareRow[] = [
    { field: 'id', left: left.id, right: right.id, same: left.id === right.id, kind: 'identity' },
  ];
  const l = left as Record<string, unknown>;
  const r = right as Record<string, unknown>;
  for (const field of CONFIG_FIELDS) {
    const a = normalise(field, l[field]);
    const b = normalise(field, r[field]);
    rows.push({ field, left: a, right: b, same: jsonEqual(a, b), kind: 'config' });
  }
  const stores = [
    names(left.tool_resources?.file_search?.vector_store_ids, resolveLeft.vectorStore),
    names(right.tool_resources?.file_search?.vector_store_ids, resolveRight.vectorStore),
  ] as const;
  rows.push({
    field: 'tool_resources.file_search',
    left: stores[0],
    right: stores[1],
    same: jsonEqual(stores[0], stores[1]),
    kind: 'config',
  });
  const files = [
    names(left.tool_resources?.code_interpreter?.file_ids, resolveLeft.file),
    names(right.tool_resources?.code_interpreter?.file_ids, resolveRight.file),
  ] as const;
  rows.push({
    field: 'tool_resources.code_interpreter',
    left: files[0],
    right: files[1],
    same: jsonEqual(files[0], files[1]),
    kind: 'config',
  });
  const keys = [...new Set([...Object.keys(left.metadata ?? {}), ...Object.keys(right.metadata ?? {})])].sort();
  for (const key of keys) {
    const a = left.metadata?.[key] ?? null;
    const b = right.metadata?.[key] ?? null;
    rows.push({
      field: `metadata.${key}`,
      left: a,
      right: b,
      same: a === b,
      kind: key === MARKER_KEY ? 'marker' : 'config',
    });
  }
  return rows;
}

/** Which of the two is a clone of the other, by the marker. */
export function cloneRelation(
  left: AssistantView,
  right: AssistantView,
): 'right-clones-left' | 'left-clones-right' | null {
  if (right.metadata?.[MARKER_KEY] === left.id) return 'right-clones-left';
  if (left.metadata?.[MARKER_KEY] === right.id) return 'left-clones-right';
  return null;
}
