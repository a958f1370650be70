import { badRequest } from './errors.ts';
import { describeType, isPlainObject, optionalString, rejectUnknown } from './http-io.ts';
import { nextSeq, newId } from './ids.ts';
import type { AgentRecord, TenantState } from './types.ts';
import { expectArray, expectObject, parseMetadata } from './validation.ts';

/** The fields an agent create/update accepts (the SDK's AgentCreateParams); anything else is "Unrecognized". */
export const agentFields = [
  'model',
  'name',
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

const EFFORTS = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max'];
const SUMMARIES = ['concise', 'detailed', 'auto'];
const TIERS = ['auto', 'default', 'flex', 'priority', 'fast', 'ultrafast'];
const TOOL_TYPES = [
  'function',
  'tool_search',
  'programmatic_tool_calling',
  'mcp',
  'web_search',
  'computer_use',
  'automations',
];

type AgentPatch = Partial<Omit<AgentRecord, 'id' | 'seq' | 'created_at' | 'updated_at'>>;

/**
 * Validates an agent body as the Agents API does: the documented limits (metadata from shared/api-limits.ts),
 * a model the tenant has, and no field an agent has no home for (an assistant's `strict`, `file_search`,
 * `temperature` are refused, naming the parameter), so a client that sends them learns it here.
 */
export function parseAgentBody(body: Record<string, unknown>, tenant: TenantState, creating: boolean): AgentPatch {
  rejectUnknown(body, agentFields);
  const patch: AgentPatch = {};
  if (body.model !== undefined || creating) {
    if (body.model === undefined)
      throw badRequest('model', "Missing required parameter: 'model'.", 'missing_required_parameter');
    if (typeof body.model !== 'string')
      throw badRequest(
        'model',
        `Invalid type for 'model': expected a string, but got ${describeType(body.model)} instead.`,
        'invalid_type',
      );
    if (!tenant.models.has(body.model))
      throw badRequest('model', `The requested model '${body.model}' does not exist.`, 'model_not_found');
    patch.model = body.model;
  }
  const name = optionalString(body, 'name', 256);
  if (name !== undefined) patch.name = name;
  const instructions = optionalString(body, 'instructions', 256_000);
  if (instructions !== undefined) patch.instructions = instructions;
  const metadata = parseMetadata(body.metadata);
  if (metadata !== undefined) patch.metadata = metadata ?? {};
  if (body.tools !== undefined) patch.tools = parseAgentTools(body.tools);
  if (body.reasoning !== undefined) patch.reasoning = parseReasoning(body.reasoning);
  if (body.text !== undefined) patch.text = parseText(body.text);
  if (body.service_tier !== undefined) patch.service_tier = oneOf(body.service_tier ?? 'auto', 'service_tier', TIERS);
  if (body.multi_agent !== undefined) patch.multi_agent = parseMultiAgent(body.multi_agent);
  if (body.compaction !== undefined) {
    const compaction = body.compaction;
    if (compaction !== null && !isPlainObject(compaction))
      throw badRequest('compaction', `Invalid type for 'compaction': expected an object.`, 'invalid_type');
    patch.compaction = { async: compaction?.async !== false };
  }
  if (body.experimental !== undefined) {
    if (!isPlainObject(body.experimental))
      throw badRequest('experimental', `Invalid type for 'experimental': expected an object.`, 'invalid_type');
    patch.experimental = { time_awareness: body.experimental.time_awareness === true };
  }
  return patch;
}

function oneOf(value: unknown, param: string, allowed: string[]): string {
  if (typeof value !== 'string' || !allowed.includes(value)) {
    throw badRequest(
      param,
      `Invalid value: ${JSON.stringify(value)}. Supported values are: ${allowed.map((a) => `'${a}'`).join(', ')}.`,
      'invalid_value',
    );
  }
  return value;
}

function parseAgentTools(value: unknown): Record<string, unknown>[] {
  if (value === null) return [];
  const tools = expectArray(value, 'tools');
  const names = new Set<string>();
  return tools.map((item, index) => {
    const param = `tools[${index}]`;
    const tool = expectObject(item, param);
    const type = oneOf(tool.type, `${param}.type`, TOOL_TYPES);
    if (type !== 'function') return { ...structuredClone(tool), type };
    for (const key of Object.keys(tool)) {
      if (!['type', 'name', 'description', 'parameters', 'async', 'defer_loading'].includes(key)) {
        throw badRequest(
          `${param}.${key}`,
          `Unrecognized request argument supplied: ${param}.${key}`,
          'unknown_parameter',
        );
      }
    }
    if (typeof tool.name !== 'string' || !/^[a-zA-Z0-9_-]{1,64}$/.test(tool.name)) {
      throw badRequest(
        `${param}.name`,
        `Invalid '${param}.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]{1,64}$'.`,
        'invalid_value',
      );
    }
    if (names.has(tool.name))
      throw badRequest(`${param}.name`, `Duplicate function name '${tool.name}' in tools.`, 'invalid_value');
    names.add(tool.name);
    if (typeof tool.description !== 'string')
      throw badRequest(
        `${param}.description`,
        `Missing required parameter: '${param}.description'.`,
        'missing_required_parameter',
      );
    if (!isPlainObject(tool.parameters))
      throw badRequest(
        `${param}.parameters`,
        `Missing required parameter: '${param}.parameters'.`,
        'missing_required_parameter',
      );
    return {
      type: 'function',
      name: tool.name,
      description: tool.description,
      parameters: structuredClone(tool.parameters),
      defer_loading: tool.defer_loading === true,
      ...(tool.async === undefined ? {} : { async: tool.async === true }),
    };
  });
}

function parseReasoning(value: unknown): AgentRecord['reasoning'] {
  if (value === null) return { effort: null, summary: null };
  if (!isPlainObject(value))
    throw badRequest('reasoning', `Invalid type for 'reasoning': expected an object.`, 'invalid_type');
  rejectUnknown(value, ['effort', 'summary']);
  return {
    effort:
      value.effort === undefined || value.effort === null ? null : oneOf(value.effort, 'reasoning.effort', EFFORTS),
    summary:
      value.summary === undefined || value.summary === null
        ? null
        : oneOf(value.summary, 'reasoning.summary', SUMMARIES),
  };
}

function parseText(value: unknown): AgentRecord['text'] {
  if (value === null) return { format: { type: 'text' }, verbosity: 'medium' };
  if (!isPlainObject(value)) throw badRequest('text', `Invalid type for 'text': expected an object.`, 'invalid_type');
  rejectUnknown(value, ['format', 'verbosity']);
  const verbosity =
    value.verbosity === undefined || value.verbosity === null
      ? 'medium'
      : oneOf(value.verbosity, 'text.verbosity', ['low', 'medium', 'high']);
  const format = value.format;
  if (format === undefined || format === null) return { format: { type: 'text' }, verbosity };
  if (!isPlainObject(format))
    throw badRequest('text.format', `Invalid type for 'text.format': expected an object.`, 'invalid_type');
  const type = oneOf(format.type, 'text.format.type', ['text', 'json_schema']);
  if (type === 'text') {
    rejectUnknown(format, ['type']);
    return { format: { type: 'text' }, verbosity };
  }
  for (const key of Object.keys(format)) {
    if (key !== 'type' && key !== 'schema')
      throw badRequest(
        `text.format.${key}`,
        `Unrecognized request argument supplied: text.format.${key}`,
        'unknown_parameter',
      );
  }
  if (!isPlainObject(format.schema))
    throw badRequest(
      'text.format.schema',
      "Missing required parameter: 'text.format.schema'.",
      'missing_required_parameter',
    );
  return { format: { type: 'json_schema', schema: structuredClone(format.schema) }, verbosity };
}

function parseMultiAgent(value: unknown): AgentRecord['multi_agent'] {
  if (value === null) return { enabled: false, max_concurrent_subagents: null };
  if (!isPlainObject(value) || typeof value.enabled !== 'boolean')
    throw badRequest(
      'multi_agent.enabled',
      "Missing required parameter: 'multi_agent.enabled'.",
      'missing_required_parameter',
    );
  const max = value.max_concurrent_subagents;
  if (max !== undefined && (typeof max !== 'number' || !Number.isInteger(max) || max < 1)) {
    throw badRequest(
      'multi_agent.max_concurrent_subagents',
      "Invalid 'multi_agent.max_concurrent_subagents': expected a positive integer.",
      'invalid_value',
    );
  }
  return {
    enabled: value.enabled,
    max_concurrent_subagents: value.enabled ? ((max as number | undefined) ?? 6) : null,
  };
}

/** A new agent as the API would hold it: its defaults, overridden by what the (validated) body set. */
export function newAgentRecord(body: Record<string, unknown>, tenant: TenantState, createdAt: number): AgentRecord {
  return {
    id: newId.agent(),
    seq: nextSeq(),
    created_at: createdAt,
    updated_at: createdAt,
    name: null,
    model: '',
    instructions: null,
    metadata: {},
    tools: [],
    reasoning: { effort: null, summary: null },
    text: { format: { type: 'text' }, verbosity: 'medium' },
    service_tier: 'auto',
    multi_agent: { enabled: false, max_concurrent_subagents: null },
    compaction: { async: true },
    experimental: { time_awareness: false },
    ...parseAgentBody(body, tenant, true),
  };
}
