import { ingestFailureInWords, ingestRetryHelps } from '../../../shared/ingest-errors.ts';
import type { IngestCounts } from '../../../shared/jobs.ts';
import { sleep } from '../openai/abortable-sleep.ts';
import type { OrgGateway } from '../openai/org-gateway.ts';
import type { VectorStoreFile } from '../openai/vector-stores-api.ts';

const FAST_POLL_MS = 150;
const FAST_POLL_FOR_MS = 3000;
const SLOW_POLL_MS = 5000;
/** The files one listing page holds. */
const PAGE = 100;

export interface StoreIngestion {
  counts: IngestCounts;
  /** Each failed or cancelled file: why, in words, and whether attaching it again can help. */
  failed: { id: string; message: string; retryable: boolean }[];
  /** Still in progress when the deadline came. */
  stuck: string[];
  /**
   * The store's whole file list as the last full listing found it (every file, not only the given ones):
   * made after the last attach, so the verify that follows can take it instead of listing again.
   */
  listing: VectorStoreFile[];
}

/**
 * Waits until every given file of a store has left in_progress, polling the store's file list every
 * 150 ms for the first 3 s (small files ingest in well under a second, and a clone's last step waits on
 * this) and then backing off to every 5 s, or until the deadline, when files still in progress are reported:
 * a stuck file becomes a reported outcome, never a hang. Watching the files rather than the batch works
 * the same for a fresh job, a resumed one, and a batch whose create answer was lost.
 */
export async function waitForStoreFiles(
  dst: OrgGateway,
  vectorStoreId: string,
  fileIds: string[],
  options: {
    deadlineMs: number;
    /** The first polls' interval (150 ms); tests whose sandbox ingests in 50 ms set it lower. */
    pollMs?: number | undefined;
    signal?: AbortSignal | undefined;
    onCounts?: (counts: IngestCounts) => void;
    /** A full listing of the store made since its last attach: taken as the first poll's. */
    listed?: VectorStoreFile[] | undefined;
  },
): Promise<StoreIngestion> {
  let listed = options.listed;
  const wanted = new Set(fileIds);
  const started = Date.now();
  let delay = options.pollMs ?? FAST_POLL_MS;
  // Once every wanted file is attached, a poll lists only the files still in progress (a page or two in a
  // store of 10,000, where listing the whole store each poll was 100 requests); when none is left, one
  // full listing says how each ended. Meanwhile the counts hold only what is known: a file that left
  // in_progress since the last full listing is counted neither completed nor failed until then.
  let narrow = false;
  let settled = { completed: 0, failed: 0 };
  for (;;) {
    const elapsed = Date.now() - started;
    if (!narrow || elapsed >= options.deadlineMs) {
      const listing = listed ?? (await dst.vectorStores.listFiles(vectorStoreId, options.signal));
      listed = undefined;
      const files = listing.filter((f) => wanted.has(f.id));
      const failed = files.filter((f) => f.status === 'failed' || f.status === 'cancelled');
      const inProgress = files.filter((f) => f.status === 'in_progress');
      const counts: IngestCounts = {
        total: wanted.size,
        completed: files.filter((f) => f.status === 'completed').length,
        inProgress: inProgress.length + (wanted.size - files.length),
        failed: failed.length,
      };
      options.onCounts?.(counts);
      if (counts.inProgress === 0 || Date.now() - started >= options.deadlineMs) {
        return {
          counts,
          failed: failed.map((f) => ({
            id: f.id,
            message: ingestFailureInWords(f.status, f.last_error) ?? 'Ingestion failed.',
            retryable: ingestRetryHelps(f.status, f.last_error),
          })),
          stuck: inProgress.map((f) => f.id),
          listing,
        };
      }
      // A store of a page or less costs one request a poll either way: narrowing would only add the last listing.
      narrow = files.length === wanted.size && wanted.size > PAGE;
      settled = { completed: counts.completed, failed: counts.failed };
    } else {
      const inProgress = (await dst.vectorStores.listFiles(vectorStoreId, options.signal, 'in_progress')).filter((f) =>
        wanted.has(f.id),
      ).length;
      if (inProgress === 0) {
        narrow = false;
        continue;
      }
      options.onCounts?.({ total: wanted.size, completed: settled.completed, inProgress, failed: settled.failed });
    }
    const waited = Date.now() - started;
    await sleep(Math.max(0, Math.min(delay, options.deadlineMs - waited)), options.signal);
    if (waited > FAST_POLL_FOR_MS) delay = Math.min(SLOW_POLL_MS, delay * 1.5);
  }
}
