import { isDeepStrictEqual } from 'node:util';
import type { FieldDiff, NotCarried } from '../../../shared/clone.ts';
import type { Agent } from '../openai/agents-api.ts';
import type { Assistant } from '../openai/assistants-api.ts';
import { withMarker } from './marker.ts';

/** The fields an agent clone writes and verify compares. */
export const AGENT_FIELDS = [
  'name',
  'model',
  'instructions',
  'metadata',
  'tools',
  'reasoning',
  'text',
  'service_tier',
  'multi_agent',
  'compaction',
  'experimental',
] as const;
/** The fields an assistant has a home for in an agent; the rest goes to the Responses request. */
export const CARRIED_FIELDS = ['name', 'model', 'instructions', 'metadata', 'tools', 'reasoning', 'text'] as const;

type Json = Record<string, unknown>;

/** A clone of an agent: every field its create takes, the model possibly mapped, the marker added. */
export function agentBodyFromAgent(agent: Agent, model: string): { body: Json; markerAdded: boolean } {
  const { metadata, markerAdded } = withMarker(agent.metadata, agent.id);
  const source = agent as unknown as Json;
  const body: Json = { model, metadata };
  for (const field of AGENT_FIELDS) {
    if (field === 'model' || field === 'metadata') continue;
    const value = source[field];
    if (value === undefined || value === null) continue;
    // A disabled multi_agent answers max_concurrent_subagents: null, which the create does not take.
    if (field === 'multi_agent') body[field] = (value as { enabled: boolean }).enabled ? value : { enabled: false };
    else body[field] = structuredClone(value);
  }
  return { body, markerAdded };
}

interface AssistantFunction {
  name: string;
  description?: string;
  parameters?: Json;
  strict?: boolean | null;
}

const functionOf = (tool: { type: string }): AssistantFunction | undefined =>
  tool.type === 'function' ? ((tool as unknown as { function: AssistantFunction }).function ?? undefined) : undefined;

/**
 * An assistant carried into an org that serves agents: every field that has a home in an agent (name, the
 * model, instructions verbatim, metadata with the marker, function tools with their schemas, reasoning
 * effort, a JSON-schema response format as text.format), and a list of what has none, with where it goes.
 */
export function agentBodyFromAssistant(
  assistant: Assistant,
  model: string,
  storeNames: string[],
  fileNames: string[],
): { body: Json; markerAdded: boolean; notCarried: NotCarried[] } {
  const { metadata, markerAdded } = withMarker(assistant.metadata as Record<string, string> | null, assistant.id);
  const toResponses = 'the Responses request';
  const notCarried: NotCarried[] = [];
  const tools: Json[] = [];
  for (const tool of assistant.tools) {
    const fn = functionOf(tool);
    if (fn) {
      tools.push({
        type: 'function',
        name: fn.name,
        description: fn.description ?? '',
        parameters: fn.parameters ?? { type: 'object', properties: {} },
      });
      if (fn.strict)
        notCarried.push({
          field: `tools.${fn.name}.strict`,
          value: true,
          where: `${toResponses} (an agent's function tools take no strict)`,
        });
    } else if (tool.type === 'file_search') {
      const where =
        storeNames.length > 0
          ? `${toResponses}, on the recreated vector store ${storeNames.map((n) => `“${n}”`).join(', ')}`
          : toResponses;
      notCarried.push({ field: 'tools.file_search', value: structuredClone(tool), where });
    } else if (tool.type === 'code_interpreter') {
      const where =
        fileNames.length > 0
          ? `${toResponses}, with the recreated files ${fileNames.map((n) => `“${n}”`).join(', ')} in its container`
          : toResponses;
      notCarried.push({ field: 'tools.code_interpreter', value: structuredClone(tool), where });
    } else {
      notCarried.push({
        field: `tools.${tool.type}`,
        value: structuredClone(tool),
        where: `nowhere: neither agents nor the Responses request take a “${tool.type}” tool`,
      });
    }
  }
  const body: Json = { model, metadata, tools };
  if (assistant.name !== null) body['name'] = assistant.name;
  if (assistant.instructions !== null) body['instructions'] = assistant.instructions;
  const effort = (assistant as unknown as Json)['reasoning_effort'];
  if (typeof effort === 'string') body['reasoning'] = { effort };
  const format = assistant.response_format;
  if (format && typeof format === 'object' && format.type === 'json_schema') {
    const { schema, ...rest } = format.json_schema as {
      schema?: Json;
      name: string;
      strict?: boolean | null;
      description?: string;
    };
    body['text'] = { format: { type: 'json_schema', schema: schema ?? {} } };
    const extras = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined && v !== null));
    if (Object.keys(extras).length > 0)
      notCarried.push({
        field: 'response_format.json_schema',
        value: extras,
        where: `${toResponses} (an agent's text.format holds the schema only)`,
      });
  } else if (format && typeof format === 'object' && format.type === 'json_object') {
    notCarried.push({
      field: 'response_format',
      value: format,
      where: `${toResponses} (agents take a JSON schema or plain text)`,
    });
  }
  for (const field of ['temperature', 'top_p'] as const) {
    const value = assistant[field];
    // 1 is the API's default for both, in an agent's model requests too: nothing is lost.
    if (typeof value === 'number' && value !== 1) notCarried.push({ field, value, where: toResponses });
  }
  if (assistant.description)
    notCarried.push({
      field: 'description',
      value: assistant.description,
      where: 'nowhere: agents and Responses requests have no description (it stays in this plan and the job report)',
    });
  return { body, markerAdded, notCarried };
}

/** Field-level differences between what an agent clone should hold and what the existing one holds. */
export function diffAgent(body: Json, existing: Agent, fields: readonly string[]): FieldDiff[] {
  const current = existing as unknown as Json;
  const diffs: FieldDiff[] = [];
  for (const field of fields) {
    const wanted = normalise(field, body[field]);
    const actual = normalise(field, current[field]);
    if (!isDeepStrictEqual(wanted, actual)) diffs.push({ field, source: wanted, destination: actual });
  }
  return diffs;
}

/** A field as the API means it: what a create left out compares equal to the default the server fills in. */
function normalise(field: string, value: unknown): unknown {
  const plain = stripNulls(value);
  switch (field) {
    case 'metadata':
      return plain ?? {};
    case 'tools':
      return ((plain as Json[] | undefined) ?? []).map((tool) =>
        tool['type'] === 'function' ? { defer_loading: false, ...tool } : tool,
      );
    case 'reasoning':
      return { effort: null, summary: null, ...((plain as Json | undefined) ?? {}) };
    case 'text':
      return { format: { type: 'text' }, verbosity: 'medium', ...((plain as Json | undefined) ?? {}) };
    case 'service_tier':
      return plain ?? 'auto';
    case 'multi_agent':
      return { enabled: false, ...((plain as Json | undefined) ?? {}) };
    case 'compaction':
      return { async: true, ...((plain as Json | undefined) ?? {}) };
    case 'experimental':
      return { time_awareness: false, ...((plain as Json | undefined) ?? {}) };
    default:
      return plain ?? null;
  }
}

function stripNulls(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) return value.map((v) => stripNulls(v) ?? null);
  if (typeof value !== 'object') return value;
  const out: Json = {};
  for (const [key, member] of Object.entries(value)) {
    const plain = stripNulls(member);
    if (plain !== undefined) out[key] = plain;
  }
  return out;
}
