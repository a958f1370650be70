import { z } from 'zod';
import { API_LIMITS as L } from './api-limits.ts';
import { schemaProblem } from './json-schema.ts';
import { ToolView } from './resources.ts';

const NAME_RULE = 'is 1 to 64 letters, digits, _ or -';

/** A function tool as the API takes it: a name it can call, and `parameters` that are a JSON Schema. */
const FunctionTool = z.looseObject({
  type: z.literal('function'),
  function: z.looseObject({
    name: z.string().regex(L.functionName, { error: `A function name ${NAME_RULE}.` }),
    description: z.string().optional(),
    strict: z.boolean().nullable().optional(),
    parameters: z.unknown().optional(),
  }),
});

const FileSearchTool = z.looseObject({
  type: z.literal('file_search'),
  file_search: z
    .looseObject({
      max_num_results: z
        .int({ error: `max_num_results is a whole number from 1 to ${L.fileSearchMaxResults}.` })
        .min(1, { error: `max_num_results is from 1 to ${L.fileSearchMaxResults}.` })
        .max(L.fileSearchMaxResults, { error: `max_num_results is from 1 to ${L.fileSearchMaxResults}.` })
        .optional(),
      ranking_options: z
        .looseObject({
          ranker: z.string().optional(),
          score_threshold: z
            .number()
            .min(0, { error: 'The score threshold is from 0 to 1.' })
            .max(1, { error: 'The score threshold is from 0 to 1.' }),
        })
        .optional(),
    })
    .optional(),
});

/** One tool: the built-in ones checked as the API checks them; other types pass through to the server. */
export const AssistantTool = ToolView.superRefine((tool, ctx) => {
  const known = tool.type === 'function' ? FunctionTool : tool.type === 'file_search' ? FileSearchTool : null;
  if (!known) return;
  const parsed = known.safeParse(tool);
  if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, path: issue.path } as never);
  if (tool.type !== 'function') return;
  const parameters = (tool as { function?: { parameters?: unknown } }).function?.parameters;
  const problem = parameters === undefined ? null : schemaProblem(parameters, 'parameters');
  if (problem) ctx.addIssue({ code: 'custom', path: ['function', 'parameters'], message: problem });
});

/** The tools of one assistant: at most 128, function names unique (the API calls them by name). */
export const AssistantTools = z
  .array(AssistantTool)
  .max(L.tools, { error: `An assistant has at most ${L.tools} tools.` })
  .superRefine((tools, ctx) => {
    const seen = new Set<string>();
    tools.forEach((tool, index) => {
      const name = (tool as { function?: { name?: unknown } }).function?.name;
      if (tool.type !== 'function' || typeof name !== 'string') return;
      if (seen.has(name))
        ctx.addIssue({
          code: 'custom',
          path: [index, 'function', 'name'],
          message: `Two functions are named “${name}”.`,
        });
      seen.add(name);
    });
  });

/** `auto`, `{type: "text" | "json_object"}`, or a json_schema format whose schema is a JSON Schema. */
export const ResponseFormat = z
  .union([z.literal('auto'), z.looseObject({ type: z.string() })])
  .superRefine((format, ctx) => {
    if (format === 'auto' || format.type !== 'json_schema') return;
    const spec = (format as { json_schema?: { name?: unknown; schema?: unknown } }).json_schema;
    if (typeof spec !== 'object' || spec === null) {
      ctx.addIssue({ code: 'custom', path: ['json_schema'], message: 'A json_schema format needs its json_schema.' });
      return;
    }
    if (typeof spec.name !== 'string' || !L.functionName.test(spec.name))
      ctx.addIssue({ code: 'custom', path: ['json_schema', 'name'], message: `A schema name ${NAME_RULE}.` });
    const problem = spec.schema === undefined ? null : schemaProblem(spec.schema, 'schema');
    if (problem) ctx.addIssue({ code: 'custom', path: ['json_schema', 'schema'], message: problem });
  });
