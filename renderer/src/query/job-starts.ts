import type { QueryClient } from '@tanstack/react-query';

/**
 * The calls under way that start a job and answer with its whole view (Confirm's `clone.apply`), per
 * query client. A job's first events arrive before that answer does: it holds every item of the job
 * (1.15 MB for a clone of 6,560 items) where an event holds a few kilobytes. Events of a job the page does
 * not hold yet wait for these answers (job-sync.ts) instead of reading the same view again as a snapshot.
 */
const starts = new WeakMap<QueryClient, Set<Promise<unknown>>>();

/** Notes `started`, which settles once the job's view it answers with is held (or the call failed). */
export function trackJobStart(queryClient: QueryClient, started: Promise<unknown>): void {
  let under = starts.get(queryClient);
  if (!under) starts.set(queryClient, (under = new Set()));
  const settled = started.then(
    () => {},
    () => {},
  );
  under.add(settled);
  void settled.then(() => under.delete(settled));
}

/** Settles when every job start under way now has; undefined when there is none. */
export function jobStartsUnderWay(queryClient: QueryClient): Promise<void> | undefined {
  const under = starts.get(queryClient);
  if (!under || under.size === 0) return undefined;
  return Promise.all(under).then(() => {});
}
