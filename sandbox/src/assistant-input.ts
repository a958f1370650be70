import { schemaProblem } from '../../shared/json-schema.ts';
import { badRequest } from './errors.ts';
import { nextSeq, newId } from './ids.ts';
import { describeType, isPlainObject, optionalNumber, optionalString } from './http-io.ts';
import type { AssistantRecord, TenantState } from './types.ts';
import {
  assistantRankers,
  expectArray,
  expectObject,
  limits,
  parseMetadata,
  parseRankingOptions,
  parseStringArray,
} from './validation.ts';

/** The fields an assistant create/modify accepts; anything else is "Unrecognized request argument". */
export const assistantFields = [
  'model',
  'name',
  'description',
  'instructions',
  'reasoning_effort',
  'tools',
  'tool_resources',
  'metadata',
  'temperature',
  'top_p',
  'response_format',
] as const;

type AssistantPatch = Partial<Omit<AssistantRecord, 'id' | 'seq' | 'created_at'>>;

/**
 * Validates an assistant body against the documented limits and the tenant's objects. Every referenced
 * model, file and vector store must exist in the caller's tenant, or the 400 names the parameter.
 */
export function parseAssistantBody(
  body: Record<string, unknown>,
  tenant: TenantState,
  creating: boolean,
): AssistantPatch {
  const patch: AssistantPatch = {};
  if (body.model !== undefined || creating) {
    if (body.model === undefined)
      throw badRequest('model', "Missing required parameter: 'model'.", 'missing_required_parameter');
    if (typeof body.model !== 'string')
      throw badRequest(
        'model',
        `Invalid type for 'model': expected a string, but got ${describeType(body.model)} instead.`,
        'invalid_type',
      );
    if (!tenant.models.has(body.model)) {
      throw badRequest('model', `The requested model '${body.model}' does not exist.`, 'model_not_found');
    }
    patch.model = body.model;
  }
  const name = optionalString(body, 'name', limits.name);
  if (name !== undefined) patch.name = name;
  const description = optionalString(body, 'description', limits.description);
  if (description !== undefined) patch.description = description;
  const instructions = optionalString(body, 'instructions', limits.instructions);
  if (instructions !== undefined) patch.instructions = instructions;
  const effort = optionalString(body, 'reasoning_effort');
  if (effort !== undefined) {
    if (effort !== null && !['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max'].includes(effort)) {
      throw badRequest(
        'reasoning_effort',
        `Invalid value: '${effort}'. Supported values are: 'none', 'minimal', 'low', 'medium', 'high', 'xhigh' and 'max'.`,
        'invalid_value',
      );
    }
    patch.reasoning_effort = effort;
  }
  const temperature = optionalNumber(body, 'temperature', 0, limits.temperatureMax);
  if (temperature !== undefined) patch.temperature = temperature;
  const topP = optionalNumber(body, 'top_p', 0, limits.topPMax);
  if (topP !== undefined) patch.top_p = topP;
  const metadata = parseMetadata(body.metadata);
  if (metadata !== undefined) patch.metadata = metadata ?? {};
  if (body.tools !== undefined) patch.tools = parseTools(body.tools);
  if (body.tool_resources !== undefined) patch.tool_resources = parseToolResources(body.tool_resources, tenant);
  if (body.response_format !== undefined) patch.response_format = parseResponseFormat(body.response_format);
  return patch;
}

function parseTools(value: unknown): Record<string, unknown>[] {
  if (value === null) return [];
  const tools = expectArray(value, 'tools');
  if (tools.length > limits.tools) {
    throw badRequest(
      'tools',
      `Invalid 'tools': array too long. Expected an array with maximum length ${limits.tools}, but got an array with length ${tools.length} instead.`,
      'array_above_max_length',
    );
  }
  const functionNames = new Set<string>();
  return tools.map((item, index) => {
    const param = `tools[${index}]`;
    const tool = expectObject(item, param);
    if (tool.type === 'code_interpreter') return { type: 'code_interpreter' };
    if (tool.type === 'file_search') {
      const settings = tool.file_search;
      if (settings !== undefined && !isPlainObject(settings))
        throw badRequest(
          `${param}.file_search`,
          `Invalid type for '${param}.file_search': expected an object.`,
          'invalid_type',
        );
      const max = settings?.max_num_results;
      if (
        max !== undefined &&
        (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > limits.fileSearchMaxResults)
      ) {
        throw badRequest(
          `${param}.file_search.max_num_results`,
          `Invalid '${param}.file_search.max_num_results': expected an integer between 1 and ${limits.fileSearchMaxResults}.`,
          'invalid_value',
        );
      }
      parseRankingOptions(settings?.ranking_options, `${param}.file_search.ranking_options`, assistantRankers);
      return settings === undefined
        ? { type: 'file_search' }
        : { type: 'file_search', file_search: structuredClone(settings) };
    }
    if (tool.type === 'function') {
      const fn = tool.function;
      if (!isPlainObject(fn))
        throw badRequest(
          `${param}.function`,
          `Missing required parameter: '${param}.function'.`,
          'missing_required_parameter',
        );
      if (typeof fn.name !== 'string' || !limits.functionName.test(fn.name)) {
        throw badRequest(
          `${param}.function.name`,
          `Invalid '${param}.function.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]{1,64}$'.`,
          'invalid_value',
        );
      }
      if (functionNames.has(fn.name))
        throw badRequest(`${param}.function.name`, `Duplicate function name '${fn.name}' in tools.`, 'invalid_value');
      functionNames.add(fn.name);
      if (fn.parameters !== undefined && !isPlainObject(fn.parameters)) {
        throw badRequest(
          `${param}.function.parameters`,
          `Invalid type for '${param}.function.parameters': expected an object.`,
          'invalid_type',
        );
      }
      // The real API refuses a function whose parameters are not a JSON Schema (an object's).
      const problem = fn.parameters === undefined ? null : schemaProblem(fn.parameters, 'parameters');
      if (problem)
        throw badRequest(
          `${param}.function.parameters`,
          `Invalid schema for function '${fn.name}': ${problem}`,
          'invalid_function_parameters',
        );
      return { type: 'function', function: structuredClone(fn) };
    }
    throw badRequest(
      `${param}.type`,
      `Invalid value: ${JSON.stringify(tool.type)}. Supported values are: 'code_interpreter', 'file_search', and 'function'.`,
      'invalid_value',
    );
  });
}

function parseToolResources(value: unknown, tenant: TenantState): AssistantRecord['tool_resources'] {
  if (value === null) return {};
  if (!isPlainObject(value))
    throw badRequest('tool_resources', `Invalid type for 'tool_resources': expected an object.`, 'invalid_type');
  const out: AssistantRecord['tool_resources'] = {};
  const code = value.code_interpreter;
  if (code !== undefined && code !== null) {
    if (!isPlainObject(code))
      throw badRequest(
        'tool_resources.code_interpreter',
        `Invalid type for 'tool_resources.code_interpreter': expected an object.`,
        'invalid_type',
      );
    const ids = parseStringArray(
      code.file_ids ?? [],
      'tool_resources.code_interpreter.file_ids',
      limits.codeInterpreterFiles,
      'a file id',
    );
    ids.forEach((id, index) => {
      if (!tenant.files.has(id))
        throw badRequest(
          `tool_resources.code_interpreter.file_ids[${index}]`,
          `Invalid 'tool_resources.code_interpreter.file_ids[${index}]': file with id '${id}' not found.`,
          'invalid_value',
        );
    });
    out.code_interpreter = { file_ids: ids };
  }
  const search = value.file_search;
  if (search !== undefined && search !== null) {
    if (!isPlainObject(search))
      throw badRequest(
        'tool_resources.file_search',
        `Invalid type for 'tool_resources.file_search': expected an object.`,
        'invalid_type',
      );
    if (search.vector_stores !== undefined) {
      // Creating a store inline is a create-only helper; the sandbox does not offer it, and says so.
      throw badRequest(
        'tool_resources.file_search.vector_stores',
        'The sandbox does not support creating vector stores inline; create the vector store first and pass vector_store_ids.',
        'unsupported_parameter',
      );
    }
    const ids = parseStringArray(
      search.vector_store_ids ?? [],
      'tool_resources.file_search.vector_store_ids',
      limits.fileSearchVectorStores,
      'a vector store id',
    );
    ids.forEach((id, index) => {
      if (!tenant.vectorStores.has(id))
        throw badRequest(
          `tool_resources.file_search.vector_store_ids[${index}]`,
          `Invalid 'tool_resources.file_search.vector_store_ids[${index}]': vector store with id '${id}' not found.`,
          'invalid_value',
        );
    });
    out.file_search = { vector_store_ids: ids };
  }
  return out;
}

function parseResponseFormat(value: unknown): unknown {
  if (value === null || value === 'auto') return value;
  if (!isPlainObject(value))
    throw badRequest(
      'response_format',
      `Invalid value for 'response_format': expected 'auto' or an object.`,
      'invalid_value',
    );
  if (value.type === 'text' || value.type === 'json_object') return { type: value.type };
  if (value.type === 'json_schema') {
    const schema = value.json_schema;
    if (!isPlainObject(schema))
      throw badRequest(
        'response_format.json_schema',
        "Missing required parameter: 'response_format.json_schema'.",
        'missing_required_parameter',
      );
    if (typeof schema.name !== 'string' || !limits.functionName.test(schema.name)) {
      throw badRequest(
        'response_format.json_schema.name',
        "Invalid 'response_format.json_schema.name': expected a string matching '^[a-zA-Z0-9_-]{1,64}$'.",
        'invalid_value',
      );
    }
    const problem = schema.schema === undefined ? null : schemaProblem(schema.schema, 'schema');
    if (problem)
      throw badRequest(
        'response_format.json_schema.schema',
        `Invalid schema for response_format '${schema.name}': ${problem}`,
        'invalid_json_schema',
      );
    return { type: 'json_schema', json_schema: structuredClone(schema) };
  }
  throw badRequest(
    'response_format.type',
    `Invalid value: ${JSON.stringify(value.type)}. Supported values are: 'text', 'json_object', and 'json_schema'.`,
    'invalid_value',
  );
}

/** A new assistant as the API would hold it: its defaults, overridden by what the (validated) body set. */
export function newAssistantRecord(
  body: Record<string, unknown>,
  tenant: TenantState,
  createdAt: number,
): AssistantRecord {
  return {
    id: newId.assistant(),
    seq: nextSeq(),
    created_at: createdAt,
    name: null,
    description: null,
    model: '',
    instructions: null,
    tools: [],
    tool_resources: {},
    metadata: {},
    temperature: 1,
    top_p: 1,
    response_format: 'auto',
    ...parseAssistantBody(body, tenant, true),
  };
}
