import { z } from 'zod';

/**
 * The API's objects as the UI sees them. They are passed through as the server sent them (loose objects),
 * with the fields the UI relies on typed; unknown fields survive, so a newer server's additions show in the
 * raw JSON view.
 */
export const Metadata = z.record(z.string(), z.string());

export const ToolView = z.looseObject({ type: z.string() });

/** What a list calls a tool: a function by its name, any other tool by its type. */
export function toolLabel(tool: z.infer<typeof ToolView>): string {
  if (tool.type !== 'function') return tool.type;
  return (tool as { function?: { name?: string } }).function?.name ?? 'function';
}

export const AssistantView = z.looseObject({
  id: z.string(),
  object: z.literal('assistant'),
  created_at: z.number(),
  name: z.string().nullable(),
  description: z.string().nullable(),
  model: z.string(),
  instructions: z.string().nullable(),
  tools: z.array(ToolView),
  tool_resources: z
    .looseObject({
      code_interpreter: z.looseObject({ file_ids: z.array(z.string()).optional() }).optional(),
      file_search: z.looseObject({ vector_store_ids: z.array(z.string()).optional() }).optional(),
    })
    .nullable()
    .optional(),
  metadata: Metadata.nullable(),
  temperature: z.number().nullable().optional(),
  top_p: z.number().nullable().optional(),
  response_format: z.unknown().optional(),
});
export type AssistantView = z.infer<typeof AssistantView>;

export const FileCountsView = z.object({
  in_progress: z.number(),
  completed: z.number(),
  failed: z.number(),
  cancelled: z.number(),
  total: z.number(),
});

export const VectorStoreView = z.looseObject({
  id: z.string(),
  object: z.literal('vector_store'),
  created_at: z.number(),
  name: z.string(),
  usage_bytes: z.number(),
  file_counts: FileCountsView,
  status: z.string(),
  metadata: Metadata.nullable(),
  expires_after: z.looseObject({ anchor: z.string(), days: z.number() }).nullable().optional(),
  expires_at: z.number().nullable().optional(),
  last_active_at: z.number().nullable(),
});
export type VectorStoreView = z.infer<typeof VectorStoreView>;

export const FileView = z.looseObject({
  id: z.string(),
  object: z.literal('file'),
  bytes: z.number(),
  created_at: z.number(),
  filename: z.string(),
  purpose: z.string(),
  expires_at: z.number().nullable().optional(),
});
export type FileView = z.infer<typeof FileView>;

export const VectorStoreFileView = z.looseObject({
  id: z.string(),
  object: z.literal('vector_store.file'),
  created_at: z.number(),
  vector_store_id: z.string(),
  status: z.string(),
  usage_bytes: z.number(),
  last_error: z.looseObject({ code: z.string(), message: z.string() }).nullable(),
  attributes: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
    .nullable()
    .optional(),
  chunking_strategy: z.unknown().optional(),
});
export type VectorStoreFileView = z.infer<typeof VectorStoreFileView>;

/** A pane's assistants: the list, or the fact that this server no longer serves the Assistants API. */
export const AssistantsListing = z.discriminatedUnion('served', [
  z.object({ served: z.literal(true), assistants: z.array(AssistantView) }),
  z.object({ served: z.literal(false), message: z.string() }),
]);
export type AssistantsListing = z.infer<typeof AssistantsListing>;

/**
 * Some of a pane's assistants (one or more of the API's pages of up to 100, oldest first), so a pane shows
 * its first rows while the rest arrive: `after` is the cursor to go on from, null after the last page.
 */
export const AssistantsPage = z.discriminatedUnion('served', [
  z.object({ served: z.literal(true), assistants: z.array(AssistantView), after: z.string().nullable() }),
  z.object({ served: z.literal(false), message: z.string() }),
]);
export type AssistantsPage = z.infer<typeof AssistantsPage>;
