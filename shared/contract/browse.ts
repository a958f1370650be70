import { z } from 'zod';
import { API_LIMITS as L, LimitedMetadata, LimitedToolResources } from '../api-limits.ts';
import { AssistantTools, ResponseFormat } from '../assistant-tools.ts';
import {
  AssistantsListing,
  AssistantsPage,
  AssistantView,
  FileView,
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
    name: z
      .string()
      .max(L.name, { error: `Name is at most ${L.name} characters.` })
      .nullable(),
    description: z
      .string()
      .max(L.description, { error: `Description is at most ${L.description} characters.` })
      .nullable(),
    instructions: z
      .string()
      .max(L.instructions, { error: `Instructions are at most ${L.instructions.toLocaleString('en-US')} characters.` })
      .nullable(),
    model: z.string().min(1, { error: 'Model is required.' }),
    temperature: z
      .number()
      .min(0, { error: `Temperature is between 0 and ${L.temperatureMax}.` })
      .max(L.temperatureMax, { error: `Temperature is between 0 and ${L.temperatureMax}.` })
      .nullable(),
    top_p: z
      .number()
      .min(0, { error: `top_p is between 0 and ${L.topPMax}.` })
      .max(L.topPMax, { error: `top_p is between 0 and ${L.topPMax}.` })
      .nullable(),
    metadata: LimitedMetadata,
    tools: AssistantTools,
    tool_resources: LimitedToolResources,
    reasoning_effort: z.string().nullable(),
    response_format: ResponseFormat.nullable(),
  })
  .partial();
export type AssistantPatch = z.input<typeof AssistantPatch>;

/** The body of a new assistant: the same fields and limits as an edit, with the model required. */
export const AssistantCreateBody = AssistantPatch.extend({
  model: z
    .string({ error: 'Model is required: the model the assistant uses.' })
    .min(1, { error: 'Model is required.' }),
});

const AssistantIds = z
  .array(z.string().min(1, { error: 'An assistant id is empty.' }))
  .min(1, { error: 'Choose at least one assistant.' })
  .max(1000, { error: 'Change at most 1000 assistants at once.' });

const MetadataKey = z
  .string()
  .trim()
  .min(1, { error: 'The metadata key is required.' })
  .max(L.metadataKey, { error: `Metadata keys are at most ${L.metadataKey} characters.` });

/** What a bulk change does to each selected assistant. */
export const BulkAssistantChange = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('setMetadata'),
    key: MetadataKey,
    value: z.string().max(L.metadataValue, { error: `Metadata values are at most ${L.metadataValue} characters.` }),
  }),
  z.object({ kind: z.literal('removeMetadata'), key: MetadataKey }),
  z.object({ kind: z.literal('model'), model: z.string().trim().min(1, { error: 'Pick a model.' }) }),
]);
export type BulkAssistantChange = z.infer<typeof BulkAssistantChange>;

export const browseApi = {
  /** A pane's assistants, or the retired-API answer (404 on /assistants, as api.openai.com since 2026-08-26). */
  'assistants.list': method({ params: OnConnection, result: AssistantsListing }),

  /**
   * A pane's assistants a few API pages at a time, for an org too big to wait for whole: 100,000
   * assistants are 1,000 pages, and a pane shows the first while the rest arrive. Pass the previous
   * answer's `after` to go on; `pages` (1 to 50 API pages of 100) lets a pane ask for more at a time
   * once its first rows are shown, so the pages cost few round trips to the core.
   */
  'assistants.page': method({
    params: OnConnection.extend({
      after: z
        .string()
        .min(1, { error: "after is the previous answer's cursor; leave it out for the first page." })
        .optional(),
      pages: z
        .number()
        .int()
        .min(1, { error: 'pages is at least 1.' })
        .max(50, { error: 'pages is at most 50 (5,000 assistants).' })
        .default(1),
    }),
    result: AssistantsPage,
  }),

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

  /**
   * Deletes several assistants (a multi-selection): each failure named with its reason rather than stopping
   * at the first. Their files and vector stores stay. The UI confirms first, listing them.
   */
  'assistants.deleteMany': method({
    params: OnConnection.extend({ assistantIds: AssistantIds }),
    result: z.object({
      deleted: z.array(z.string()),
      failed: z.array(z.object({ assistantId: z.string(), message: z.string() })),
    }),
  }),

  /**
   * One change across several assistants: set or remove a metadata key (within the API's limits), or
   * change the model (refused before any write when the org does not list it). Each failure is named.
   */
  'assistants.updateMany': method({
    params: OnConnection.extend({ assistantIds: AssistantIds, change: BulkAssistantChange }),
    result: z.object({
      updated: z.array(z.string()),
      failed: z.array(z.object({ assistantId: z.string(), message: z.string() })),
    }),
  }),

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
