import { Validator, type Schema } from '@cfworker/json-schema';
import draft07 from 'ajv/dist/refs/json-schema-draft-07.json' with { type: 'json' };

/**
 * Whether a function's `parameters` or a `json_schema` response format is a JSON Schema, checked against
 * the draft-07 meta-schema (Ajv's copy) by @cfworker/json-schema. Ajv itself compiles validators with
 * `new Function`, which the renderer's CSP (`default-src 'self'`) forbids; @cfworker interprets instead, so
 * the form, the core's contract, the CLI and the sandbox all run this one check.
 */
const metaSchema = new Validator(draft07 as unknown as Schema, '7', false);

const WRAPPERS = new Set(['anyOf', 'allOf', 'oneOf', '$ref', 'properties', 'additionalProperties', 'items']);

/**
 * Answers already worked out, by the schema's text: the check interprets the meta-schema (about 0.4 ms a
 * schema), and the same few tool schemas come back again and again (a clone of a hundred assistants
 * sends the sandbox the same function schemas a hundred times). Bounded: cleared when it fills.
 */
const known = new Map<string, string | null>();
const KNOWN_MAX = 1000;

/** Why `schema` is not a JSON Schema an assistant takes (a sentence), or null when it is. */
export function schemaProblem(schema: unknown, what: 'parameters' | 'schema'): string | null {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema))
    return `The ${what} must be a JSON object (a JSON Schema).`;
  const key = `${what}\u0000${JSON.stringify(schema)}`;
  const answer = known.get(key);
  if (answer !== undefined) return answer;
  const problem = checkSchema(schema, what);
  if (known.size >= KNOWN_MAX) known.clear();
  known.set(key, problem);
  return problem;
}

function checkSchema(schema: object, what: 'parameters' | 'schema'): string | null {
  const result = metaSchema.validate(schema);
  if (!result.valid) {
    // The deepest place names the keyword that is wrong; the outer errors only say "a subschema failed".
    const depth = (e: { instanceLocation: string }) => e.instanceLocation.split('/').length;
    const most = Math.max(...result.errors.map(depth));
    const atDeepest = result.errors.filter((e) => depth(e) === most);
    const deepest = atDeepest.find((e) => !WRAPPERS.has(e.keyword)) ?? atDeepest[0]!;
    const where = deepest.instanceLocation.replace(/^#\/?/, '') || 'the top level';
    return `The ${what} ${what === 'parameters' ? 'are' : 'is'} not a valid JSON Schema: at ${where}, ${deepest.error.replace(/\.$/, '')}.`;
  }
  // The API takes an object's properties as a function's arguments.
  const type = (schema as { type?: unknown }).type;
  if (what === 'parameters' && type !== undefined && type !== 'object')
    return `The parameters must be a schema of type "object" (got ${JSON.stringify(type)}).`;
  return null;
}

/** Parses schema text as typed in an editor: the schema, or a sentence saying what is wrong. */
export function parseSchemaText(
  text: string,
  what: 'parameters' | 'schema',
): { schema: Record<string, unknown> } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { error: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const problem = schemaProblem(value, what);
  return problem ? { error: problem } : { schema: value as Record<string, unknown> };
}
