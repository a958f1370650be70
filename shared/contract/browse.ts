import { z } from 'zod';
import { API_LIMITS, LimitedMetadata, LimitedToolResources } from '../api-limits.ts';
import {
  AssistantsListing,
  AssistantView,
  FileView,
  ToolView,
  VectorStoreFileView,
  VectorStoreView,
} from '../resources.ts';
import { method } from './define.ts';

const OnConnection = z.object({
  connectionId: z.string().min(1, { error: 'connectionId is required: the connection to read.' }),
});
const AssistantRef = OnConnection.extend({ assistantId: z.string().min(1) });

/** What an assistant edit may change; limits as the API enforces them, so mistakes are caught before sending. */
export const AssistantPatch = z
  .object({
    name: z.string().max(256, { error: 'Name is at most 256 characters.' }).nullable(),
    description: z.string().max(512, { error: 'Description is at most 512 characters.' }).nullable(),
    instructions: z.string().max(256_000, { error: 'Instructions are at most 256,000 characters.' }).nullable(),
    model: z.string().min(1, { error: 'Model is required.' }),
    temperature: z
      .number()
      .min(0, { error: 'Temperature is between 0 and 2.' })
      .max(2, { error: 'Temperature is between 0 and 2.' })
      .nullable(),
    top_p: z
      .number()
      .min(0, { error: 'top_p is between 0 and 1.' })
      .max(1, { error: 'top_p is between 0 and 1.' })
      .nullable(),
    metadata: LimitedMetadata,
    tools: z.array(ToolView).max(API_LIMITS.tools, { error: `An assistant has at most ${API_LIMITS.tools} tools.` }),
    tool_resources: LimitedToolResources,
    reasoning_effort: z.string().nullable(),
    response_format: z.union([z.literal('auto'), z.looseObject({ type: z.string() })]).nullable(),
  })
  .partial();
export type AssistantPatch = z.input<typeof AssistantPatch>;

/** The body of a new assistant: the same fields and limits as an edit, with the model required. */
export const AssistantCreateBody = AssistantPatch.extend({
  model: z
    .string({ error: 'Model is required: the model the assistant uses.' })
    .min(1, { error: 'Model is required.' }),
});

export const browseApi = {
  /** A pane's assistants, or the retired-API answer (404 on /assistants, as api.openai.com since 2026-08-26). */
  'assistants.list': method({ params: OnConnection, result: AssistantsListing }),

  'assistants.get': method({ params: AssistantRef, result: AssistantView }),

  /**
   * Creates an assistant from a full body (the CLI's `assistants create --file`, a script's JSON), checked
   * against the API's limits before anything is sent. Refused in the core on read-only connections.
   */
  'assistants.create': method({ params: OnConnection.extend({ body: AssistantCreateBody }), result: AssistantView }),

  /** Saves edited fields. Refused in the core on read-only connections. */
  'assistants.update': method({ params: AssistantRef.extend({ patch: AssistantPatch }), result: AssistantView }),

  /** Deletes an assistant. The UI confirms first, naming the assistant and the org. */
  'assistants.delete': method({ params: AssistantRef, result: z.object({ deleted: z.boolean() }) }),

  'vectorStores.list': method({ params: OnConnection, result: z.array(VectorStoreView) }),

  'vectorStores.get': method({
    params: OnConnection.extend({ vectorStoreId: z.string().min(1) }),
    result: VectorStoreView,
  }),

  /** A store's files with status, last_error, attributes and chunking. */
  'vectorStores.files': method({
    params: OnConnection.extend({ vectorStoreId: z.string().min(1) }),
    result: z.array(VectorStoreFileView),
  }),

  'files.list': method({ params: OnConnection.extend({ purpose: z.string().optional() }), result: z.array(FileView) }),

  /** The model ids a connection can use (for the model picker and missing-model warnings). */
  'models.list': method({ params: OnConnection, result: z.array(z.string()) }),
} as const;
