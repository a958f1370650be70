import { z } from 'zod';
import { ConnectionRefView } from './clone.ts';

export const JobItemState = z.enum(['pending', 'running', 'done', 'failed', 'skipped', 'cancelled']);
export type JobItemState = z.infer<typeof JobItemState>;

export const IngestCounts = z.object({
  total: z.number(),
  completed: z.number(),
  inProgress: z.number(),
  failed: z.number(),
});
export type IngestCounts = z.infer<typeof IngestCounts>;

/** One object a job works on: a file, a vector store or an assistant. */
export const JobItem = z.object({
  key: z.string(),
  kind: z.enum(['file', 'vector_store', 'assistant']),
  label: z.string(),
  action: z.string(),
  state: JobItemState,
  sourceId: z.string(),
  destinationId: z.string().optional(),
  bytesTotal: z.number().optional(),
  bytesDone: z.number().optional(),
  ingest: IngestCounts.optional(),
  /** True for a file reconstructed from parsed text. */
  lossy: z.boolean().optional(),
  error: z.string().optional(),
  /** Per-file ingestion failures of a vector store, in words. */
  fileErrors: z.array(z.object({ fileKey: z.string(), message: z.string() })).optional(),
  /** True once Clean up deleted this item's clone (or found it gone): there is nothing left to open. */
  cleanedUp: z.boolean().optional(),
});
export type JobItem = z.infer<typeof JobItem>;

export const JobState = z.enum(['running', 'cancelling', 'cancelled', 'done', 'failed', 'interrupted']);
export type JobState = z.infer<typeof JobState>;

export const VerifyDifference = z.object({
  key: z.string(),
  label: z.string(),
  field: z.string(),
  source: z.unknown(),
  destination: z.unknown(),
  /** Expected differences (reconstructed files) are reported but labelled. */
  expected: z.boolean(),
});
export type VerifyDifference = z.infer<typeof VerifyDifference>;

export const VerifyReport = z.object({
  checkedAt: z.string(),
  checked: z.number(),
  differences: z.array(VerifyDifference),
  reconstructed: z.array(z.object({ key: z.string(), filename: z.string() })),
  /** True when the only differences are the labelled, expected ones. */
  clean: z.boolean(),
});
export type VerifyReport = z.infer<typeof VerifyReport>;

/** What the last Clean up of a job did, kept on the job so the screen can say it (and not offer it again for nothing). */
export const JobCleanup = z.object({
  at: z.string(),
  deleted: z.array(z.object({ key: z.string(), kind: z.string(), destinationId: z.string() })),
  alreadyGone: z.array(z.string()),
  failed: z.array(z.object({ key: z.string(), error: z.string() })),
});
export type JobCleanup = z.infer<typeof JobCleanup>;

/** Progress as data: one shape for every job, on the one event channel. */
export const JobView = z.object({
  id: z.string(),
  kind: z.literal('clone'),
  title: z.string(),
  state: JobState,
  source: ConnectionRefView,
  destination: ConnectionRefView,
  createdAt: z.string(),
  updatedAt: z.string(),
  /** 0..1 overall. */
  progress: z.number(),
  detail: z.string(),
  /** Cancelled items are counted apart from skipped ones (older job files have no count: 0). */
  counts: z.object({ total: z.number(), done: z.number(), failed: z.number(), skipped: z.number(), cancelled: z.number().default(0) }),
  items: z.array(JobItem),
  /** The latest verify; dropped when Clean up changes what it described, so "Verified" is never stale. */
  verify: VerifyReport.optional(),
  cleanup: JobCleanup.optional(),
  error: z.string().optional(),
});
export type JobView = z.infer<typeof JobView>;
