import { z } from 'zod';
import { LimitedMetadata } from './api-limits.ts';
import { Metadata, ToolView } from './resources.ts';

/**
 * An agent (the Agents API, beta) as the UI sees it: passed through as the server sent it (a loose object),
 * with the fields the UI relies on typed, so a newer server's additions show in the raw JSON view.
 */
export const AgentView = z.looseObject({
  id: z.string(),
  object: z.literal('agent'),
  created_at: z.number(),
  updated_at: z.number().optional(),
  name: z.string().nullable(),
  model: z.string(),
  instructions: z.string().nullable(),
  metadata: Metadata.nullable(),
  tools: z.array(ToolView),
  reasoning: z.looseObject({ effort: z.string().nullable().optional() }).nullable().optional(),
  text: z
    .looseObject({ format: z.looseObject({ type: z.string() }).nullable().optional() })
    .nullable()
    .optional(),
});
export type AgentView = z.infer<typeof AgentView>;

/** A pane's agents: the list, or the fact that this server does not serve the Agents API. */
export const AgentsListing = z.discriminatedUnion('served', [
  z.object({ served: z.literal(true), agents: z.array(AgentView) }),
  z.object({ served: z.literal(false), message: z.string() }),
]);
export type AgentsListing = z.infer<typeof AgentsListing>;

export const REASONING_EFFORTS = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max'] as const;

/** What an agent edit may change; limits as the API enforces them, so mistakes are caught before sending. */
export const AgentPatch = z
  .object({
    name: z.string().max(256, { error: 'Name is at most 256 characters.' }).nullable(),
    instructions: z.string().max(256_000, { error: 'Instructions are at most 256,000 characters.' }).nullable(),
    model: z.string().min(1, { error: 'Model is required.' }),
    metadata: LimitedMetadata,
    tools: z.array(ToolView),
    reasoning: z
      .object({
        effort: z
          .enum(REASONING_EFFORTS, { error: `Reasoning effort is one of ${REASONING_EFFORTS.join(', ')}.` })
          .nullable(),
      })
      .nullable(),
    text: z
      .object({
        format: z
          .looseObject({ type: z.enum(['text', 'json_schema'], { error: 'Text format is "text" or "json_schema".' }) })
          .nullable(),
      })
      .nullable(),
  })
  .partial();
export type AgentPatch = z.input<typeof AgentPatch>;

/**
 * What a connection's server serves, asked once per connection: assistants (the Assistants API, retired on
 * api.openai.com on 2026-08-26), agents (the Agents API), both, or neither (vector stores and files only).
 */
export const CapabilitiesView = z.object({
  assistants: z.boolean(),
  agents: z.boolean(),
  /** One phrase for the pane and the drop zone. */
  summary: z.string(),
});
export type CapabilitiesView = z.infer<typeof CapabilitiesView>;

/** The phrase for what a server serves, in one home so the pane, the drop zone and the CLI agree. */
export function describeCapabilities(c: { assistants: boolean; agents: boolean }): string {
  if (c.assistants && c.agents) return 'Serves assistants and agents';
  if (c.assistants) return 'Serves assistants';
  if (c.agents) return 'Serves agents (no Assistants API)';
  return 'Vector stores and files only (no Assistants or Agents API)';
}
