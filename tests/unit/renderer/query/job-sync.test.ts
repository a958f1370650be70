import { describe, expect, it } from 'vitest';
import { createJobSync } from '../../../../renderer/src/query/job-sync.ts';
import type { JobUpdate } from '../../../../shared/job-updates.ts';
import type { JobItem, JobView } from '../../../../shared/jobs.ts';
import { jobHead, jobUpdate } from '../../../support/job-updates.ts';

const item = (state: JobItem['state']): JobItem => ({
  key: 'file:a',
  kind: 'file',
  label: 'a.json',
  action: 'create',
  state,
  sourceId: 'file-a',
});

const view = (seq: number, state: JobView['state'], itemState: JobItem['state']): JobView => ({
  ...jobHead(seq, {
    state,
    title: 'Clone 1 assistant',
    counts: { total: 1, done: 0, failed: 0, skipped: 0, cancelled: 0 },
  }),
  items: [item(itemState)],
});

/** An event following `after`, its head in `state`, changing the one item to `itemState` (or nothing). */
const event = (after: number, state: JobView['state'], itemState?: JobItem['state']): JobUpdate =>
  jobUpdate(after, itemState ? [{ key: 'file:a', state: itemState }] : [], { state });

/** A holder of one job's view whose snapshot reads the test answers by hand, in order. */
function holder(initial: JobView | undefined, starting?: () => Promise<void> | undefined) {
  let held = initial;
  const reads: Array<PromiseWithResolvers<JobView>> = [];
  const lost: unknown[] = [];
  const sync = createJobSync({
    held: () => held,
    put: (next) => {
      held = next;
    },
    snapshot: () => {
      const read = Promise.withResolvers<JobView>();
      reads.push(read);
      return read.promise;
    },
    lost: (_id, error) => lost.push(error),
    ...(starting ? { starting } : {}),
  });
  return { sync, reads, lost, held: () => held, put: (next: JobView) => (held = next) };
}

describe('job sync', () => {
  it('applies events that fit and skips those the view holds already, reading no snapshot', () => {
    const h = holder(view(3, 'running', 'pending'));
    h.sync(event(3, 'running', 'running'));
    h.sync(event(3, 'running', 'running'));
    h.sync(event(4, 'running', 'done'));
    expect(h.reads).toHaveLength(0);
    expect(h.held()?.seq).toBe(5);
    expect(h.held()?.items[0]?.state).toBe('done');
  });

  it('keeps the events that come while a snapshot is read and applies them on top of it', async () => {
    // A Retry: the resumed run's first event starts past the view held; the job then finishes its one
    // item before the snapshot's answer arrives. Those events must not be lost with the snapshot stale.
    const h = holder(view(5, 'failed', 'failed'));
    h.sync(event(6, 'running'));
    expect(h.reads).toHaveLength(1);
    h.sync(event(7, 'running', 'running'));
    h.sync(event(8, 'running', 'done'));
    h.sync(event(9, 'done'));
    expect(h.held()?.state).toBe('failed');
    // The snapshot was read after the second event: it holds the item running.
    h.reads[0]!.resolve(view(8, 'running', 'running'));
    await h.reads[0]!.promise;
    await Promise.resolve();
    expect(h.reads).toHaveLength(1);
    expect(h.held()).toMatchObject({ state: 'done', seq: 10, items: [{ state: 'done' }] });
  });

  it('reads the snapshot again when events held still start past it, then applies the rest', async () => {
    const h = holder(undefined);
    h.sync(event(2, 'running'));
    h.sync(event(6, 'running', 'running'));
    h.sync(event(7, 'done', 'done'));
    // An older snapshot than the events held (they overtook it): the first still does not fit.
    h.reads[0]!.resolve(view(3, 'running', 'pending'));
    await h.reads[0]!.promise;
    await Promise.resolve();
    expect(h.reads).toHaveLength(2);
    h.reads[1]!.resolve(view(6, 'running', 'pending'));
    await h.reads[1]!.promise;
    await Promise.resolve();
    expect(h.held()).toMatchObject({ state: 'done', seq: 8, items: [{ state: 'done' }] });
    expect(h.lost).toHaveLength(0);
  });

  it('hands the job back to its list when the snapshot cannot be read, or its events never fit', async () => {
    const failing = holder(undefined);
    failing.sync(event(2, 'running'));
    failing.reads[0]!.reject(new Error('offline'));
    await failing.reads[0]!.promise.catch(() => undefined);
    await Promise.resolve();
    expect(failing.lost).toEqual([new Error('offline')]);

    const never = holder(undefined);
    never.sync(event(9, 'running'));
    for (let read = 0; read < 3; read += 1) {
      never.sync(event(9, 'running'));
      never.reads[read]!.resolve(view(1, 'running', 'pending'));
      await never.reads[read]!.promise;
      await Promise.resolve();
    }
    expect(never.reads).toHaveLength(3);
    expect(never.lost).toHaveLength(1);
  });

  it("holds a new job's events while a call that starts a job is under way, then applies them to its answer", async () => {
    // Confirm: the job's first events overtake clone.apply's answer, which is the whole job; reading it
    // again as a snapshot would fetch the same megabytes twice.
    const start = Promise.withResolvers<void>();
    const h = holder(undefined, () => start.promise);
    h.sync(event(1, 'running', 'running'));
    h.sync(event(2, 'running', 'done'));
    expect(h.held()).toBeUndefined();
    h.put(view(1, 'running', 'pending'));
    start.resolve();
    await start.promise;
    await Promise.resolve();
    expect(h.reads).toHaveLength(0);
    expect(h.held()).toMatchObject({ seq: 3, items: [{ state: 'done' }] });
  });

  it('reads the snapshot for a job no start answered with, as a late subscriber does', async () => {
    // Another tab's job (the start under way here was some other job), and a tab opened mid-job (none).
    const start = Promise.withResolvers<void>();
    const other = holder(undefined, () => start.promise);
    other.sync(event(4, 'running', 'running'));
    start.resolve();
    await start.promise;
    await Promise.resolve();
    expect(other.reads).toHaveLength(1);
    other.sync(event(5, 'running', 'done'));
    other.reads[0]!.resolve(view(4, 'running', 'pending'));
    await other.reads[0]!.promise;
    await Promise.resolve();
    expect(other.held()).toMatchObject({ seq: 6, items: [{ state: 'done' }] });

    const late = holder(undefined, () => undefined);
    late.sync(event(4, 'running', 'running'));
    expect(late.reads).toHaveLength(1);
  });
});
