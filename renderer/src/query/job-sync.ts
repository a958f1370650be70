import { applyJobUpdate, updateFit, type JobUpdate } from '../../../shared/job-updates.ts';
import type { JobView } from '../../../shared/jobs.ts';

/** Where the views of jobs are kept, and how a whole one is read when events alone cannot make it. */
export interface JobSyncHost {
  /** The view held of a job, if any. */
  held(id: string): JobView | undefined;
  /** Keeps `view` as the job's newest. */
  put(view: JobView): void;
  /** A whole, current view of the job (its snapshot). */
  snapshot(id: string): Promise<JobView>;
  /** The snapshot could not be read: the holder falls back to reading its list again. */
  lost(id: string, error: unknown): void;
  /**
   * Settles when the calls under way that answer with a started job's view (job-starts.ts) have; none
   * under way, undefined. Events of a job not held wait for it, since its answer may be that job.
   */
  starting?(): Promise<void> | undefined;
}

/**
 * Keeps views of jobs whole from their events. Each event carries only what changed since the one
 * before, so one that starts past the view held (events were missed, or a resumed run numbers on from
 * what its job's file said) asks for a snapshot. While that snapshot is on its way the job goes on, and
 * its events keep coming: they are held, then applied on top of the snapshot (those it already includes
 * are stale and skipped). Dropping them instead would lose their items' changes for good: a file that
 * finished while the snapshot was read would show "running" until something else refetched the job.
 */
/** Snapshots read in a row for one gap before giving up on events for that job. */
const MAX_SNAPSHOT_READS = 3;

export function createJobSync(host: JobSyncHost): (update: JobUpdate) => void {
  /** Per job whose snapshot is being read: the events that came meanwhile, in order. */
  const waiting = new Map<string, JobUpdate[]>();

  const fetchSnapshot = async (id: string, tries = 1): Promise<void> => {
    const held: JobUpdate[] = [];
    waiting.set(id, held);
    let snapshot: JobView;
    try {
      snapshot = await host.snapshot(id);
    } catch (error) {
      waiting.delete(id);
      return host.lost(id, error);
    }
    waiting.delete(id);
    host.put(snapshot);
    replay(id, held, tries);
  };

  /** Applies the events held for a job; from the first that does not fit, reads a snapshot first. */
  const replay = (id: string, held: JobUpdate[], tries: number) => {
    for (const [at, update] of held.entries()) {
      if (take(update)) continue;
      // Still a gap: read the snapshot (again) and apply the rest after it. A job whose events never
      // fit its snapshots (they never should) is handed back to the list after a few reads.
      if (tries >= MAX_SNAPSHOT_READS) return host.lost(id, new Error(`Job ${id}'s events do not fit its snapshots.`));
      void fetchSnapshot(id, tries + 1);
      waiting.get(id)?.push(...held.slice(at));
      return;
    }
  };

  /** Holds a new job's events until the job starts under way have answered (one of them may be it). */
  const awaitStart = (id: string, start: Promise<void>, first: JobUpdate) => {
    const held = [first];
    waiting.set(id, held);
    void start.then(() => {
      waiting.delete(id);
      replay(id, held, 0);
    });
  };

  /** Applies `update` if it fits (or skips it as held already); false when it starts past the view. */
  const take = (update: JobUpdate): boolean => {
    const view = host.held(update.job.id);
    const fit = updateFit(view, update);
    if (fit === 'gap') return false;
    if (fit === 'apply') host.put(applyJobUpdate(view, update));
    return true;
  };

  return (update) => {
    const id = update.job.id;
    const held = waiting.get(id);
    if (held) held.push(update);
    else if (!take(update)) {
      const start = host.held(id) ? undefined : host.starting?.();
      if (start) awaitStart(id, start, update);
      else void fetchSnapshot(id);
    }
  };
}
