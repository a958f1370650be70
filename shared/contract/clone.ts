import { z } from 'zod';
import { ClonePlan, CloneRequest } from '../clone.ts';
import { JobView, VerifyReport } from '../jobs.ts';
import { NoParams } from './app.ts';
import { method } from './define.ts';

const JobRef = z.object({ id: z.string().min(1, { error: 'id is required: the job id (see the jobs list).' }) });

export const CleanupReport = z.object({
  deleted: z.array(z.object({ key: z.string(), kind: z.string(), destinationId: z.string() })),
  alreadyGone: z.array(z.string()),
  failed: z.array(z.object({ key: z.string(), error: z.string() })),
});

export const cloneApi = {
  /**
   * Works out a clone without writing anything: what is created, updated, reused or skipped, where each
   * file's bytes come from, missing models and conflicts with their diff. The plan is kept for Confirm.
   * A folder of originals is a typed path (CLI, browser mode) or, in the desktop window, only a folder the
   * OS dialog granted (folderGrantId): a page must not be able to name a folder on the admin's disk.
   */
  'clone.plan': method({ params: CloneRequest, result: ClonePlan }),

  /** Starts the job for a plan made by clone.plan; answers at once with the job's first view. */
  'clone.apply': method({ params: z.object({ planId: z.string().min(1) }), result: JobView }),

  /** Every job, newest first, running or not (a late subscriber's catch-up for job.updated events). */
  'jobs.list': method({ params: NoParams, result: z.array(JobView) }),

  /**
   * One job whole: the snapshot that job.updated events (which carry only what changed) apply to. Its
   * `seq` says which event it includes, so a screen that missed events fetches this and goes on.
   */
  'jobs.get': method({ params: JobRef, result: JobView }),

  /**
   * Answers when the job has ended (done, failed, cancelled…), with its last view, its verify included; at
   * once for a job that is not running. What a script's `ferry clone` waits on, without reaching past the
   * contract into the job manager.
   */
  'jobs.wait': method({ params: JobRef, result: JobView }),

  /** Stops scheduling, cancels file batches in flight, and leaves the journal ready for resume or cleanup. */
  'jobs.cancel': method({ params: JobRef, result: JobView }),

  /** Finishes an interrupted, cancelled or failed job without creating anything twice. */
  'jobs.resume': method({ params: JobRef, result: JobView }),

  /** Runs one item again (with what it depends on), e.g. a file that failed to ingest. */
  'jobs.retry': method({ params: JobRef.extend({ key: z.string().min(1) }), result: JobView }),

  /** Compares the job's clones with their sources, field by field. */
  'jobs.verify': method({ params: JobRef, result: VerifyReport }),

  /** Deletes exactly what the job created, and nothing else. The UI confirms first. */
  'jobs.cleanup': method({ params: JobRef, result: CleanupReport }),
} as const;
