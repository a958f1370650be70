import { z } from 'zod';
import { AssistantsListing, AssistantView, FileView, Metadata, ToolView, VectorStoreFileView, VectorStoreView } from '../resources.ts';
import { method } from './define.ts';

const OnConnection = z.object({ connectionId: z.string().min(1, { error: 'connectionId is required: the connection to read.' }) });
const AssistantRef = OnConnection.extend({ assistantId: z.string().min(1) });

/** What an assistant edit may change; limits as the API enforces them, so mistakes are caught before sending. */
export const AssistantPatch = z
  .object({
    name: z.string().max(256, { error: 'Name is at most 256 characters.' }).nullable(),
    description: z.string().max(512, { error: 'Description is at most 512 characters.' }).nullable(),
    instructions: z.string().max(256_000, { error: 'Instructions are at most 256,000 characters.' }).nullable(),
    model: z.string().min(1, { error: 'Model is required.' }),
    temperature: z.number().min(0, { error: 'Temperature is between 0 and 2.' }).max(2, { error: 'Temperature is between 0 and 2.' }).nullable(),
    top_p: z.number().min(0, { error: 'top_p is between 0 and 1.' }).max(1, { error: 'top_p is between 0 and 1.' }).nullable(),
    metadata: Metadata.refine((m) => Object.keys(m).length <= 16, { error: 'Metadata holds at most 16 pairs.' })
      .refine((m) => Object.keys(m).every((k) => k.length <= 64), { error: 'Metadata keys are at most 64 characters.' })
      .refine((m) => Object.values(m).every((v) => v.length <= 512), { error: 'Metadata values are at most 512 characters.' }),
    tools: z.array(ToolView).max(128, { error: 'An assistant has at most 128 tools.' }),
  })
  .partial();
export type AssistantPatch = z.input<typeof AssistantPatch>;

export const browseApi = {
  /** A pane's assistants, or the retired-API answer (404 on /assistants, as api.openai.com since 2026-08-26). */
  'assistants.list': method({ params: OnConnection, result: AssistantsListing }),

  'assistants.get': method({ params: AssistantRef, result: AssistantView }),

  /** Saves edited fields. Refused in the core on read-only connections. */
  'assistants.update': method({ params: AssistantRef.extend({ patch: AssistantPatch }), result: AssistantView }),

  /** Deletes an assistant. The UI confirms first, naming the assistant and the org. */
  'assistants.delete': method({ params: AssistantRef, result: z.object({ deleted: z.boolean() }) }),

  'vectorStores.list': method({ params: OnConnection, result: z.array(VectorStoreView) }),

  'vectorStores.get': method({ params: OnConnection.extend({ vectorStoreId: z.string().min(1) }), result: VectorStoreView }),

  /** A store's files with status, last_error, attributes and chunking. */
  'vectorStores.files': method({ params: OnConnection.extend({ vectorStoreId: z.string().min(1) }), result: z.array(VectorStoreFileView) }),

  'files.list': method({ params: OnConnection.extend({ purpose: z.string().optional() }), result: z.array(FileView) }),

  /** The model ids a connection can use (for the model picker and missing-model warnings). */
  'models.list': method({ params: OnConnection, result: z.array(z.string()) }),
} as const;
