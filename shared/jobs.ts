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
  kind: z.enum(['file', 'vector_store', 'assistant', 'agent']),
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
  /**
   * False on a failed item when retrying it cannot help: the server refused the request as it stands (a
   * validation refusal, an object that is gone) or a store's files failed for a reason of their own (an
   * unsupported file type). No Retry is offered then; `error` says why. Absent (older job files): offered.
   */
  retryable: z.boolean().optional(),
  /** Per-file ingestion failures of a vector store, in words, each with whether attaching it again can help. */
  fileErrors: z
    .array(z.object({ fileKey: z.string(), message: z.string(), retryable: z.boolean().optional() }))
    .optional(),
  /** True once Clean up deleted this item's clone (or found it gone): there is nothing left to open. */
  cleanedUp: z.boolean().optional(),
});
export type JobItem = z.infer<typeof JobItem>;

/**
 * `queued`: waiting for another job that writes to the same destination (the detail names it); it can be
 * cancelled while it waits. `damaged`: its plan cannot be read, so it cannot be resumed; Clean up still
 * removes what it made, from its journal (the problems name the damaged files).
 */
export const JobState = z.enum([
  'queued',
  'running',
  'cancelling',
  'cancelled',
  'done',
  'failed',
  'interrupted',
  'damaged',
]);
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

/**
 * How a file's content was checked, strongest first: `sha256` of both sides' bytes (Ferry holds them: a
 * downloadable purpose, or the hash it recorded when it sent them, against a downloadable copy);
 * `parsed-text`, the store's parsed text of the source file and of the copy (neither side downloadable);
 * `name-size` when nothing better can be read; `reconstructed` for lossy copies, which differ by nature.
 */
export const VerifyMethod = z.enum(['sha256', 'parsed-text', 'name-size', 'reconstructed']);
export type VerifyMethod = z.infer<typeof VerifyMethod>;

export const VerifiedFile = z.object({
  key: z.string(),
  filename: z.string(),
  method: VerifyMethod,
  /** False when the copy is missing or differs by the method used. */
  match: z.boolean(),
});
export type VerifiedFile = z.infer<typeof VerifiedFile>;

export const VerifyReport = z.object({
  checkedAt: z.string(),
  checked: z.number(),
  differences: z.array(VerifyDifference),
  reconstructed: z.array(z.object({ key: z.string(), filename: z.string() })),
  /** True when the only differences are the labelled, expected ones. */
  clean: z.boolean(),
  /** Each planned file and how its content was checked (absent in reports of older Ferrys). */
  files: z.array(VerifiedFile).optional(),
  /** How many files were checked by each method. */
  methods: z.record(z.string(), z.number()).optional(),
});
export type VerifyReport = z.infer<typeof VerifyReport>;

/** A damaged state file (or record) found while loading a job: which file, where, and what was done. */
export const StateProblem = z.object({
  path: z.string(),
  /** 1-based line of a journal record. */
  line: z.number().optional(),
  message: z.string(),
});
export type StateProblem = z.infer<typeof StateProblem>;

/** What the last Clean up of a job did, kept on the job so the screen can say it (and not offer it again for nothing). */
export const JobCleanup = z.object({
  at: z.string(),
  deleted: z.array(z.object({ key: z.string(), kind: z.string(), destinationId: z.string() })),
  alreadyGone: z.array(z.string()),
  failed: z.array(z.object({ key: z.string(), error: z.string() })),
});
export type JobCleanup = z.infer<typeof JobCleanup>;

/**
 * An assistant a job carries into an org that retired the Assistants API: the Responses request that
 * reproduces it, with plan keys where destination ids go, and the names of the objects those keys are.
 */
export const CarriedAssistant = z.object({
  key: z.string(),
  name: z.string(),
  sourceId: z.string(),
  template: z.record(z.string(), z.unknown()),
  names: z.record(z.string(), z.string()),
});
export type CarriedAssistant = z.infer<typeof CarriedAssistant>;

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
  counts: z.object({
    total: z.number(),
    done: z.number(),
    failed: z.number(),
    skipped: z.number(),
    cancelled: z.number().default(0),
  }),
  items: z.array(JobItem),
  /** The latest verify; dropped when Clean up changes what it described, so "Verified" is never stale. */
  verify: VerifyReport.optional(),
  cleanup: JobCleanup.optional(),
  error: z.string().optional(),
  /** Damage found in this job's state files, by name; the job goes on from what survives. */
  problems: z.array(StateProblem).optional(),
  /**
   * The last `job.updated` event this view includes (see shared/job-updates.ts): a view fetched by
   * `jobs.get` or `jobs.list` plus the events after it is the job as it is now. Older job files have none.
   */
  seq: z.number().optional(),
  /** Assistants carried into an Agents org (or one serving neither), for their Responses requests. */
  carried: z.array(CarriedAssistant).optional(),
});
export type JobView = z.infer<typeof JobView>;

/** A job without its items: what a progress line, a job card's head or the CLI needs, a few hundred bytes. */
export const JobHead = JobView.omit({ items: true });
export type JobHead = z.infer<typeof JobHead>;

/**
 * What changed in one item since the last event: its key and the fields set (each whole), and in
 * `cleared` the fields removed (an item that recovers loses its error).
 */
export const JobItemPatch = JobItem.partial().extend({
  key: z.string(),
  cleared: z.array(z.enum(['error'])).optional(),
});
export type JobItemPatch = z.infer<typeof JobItemPatch>;
