import { z } from 'zod';
import { Attributes, LimitedMetadata } from '../api-limits.ts';
import { FileView, VectorStoreFileView, VectorStoreView } from '../resources.ts';
import { method } from './define.ts';

const OnConnection = z.object({
  connectionId: z.string().min(1, { error: 'connectionId is required: the connection to change.' }),
});
const StoreRef = OnConnection.extend({ vectorStoreId: z.string().min(1, { error: 'vectorStoreId is required.' }) });
const StoreFileRef = StoreRef.extend({ fileId: z.string().min(1, { error: 'fileId is required.' }) });

export { Attributes } from '../api-limits.ts';

/** How the files added are split: `auto` (800 tokens, 400 overlap) or fixed sizes. */
export const Chunking = z.union([
  z.object({ type: z.literal('auto') }),
  z
    .object({
      type: z.literal('static'),
      maxChunkSizeTokens: z
        .number()
        .int()
        .min(100, { error: 'Chunk size is between 100 and 4096 tokens.' })
        .max(4096, { error: 'Chunk size is between 100 and 4096 tokens.' }),
      chunkOverlapTokens: z.number().int().min(0, { error: 'Overlap is 0 or more tokens.' }),
    })
    .refine((c) => c.chunkOverlapTokens <= c.maxChunkSizeTokens / 2, {
      error: 'Overlap is at most half the chunk size.',
      path: ['chunkOverlapTokens'],
    }),
]);
export type Chunking = z.infer<typeof Chunking>;

/** Days after last activity before the store expires; null means never. */
const ExpiryDays = z
  .number()
  .int()
  .min(1, { error: 'Expiry is between 1 and 365 days.' })
  .max(365, { error: 'Expiry is between 1 and 365 days.' })
  .nullable();

export const AddedFile = z.object({
  fileId: z.string().min(1),
  attributes: Attributes.optional(),
  chunking: Chunking.optional(),
});

export const SearchFilter = z.object({
  key: z.string().min(1, { error: 'A filter needs an attribute name.' }),
  op: z.enum(['eq', 'ne', 'gt', 'gte', 'lt', 'lte']),
  value: z.union([z.string(), z.number(), z.boolean()]),
});
export type SearchFilter = z.infer<typeof SearchFilter>;

export const SearchHit = z.object({
  fileId: z.string(),
  filename: z.string(),
  score: z.number(),
  text: z.string(),
  attributes: z.record(z.string(), z.unknown()).nullable(),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const UnusedFiles = z.object({
  /** Whether assistants' code_interpreter files were checked; false where the Assistants API is retired. */
  assistantsChecked: z.boolean(),
  message: z.string().optional(),
  /** Files referenced by no store (and, when checked or waived, no assistant). Empty until the admin waives an unchecked check. */
  files: z.array(FileView),
  /** How many files the org has, for context. */
  total: z.number(),
});
export type UnusedFiles = z.infer<typeof UnusedFiles>;

const Named = z.object({ id: z.string(), name: z.string() });

/**
 * What uses one file: the stores that hold it, and the assistants that use it, directly (code
 * interpreter) or through one of those stores (file search). Deleting the file takes it from all of them.
 */
export const FileUsage = z.object({
  fileId: z.string(),
  vectorStores: z.array(Named),
  assistants: z.array(
    Named.extend({ via: z.enum(['code_interpreter', 'file_search']), vectorStoreId: z.string().optional() }),
  ),
});
export type FileUsage = z.infer<typeof FileUsage>;

/** The assistants whose file search uses one store: deleting the store leaves them without it. */
export const StoreUsage = z.object({ vectorStoreId: z.string(), assistants: z.array(Named) });
export type StoreUsage = z.infer<typeof StoreUsage>;

/** Where the Assistants API is retired, which assistants use something cannot be known: `assistantsChecked` says so, `message` in words. */
const UsageCheck = z.object({ assistantsChecked: z.boolean(), message: z.string().optional() });
export const FilesUsage = UsageCheck.extend({ files: z.array(FileUsage) });
export type FilesUsage = z.infer<typeof FilesUsage>;
export const StoresUsage = UsageCheck.extend({ vectorStores: z.array(StoreUsage) });
export type StoresUsage = z.infer<typeof StoresUsage>;

export const BulkDeleteResult = z.object({
  deleted: z.array(z.string()),
  failed: z.array(z.object({ fileId: z.string(), message: z.string() })),
});

/** What deleting several stores did: the ids deleted (a store already gone counts), and each failure with its reason. */
export const BulkDeleteStoresResult = z.object({
  deleted: z.array(z.string()),
  failed: z.array(z.object({ vectorStoreId: z.string(), message: z.string() })),
});

export const UploadResult = z.object({ file: FileView, vectorStoreFile: VectorStoreFileView.optional() });
export type UploadResult = z.infer<typeof UploadResult>;

export const manageApi = {
  /** Creates a store (optionally with existing files chunked as asked). Refused on read-only connections. */
  'vectorStores.create': method({
    params: OnConnection.extend({
      name: z
        .string()
        .trim()
        .min(1, { error: 'Name is required.' })
        .max(256, { error: 'Name is at most 256 characters.' }),
      expiresAfterDays: ExpiryDays.optional(),
      metadata: LimitedMetadata.optional(),
      fileIds: z
        .array(z.string().min(1))
        .max(500, { error: 'Add at most 500 files at creation; add more afterwards.' })
        .optional(),
      chunking: Chunking.optional(),
    }),
    result: VectorStoreView,
  }),

  /** Renames a store, replaces its metadata or changes its expiry (null: never expires). */
  'vectorStores.update': method({
    params: StoreRef.extend({
      name: z.string().trim().min(1, { error: 'Name is required.' }).max(256).optional(),
      metadata: LimitedMetadata.optional(),
      expiresAfterDays: ExpiryDays.optional(),
    }),
    result: VectorStoreView,
  }),

  /** Deletes a store; its files stay in the org. The UI confirms first, naming the store and the org. */
  'vectorStores.delete': method({ params: StoreRef, result: z.object({ deleted: z.boolean() }) }),

  /**
   * Deletes several stores in one call (a multi-selection in a pane): each failure is reported with its
   * reason rather than stopping at the first, so a partial success says exactly what is left. Their files
   * stay in the org. Refused on read-only connections before any request. The UI confirms first, listing them.
   */
  'vectorStores.deleteMany': method({
    params: OnConnection.extend({
      vectorStoreIds: z
        .array(z.string().min(1, { error: 'A vector store id is empty.' }))
        .min(1, { error: 'Choose at least one vector store to delete.' })
        .max(1000, { error: 'Delete at most 1000 vector stores at once; delete the rest in another call.' }),
    }),
    result: BulkDeleteStoresResult,
  }),

  /** Attaches existing org files, each with its own attributes and chunking (one file batch). */
  'vectorStores.addFiles': method({
    params: StoreRef.extend({ files: z.array(AddedFile).min(1, { error: 'Choose at least one file.' }).max(2000) }),
    result: z.object({ batchId: z.string(), status: z.string() }),
  }),

  /** Detaches a file from a store; the file itself stays in the org. */
  'vectorStores.removeFile': method({ params: StoreFileRef, result: z.object({ removed: z.boolean() }) }),

  /** Replaces a store file's attributes (what search filters match on). */
  'vectorStores.updateFileAttributes': method({
    params: StoreFileRef.extend({ attributes: Attributes }),
    result: VectorStoreFileView,
  }),

  /** Retries a failed (or cancelled) file: detaches it and attaches it again with the same attributes and chunking. */
  'vectorStores.retryFile': method({ params: StoreFileRef, result: VectorStoreFileView }),

  /** Runs a vector store search: ranked chunks with score and file name, optionally filtered on attributes (all must match). */
  'vectorStores.search': method({
    params: StoreRef.extend({
      query: z.string().trim().min(1, { error: 'Type something to search for.' }),
      filters: z.array(SearchFilter).max(16).default([]),
      maxResults: z.number().int().min(1).max(50).default(10),
    }),
    result: z.array(SearchHit),
  }),

  /**
   * What uses each file, read fresh: the stores that hold it and the assistants that use it, so a delete
   * confirmation (and the inspector) can say what deleting it takes away. Every store's files are listed.
   */
  'files.usedBy': method({
    params: OnConnection.extend({
      fileIds: z
        .array(z.string().min(1, { error: 'A file id is empty.' }))
        .min(1, { error: 'Name at least one file.' })
        .max(10_000),
    }),
    result: FilesUsage,
  }),

  /** Which assistants use each store, read fresh, for the delete confirmation. */
  'vectorStores.usedBy': method({
    params: OnConnection.extend({
      vectorStoreIds: z
        .array(z.string().min(1, { error: 'A vector store id is empty.' }))
        .min(1, { error: 'Name at least one vector store.' })
        .max(1000),
    }),
    result: StoresUsage,
  }),

  /** Deletes a file from the org (and so from every store that holds it). The UI confirms first. */
  'files.delete': method({
    params: OnConnection.extend({ fileId: z.string().min(1) }),
    result: z.object({ deleted: z.boolean() }),
  }),

  /** Deletes several files; reports each failure rather than stopping at the first. */
  'files.deleteMany': method({
    params: OnConnection.extend({ fileIds: z.array(z.string().min(1)).min(1).max(10_000) }),
    result: BulkDeleteResult,
  }),

  /**
   * Files referenced by no vector store and no assistant's code_interpreter. Where assistants cannot be
   * checked (retired API), nothing counts as unused unless `ignoreAssistants` says the admin accepts that.
   */
  'files.unused': method({
    params: OnConnection.extend({
      ignoreAssistants: z.boolean().default(false),
      /**
       * Only files of these purposes, and only files created at least this many days ago: a nightly script's
       * "unused assistants files older than 30 days" is one call, and the age is judged by the server's
       * created_at, not by when the script runs.
       */
      purposes: z
        .array(z.string().min(1, { error: 'A purpose is empty.' }))
        .max(20)
        .optional(),
      olderThanDays: z
        .number({ error: 'olderThanDays is a number of days.' })
        .min(0, { error: 'olderThanDays is 0 or more days.' })
        .max(36_500)
        .optional(),
    }),
    result: UnusedFiles,
  }),

  /**
   * Uploads a file the shell has made available, optionally attaching it to a store: `stagedId` for bytes
   * staged under the state folder (browser mode's POST /api/upload streams them there), or `grantId` for a
   * file the admin picked or dropped in the desktop window (read in place; see shared/desktop.ts). Progress
   * goes out as `upload.progress` events.
   */
  'files.upload': method({
    params: OnConnection.extend({
      stagedId: z
        .string()
        .regex(/^[A-Za-z0-9_-]{8,64}$/, { error: 'stagedId names a staged upload.' })
        .optional(),
      grantId: z
        .string()
        .regex(/^[A-Za-z0-9_-]{8,64}$/, { error: 'grantId names a file granted by the desktop window.' })
        .optional(),
      uploadId: z.string().min(1).max(100),
      filename: z.string().min(1).max(255),
      purpose: z.enum(['assistants', 'batch', 'fine-tune', 'vision', 'user_data', 'evals']).default('assistants'),
      vectorStoreId: z.string().min(1).optional(),
      attributes: Attributes.optional(),
      chunking: Chunking.optional(),
    }).refine((p) => (p.stagedId === undefined) !== (p.grantId === undefined), {
      error: 'Name the bytes to upload: either stagedId (browser mode) or grantId (desktop window), not both.',
      path: ['stagedId'],
    }),
    result: UploadResult,
  }),
} as const;
