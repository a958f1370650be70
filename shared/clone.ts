import { z } from 'zod';

/**
 * Where a file's bytes come from, tried in this order: download (where the purpose allows), a local
 * folder the admin points to (matched by filename and size), Ferry's cache of files it uploaded,
 * reconstruction from a vector store's parsed text (lossy, and labelled so everywhere), or none (skipped).
 */
export const ByteSource = z.enum(['download', 'local', 'cache', 'reconstruct', 'none']);
export type ByteSource = z.infer<typeof ByteSource>;

export const OnConflict = z.enum(['update', 'new', 'skip']);
export type OnConflict = z.infer<typeof OnConflict>;

const ModelMap = z.record(
  z.string().min(1, { error: 'model map keys are source model ids' }),
  z.string().min(1, { error: 'model map values are destination model ids' }),
);

export const CloneRequest = z
  .object({
    /** Source and destination connections, by id or name. */
    from: z.string().trim().min(1, { error: 'from is required: the source connection.' }),
    to: z.string().trim().min(1, { error: 'to is required: the destination connection.' }),
    assistants: z.array(z.string().trim().min(1)).default([]),
    vectorStores: z.array(z.string().trim().min(1)).default([]),
    /** Agents (the Agents API) to clone into a destination that serves agents. */
    agents: z.array(z.string().trim().min(1)).default([]),
    /** Every assistant, agent and vector store of the source. */
    all: z.boolean().default(false),
    /**
     * A folder holding the original files, matched by filename and byte size: a path typed on the machine
     * running Ferry (the CLI, browser mode). The desktop window refuses a path and takes `folderGrantId`.
     */
    filesDir: z
      .string()
      .trim()
      .min(1, { error: 'filesDir is empty: give the folder that holds the original files, or leave it out.' })
      .optional(),
    /** The desktop window's folder, as granted by the OS folder dialog (shared/desktop.ts). */
    folderGrantId: z.string().min(1).max(100).optional(),
    onConflict: OnConflict.default('update'),
    /** Source model → destination model, for models the destination lacks. */
    modelMap: ModelMap.default({}),
  })
  .refine((r) => r.all || r.assistants.length > 0 || r.vectorStores.length > 0 || r.agents.length > 0, {
    error: 'Nothing selected: name assistants, agents or vector stores, or ask for all.',
    path: ['assistants'],
  });
export type CloneRequest = z.input<typeof CloneRequest>;
export type CloneRequestParsed = z.output<typeof CloneRequest>;

export const ConnectionRefView = z.object({ id: z.string(), name: z.string() });

export const FieldDiff = z.object({ field: z.string(), source: z.unknown(), destination: z.unknown() });
export type FieldDiff = z.infer<typeof FieldDiff>;

export const PlanFile = z.object({
  key: z.string(),
  sourceId: z.string(),
  filename: z.string(),
  bytes: z.number(),
  purpose: z.string(),
  action: z.enum(['create', 'reuse', 'skip']),
  byteSource: ByteSource,
  /** For 'local': the matching file on disk. */
  localPath: z.string().optional(),
  /** For 'reconstruct': the source vector store whose parsed text stands in for the bytes. */
  reconstructFrom: z.string().optional(),
  /** For 'reuse': the destination file cloned earlier. */
  destinationId: z.string().optional(),
  lossy: z.boolean(),
  /** Why skipped, or a note on the choice. */
  reason: z.string().optional(),
  /** Keys of the plan items that need this file. */
  usedBy: z.array(z.string()),
});
export type PlanFile = z.infer<typeof PlanFile>;

export const PlanVectorStoreFile = z.object({
  fileKey: z.string(),
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).nullable(),
  chunkingStrategy: z.unknown(),
  /** Why the clone's settings differ from the source's (chunking "other" becomes auto). */
  note: z.string().optional(),
});

export const PlanVectorStore = z.object({
  key: z.string(),
  sourceId: z.string(),
  name: z.string(),
  action: z.enum(['create', 'reuse', 'skip']),
  destinationId: z.string().optional(),
  metadata: z.record(z.string(), z.string()),
  /** False when the source metadata already holds 16 pairs: the id map is then the only link. */
  markerAdded: z.boolean(),
  expiresAfter: z.unknown().nullable(),
  files: z.array(PlanVectorStoreFile),
  reason: z.string().optional(),
  usedBy: z.array(z.string()),
  /** What will be left out of this store, in words (files without bytes, files that failed ingestion). */
  notes: z.array(z.string()).optional(),
});
export type PlanVectorStore = z.infer<typeof PlanVectorStore>;

export const PlanAssistant = z.object({
  key: z.string(),
  sourceId: z.string(),
  name: z.string(),
  action: z.enum(['create', 'update', 'skip', 'blocked']),
  /** For 'update' (and 'skip' of an existing clone): the destination assistant. */
  destinationId: z.string().optional(),
  model: z.object({ source: z.string(), destination: z.string(), available: z.boolean() }),
  markerAdded: z.boolean(),
  /** The assistant's fields as they will be written, tool_resources aside. */
  body: z.record(z.string(), z.unknown()),
  codeInterpreterFileKeys: z.array(z.string()),
  fileSearchVectorStoreKeys: z.array(z.string()),
  /** For an existing clone: what would change. */
  diff: z.array(FieldDiff),
  reason: z.string().optional(),
  /** True for a 'skip' whose clone already matches its source, field by field and link by link: no write is sent. */
  upToDate: z.boolean().optional(),
  /** What will be left out of this object, in words (files without bytes, stores not cloned). */
  notes: z.array(z.string()).optional(),
});
export type PlanAssistant = z.infer<typeof PlanAssistant>;

/** Something of an assistant that an agent has no field for, and where it went instead. */
export const NotCarried = z.object({
  /** The assistant's field, as the API names it: `tools[file_search]`, `temperature`, `tool_resources.code_interpreter`. */
  field: z.string(),
  value: z.unknown(),
  /** Where it went, in words: "the Responses request", "vector store Support Knowledge Base (recreated)". */
  where: z.string(),
});
export type NotCarried = z.infer<typeof NotCarried>;

/**
 * An agent the plan writes: a clone of a source agent (`from: 'agent'`), or an assistant carried into an
 * org that serves agents instead of assistants (`from: 'assistant'`, its key `agent:` + the assistant's id).
 */
export const PlanAgent = PlanAssistant.pick({
  key: true,
  sourceId: true,
  name: true,
  action: true,
  destinationId: true,
  model: true,
  markerAdded: true,
  body: true,
  diff: true,
  reason: true,
  upToDate: true,
  notes: true,
}).extend({
  from: z.enum(['agent', 'assistant']),
  /** For a carried assistant: the stores its file_search used and the files its code_interpreter used. */
  fileSearchVectorStoreKeys: z.array(z.string()).default([]),
  codeInterpreterFileKeys: z.array(z.string()).default([]),
  /** For a carried assistant: each field an agent has no home for, and where it went. */
  notCarried: z.array(NotCarried).default([]),
  /**
   * For a carried assistant: the Responses request that reproduces all of it, with plan keys (`vs:…`,
   * `file:…`) where destination ids go; see shared/responses-request.ts, which puts the ids in.
   */
  responses: z.record(z.string(), z.unknown()).optional(),
});
export type PlanAgent = z.infer<typeof PlanAgent>;

export const PlanTotals = z.object({
  assistants: z.object({ create: z.number(), update: z.number(), skip: z.number(), blocked: z.number() }),
  vectorStores: z.object({ create: z.number(), reuse: z.number(), skip: z.number() }),
  files: z.object({
    create: z.number(),
    reuse: z.number(),
    skip: z.number(),
    lossy: z.number(),
    /**
     * Of the creates, the files a bundle records by name, size and purpose only (no bytes to send): counted
     * apart so "to upload" never includes them. Absent in plans made before it was counted.
     */
    recorded: z.number().optional(),
  }),
  /** Bytes to upload. */
  bytes: z.number(),
  agents: z.object({ create: z.number(), update: z.number(), skip: z.number(), blocked: z.number() }).optional(),
});

export const ClonePlan = z.object({
  id: z.string(),
  createdAt: z.string(),
  source: ConnectionRefView,
  destination: ConnectionRefView,
  request: z.object({
    onConflict: OnConflict,
    modelMap: z.record(z.string(), z.string()),
    filesDir: z.string().optional(),
  }),
  assistants: z.array(PlanAssistant),
  vectorStores: z.array(PlanVectorStore),
  files: z.array(PlanFile),
  /** Agents cloned, and assistants carried into an Agents org (plans made before agents hold none). */
  agents: z.array(PlanAgent).optional(),
  /** Models the destination has, for the model-mapping picker. */
  destinationModels: z.array(z.string()),
  totals: PlanTotals,
  warnings: z.array(z.string()),
  /** Reasons the plan cannot be applied as it stands (a blocked assistant: a missing model). */
  blockers: z.array(z.string()),
});
export type ClonePlan = z.infer<typeof ClonePlan>;
