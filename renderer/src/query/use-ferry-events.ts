import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { ResultOf } from '../../../shared/api.ts';
import type { JobView } from '../../../shared/jobs.ts';
import { useBridge } from '../bridge/index.ts';
import { ferryKey } from './ferry-query.ts';
import { createJobRefreshes } from './job-refresh.ts';
import { jobStartsUnderWay } from './job-starts.ts';
import { createJobSync } from './job-sync.ts';

/** The reads a pane shows; a finished job (or a changed connection) refreshes them. */
export const PANE_READS = [
  'assistants.list',
  'assistants.get',
  'agents.list',
  'agents.get',
  'agents.responses',
  'connections.capabilities',
  'vectorStores.list',
  'vectorStores.get',
  'vectorStores.files',
  'files.list',
  'files.usedBy',
  'vectorStores.usedBy',
  'models.list',
] as const;

const ENDED = new Set<JobView['state']>(['done', 'failed', 'cancelled', 'interrupted']);

/**
 * Turns the core's events into cache updates. Events only say *that* something changed; the lists are
 * refetched from the core, which stays the single source of truth. Job updates are the exception: each
 * carries what changed in its job, applied straight to the jobs list (progress stays live on any screen).
 */
export function useFerryEvents(): void {
  const bridge = useBridge();
  const queryClient = useQueryClient();
  const lastState = useRef(new Map<string, JobView['state']>());
  const lastCleanup = useRef(new Map<string, string>());

  useEffect(() => {
    // While a job writes, its destination's lists follow it as each kind of item begins and ends (job-refresh.ts).
    const refreshes = createJobRefreshes();
    const syncJob = createJobSync({
      held: (id) => heldJob(queryClient, id),
      put: (view) => upsertJob(queryClient, view),
      snapshot: (id) => bridge.call('jobs.get', { id }),
      lost: () => void queryClient.invalidateQueries({ queryKey: ferryKey('jobs.list', {}) }),
      starting: () => jobStartsUnderWay(queryClient),
    });
    const offEvent = bridge.subscribe((event) => {
      switch (event.type) {
        case 'connections.changed':
          void queryClient.invalidateQueries({ queryKey: ferryKey('connections.list') });
          // A demo restart re-points connections at a new sandbox: what the panes show is stale.
          invalidatePanes(queryClient);
          break;
        case 'keychain.status':
          queryClient.setQueryData<ResultOf<'app.info'>>(ferryKey('app.info', {}), (info) =>
            info ? { ...info, keychain: { available: event.available, message: event.message } } : info,
          );
          // Key statuses depend on the keychain too.
          void queryClient.invalidateQueries({ queryKey: ferryKey('connections.list') });
          break;
        case 'job.updated': {
          const job = event.job;
          syncJob(event);
          const before = lastState.current.get(job.id);
          lastState.current.set(job.id, job.state);
          // A clean up (here, in another window or a terminal) deleted what the job made.
          const cleanedAt = job.cleanup?.at;
          const cleanedBefore = lastCleanup.current.get(job.id);
          if (cleanedAt !== undefined) lastCleanup.current.set(job.id, cleanedAt);
          if (cleanedAt !== undefined && cleanedAt !== cleanedBefore) {
            invalidatePanes(queryClient, [job.source.id, job.destination.id]);
          } else if (ENDED.has(job.state) && before !== job.state) {
            // Both panes may show either side of the clone.
            invalidatePanes(queryClient, [job.source.id, job.destination.id]);
            refreshes.forget(job.id);
          } else if (job.state === 'running') {
            // The job's own events say when it made something: the destination's lists follow as it writes.
            const view = heldJob(queryClient, job.id);
            const reads = view ? refreshes.readsAfter(view, event) : [];
            if (reads.length > 0) invalidatePanes(queryClient, [job.destination.id], reads);
          }
          break;
        }
      }
    });
    // After a gap in the stream anything may have changed: refetch everything on screen.
    const offResync = bridge.onResync(() => void queryClient.invalidateQueries());
    return () => {
      offEvent();
      offResync();
    };
  }, [bridge, queryClient]);
}

/** Puts a job's newest view into the jobs list (newest first) and its own query. */
export function upsertJob(queryClient: QueryClient, job: JobView): void {
  queryClient.setQueryData<JobView[]>(ferryKey('jobs.list', {}), (jobs) => {
    if (!jobs) return [job];
    const index = jobs.findIndex((j) => j.id === job.id);
    if (index === -1) return [job, ...jobs];
    // Events can overtake a slower call's answer: keep the newer view.
    const current = jobs[index];
    if (current && newer(current, job)) return jobs;
    const next = jobs.slice();
    next[index] = job;
    return next;
  });
  queryClient.setQueryData(ferryKey('jobs.get', { id: job.id }), job);
}

/** Whether `held` is ahead of `other`: by event number within a run, else by time (views of ended jobs). */
function newer(held: JobView, other: JobView): boolean {
  if (held.seq !== undefined && other.seq !== undefined && held.seq !== other.seq) return held.seq > other.seq;
  return held.updatedAt > other.updatedAt;
}

/** The view of a job held by the jobs list, or by its own query. */
function heldJob(queryClient: QueryClient, id: string): JobView | undefined {
  const jobs = queryClient.getQueryData<JobView[]>(ferryKey('jobs.list', {}));
  return jobs?.find((j) => j.id === id) ?? queryClient.getQueryData<JobView>(ferryKey('jobs.get', { id }));
}

/**
 * Marks the pane reads (`methods`, of `connectionIds` or of every connection) stale, refetching those on
 * screen. One pass over the query cache for all of them, not one per read and connection.
 */
export function invalidatePanes(
  queryClient: QueryClient,
  connectionIds?: readonly string[],
  methods: readonly string[] = PANE_READS,
): void {
  const reads = new Set<unknown>(methods);
  const connections = connectionIds && new Set<unknown>(connectionIds);
  void queryClient.invalidateQueries({
    predicate: ({ queryKey: [method, params] }) =>
      reads.has(method) &&
      (!connections || connections.has((params as { connectionId?: unknown } | undefined)?.connectionId)),
  });
}
