import type { ClonePlan } from '../../../shared/clone.ts';
import type { JobItem, JobView } from '../../../shared/jobs.ts';
import type { Journal, JournalState } from '../storage/journal.ts';
import type { ErrorCode } from '../../../shared/errors.ts';
import { describeFailure } from '../errors.ts';
import { toFerryError } from '../openai/api-errors.ts';
import type { Logger } from '../logging/logger.ts';
import type { OrgGateway } from '../openai/org-gateway.ts';
import type { VectorStoreFile } from '../openai/vector-stores-api.ts';
import type { FileCache } from './file-cache.ts';
import type { Recheck } from './recheck-state.ts';
import type { IdMap } from './id-map.ts';
import type { ParsedDigests } from './parsed-digests.ts';
import type { PlanListings } from './planner-listings.ts';
import type { Claims } from './claims.ts';
import type { ResolutionBoard } from './resolution-board.ts';
import { isoNow } from '../iso-now.ts';

/** Everything one run of a clone job works with. */
/**
 * What a clone run tells its job about the items it works on. The job's recorder (jobs/job-recorder.ts)
 * is the one implementation; naming only this much keeps clone/ from importing jobs/, which runs it.
 */
export interface ItemProgress {
  update(key: string, patch: Partial<JobItem>): void;
  setDetail(detail: string): void;
  readonly view: Pick<JobView, 'items'>;
}

export interface ExecutionContext {
  plan: ClonePlan;
  source: OrgGateway;
  destination: OrgGateway;
  journal: Journal;
  /** What earlier runs of this job did (empty for a fresh job). */
  previous: JournalState;
  idMap: IdMap;
  cache: FileCache;
  recorder: ItemProgress;
  spoolDir: string;
  signal: AbortSignal;
  /** How long to wait for vector store ingestion before reporting files still in progress. */
  ingestDeadlineMs: number;
  /** How often ingestion is polled at first (store-ingestion.ts's 150 ms when absent). */
  ingestPollMs?: number | undefined;
  logger: Logger;
  /** Destination ids by plan key, settled as objects are created, updated, reused or given up on. */
  board: ResolutionBoard;
  /**
   * Creates asked for in this run whose answer has not been journalled yet. After a cancel, the server may
   * still have carried one out (an abort only stops waiting), so these are looked for and recorded.
   */
  inFlight: Map<string, { at: string; find: (signal: AbortSignal) => Promise<string | undefined> }>;
  /**
   * Work nothing waits on (keeping bytes in Ferry's cache). It starts once every file is uploaded, so it
   * competes with nothing on the critical path and fills the wait for ingestion; the run awaits it.
   */
  deferred: Array<() => Promise<void>>;
  /** File batches created in this run and not yet settled, to cancel on cancel. */
  openBatches: Map<string, { vectorStoreId: string; batchId: string }>;
  /**
   * Settles when every file of this run has been uploaded (or given up on). Assistants start after it:
   * they are on no one's critical path, and the wait for ingestion that follows the uploads is idle time.
   */
  uploadsDone: Promise<void>;
  /** Destination ids given to plan keys in this run, claimed synchronously so no two keys share one. */
  claims: Claims;
  /**
   * The sha256 of the bytes of each file this run uploaded and saw answered (not found by a reconcile):
   * the copy holds exactly these bytes, since a file's content never changes.
   */
  answered: Map<string, string>;
  /** Parsed-text digests read during the run for the verify that follows (parsed-digests.ts). */
  digests: ParsedDigests;
  /**
   * Each destination store's file list as this run last listed it after its last write to the store (the
   * wait for ingestion's final listing), by store id: the closing verify takes it instead of listing again.
   */
  storeListings: Map<string, VectorStoreFile[]>;
  /**
   * Each planned source store's file list, read while the destination ingests (the clone never writes to
   * its source), by source store id: the closing verify takes it instead of listing after the job.
   * Undefined when the read failed: then the verify lists.
   */
  sourceStoreListings: Map<string, Promise<VectorStoreFile[] | undefined>>;
  /**
   * What the plan listed of both sides, when it had nothing to write and was made moments before this run
   * (planner-listings.ts): the attach step and the verify take it instead of listing again.
   */
  planListings?: PlanListings | undefined;
  /** What the re-check of the plan at the start of apply found (see apply-recheck.ts). */
  recheck: Recheck;
  /** The job's id and the folder of all jobs: other jobs into the same destination are looked at there. */
  jobId?: string | undefined;
  jobsDir?: string | undefined;
  /** When set, only these keys are worked on (Retry of single items). */
  only?: Set<string> | undefined;
}

/** When a journal entry happened (iso-now.ts: one Date a millisecond however many entries). */
export const now = isoNow;
export const epochSeconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/** Whether this run works on `key` (a Retry works on some keys only). */
export function inScope(ctx: ExecutionContext, key: string): boolean {
  return !ctx.only || ctx.only.has(key);
}

/**
 * Refusals a second, identical request meets again: the request is invalid as it stands (400, 422), or
 * what it reads or writes is not there (404: a source deleted since the plan, an endpoint retired).
 */
const FINAL_REFUSALS: ReadonlySet<ErrorCode> = new Set(['bad_input', 'not_found']);

/**
 * Whether retrying a failed item can help. Transport trouble, server errors, rate limits, a rejected key
 * (fixed in Connections) and Ferry's own disk can pass; a final refusal cannot, so no Retry is offered.
 */
export function retryCanHelp(error: unknown): boolean {
  return !FINAL_REFUSALS.has(codeOf(error));
}

const codeOf = (error: unknown): ErrorCode => toFerryError(error, 'A request', 'the server').code;

/** What to do instead of retrying a final refusal, by its code. */
const INSTEAD: Partial<Record<ErrorCode, string>> = {
  bad_input:
    'Retrying cannot help: the server refuses this request as it stands. Change what it names, then plan the clone again.',
  not_found:
    'Retrying cannot help: what this step needs is no longer there. Plan the clone again from what exists now.',
};

/** A failed item's patch: the sentence (saying so when retrying cannot help), and whether Retry is worth offering. */
export function failurePatch(error: unknown): { state: 'failed'; error: string; retryable: boolean } {
  const retryable = retryCanHelp(error);
  const instead = retryable ? undefined : INSTEAD[codeOf(error)];
  return {
    state: 'failed',
    error: instead ? `${describeFailure(error)} ${instead}` : describeFailure(error),
    retryable,
  };
}

/**
 * Whether an item another one waits for may still be made by a Retry: not when it was skipped (no bytes
 * anywhere) or failed for good; anything else (failed for a passing reason, or not settled yet) may.
 */
export function dependencyMayRecover(ctx: ExecutionContext, key: string): boolean {
  const item = ctx.recorder.view.items.find((i) => i.key === key);
  if (!item) return true;
  if (item.state === 'skipped') return false;
  return !(item.state === 'failed' && item.retryable === false);
}
