/**
 * A Responses request (`client.responses.create`) that reproduces an assistant whole: what an agent holds
 * and what it cannot (file_search on the recreated stores, code_interpreter with the recreated files,
 * temperature, top_p, strict function schemas, the full response format). Plans hold it with plan keys
 * where destination ids go; {@link resolveResponsesRequest} puts in the ids once the objects exist.
 */
import type { JobView } from './jobs.ts';

export type ResponsesRequest = Record<string, unknown>;

type Json = Record<string, unknown>;

interface AssistantLike {
  model: string;
  instructions: string | null;
  tools: { type: string }[];
  temperature?: number | null | undefined;
  top_p?: number | null | undefined;
  response_format?: unknown;
  reasoning_effort?: unknown;
}

/** The request with plan keys for the stores and files (the template a plan carries). */
export function responsesTemplate(
  assistant: AssistantLike,
  model: string,
  storeKeys: string[],
  fileKeys: string[],
): ResponsesRequest {
  const tools: Json[] = [];
  for (const tool of assistant.tools) {
    if (tool.type === 'function') {
      const fn = (tool as unknown as { function: Json }).function;
      tools.push({ type: 'function', ...fn, ...(fn['strict'] === undefined ? {} : { strict: fn['strict'] }) });
    } else if (tool.type === 'file_search') {
      const settings = ((tool as unknown as { file_search?: Json }).file_search ?? {}) as Json;
      tools.push({ type: 'file_search', vector_store_ids: storeKeys, ...settings });
    } else if (tool.type === 'code_interpreter') {
      tools.push({ type: 'code_interpreter', container: { type: 'auto', file_ids: fileKeys } });
    }
  }
  const request: ResponsesRequest = { model };
  if (assistant.instructions !== null) request['instructions'] = assistant.instructions;
  if (tools.length > 0) request['tools'] = tools;
  if (typeof assistant.temperature === 'number') request['temperature'] = assistant.temperature;
  if (typeof assistant.top_p === 'number') request['top_p'] = assistant.top_p;
  if (typeof assistant.reasoning_effort === 'string') request['reasoning'] = { effort: assistant.reasoning_effort };
  const format = assistant.response_format;
  if (format && typeof format === 'object') {
    const f = format as { type: string; json_schema?: Json };
    // Responses take the schema's fields flat under text.format, where Chat and Assistants nest them.
    if (f.type === 'json_schema') request['text'] = { format: { type: 'json_schema', ...(f.json_schema ?? {}) } };
    else if (f.type === 'json_object') request['text'] = { format: { type: 'json_object' } };
  }
  return request;
}

/**
 * The request with destination ids in place of plan keys; a key not made (yet) becomes a placeholder
 * that names the object, so the screen never shows an id that does not exist.
 */
export function resolveResponsesRequest(
  template: ResponsesRequest,
  resolved: ReadonlyMap<string, string>,
  names: ReadonlyMap<string, string>,
): ResponsesRequest {
  const id = (key: string) => resolved.get(key) ?? `<id of the new copy of “${names.get(key) ?? key}”>`;
  const tools = (template['tools'] as Json[] | undefined)?.map((tool) => {
    if (tool['type'] === 'file_search')
      return { ...tool, vector_store_ids: (tool['vector_store_ids'] as string[]).map(id) };
    if (tool['type'] === 'code_interpreter') {
      const container = tool['container'] as { type: string; file_ids: string[] };
      return { ...tool, container: { ...container, file_ids: container.file_ids.map(id) } };
    }
    return tool;
  });
  return tools ? { ...template, tools } : { ...template };
}

/** The request as TypeScript to paste: `client.responses.create({...})`, the user's message left to the caller. */
export function responsesSnippet(request: ResponsesRequest): string {
  const body = JSON.stringify(request, null, 2).replace(/\n}$/, ',\n  input: userMessage,\n}');
  return `import OpenAI from 'openai';\n\nconst client = new OpenAI();\nconst userMessage = 'Your question here';\nconst response = await client.responses.create(${body});\nconsole.log(response.output_text);\n`;
}

/** One carried assistant's request as it stands after a job: the ids it made in place of plan keys. */
export interface CarriedRequest {
  name: string;
  source: string;
  /** The agent made (or updated) for it; absent where the destination serves no agents, or not made yet. */
  agent?: string;
  request: ResponsesRequest;
  typescript: string;
}

/** The Responses requests of a job's carried assistants, with the destination ids its items hold now. */
export function carriedRequests(job: Pick<JobView, 'items' | 'carried'>): CarriedRequest[] {
  const ids = new Map(
    job.items.filter((i) => i.destinationId && !i.cleanedUp).map((i) => [i.key, i.destinationId as string]),
  );
  return (job.carried ?? []).map((c) => {
    const request = resolveResponsesRequest(c.template, ids, new Map(Object.entries(c.names)));
    const agent = ids.get(c.key);
    return {
      name: c.name,
      source: c.sourceId,
      ...(agent ? { agent } : {}),
      request,
      typescript: responsesSnippet(request),
    };
  });
}
