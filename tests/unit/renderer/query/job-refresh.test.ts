import { describe, expect, it } from 'vitest';
import { createJobRefreshes, READS_BY_KIND } from '../../../../renderer/src/query/job-refresh.ts';
import { applyJobUpdate, type JobUpdate } from '../../../../shared/job-updates.ts';
import type { JobItem, JobView } from '../../../../shared/jobs.ts';
import { jobHead, jobUpdate } from '../../../support/job-updates.ts';

const item = (kind: JobItem['kind'], n: number): JobItem => ({
  key: `${kind}:${n}`,
  kind,
  label: `${kind} ${n}`,
  action: 'create',
  state: 'pending',
  sourceId: `${kind}-${n}`,
});

/** A running job of `files` files and `assistants` assistants, fed event by event as the page gets them. */
function job(files: number, assistants: number) {
  const refreshes = createJobRefreshes();
  const items = [
    ...Array.from({ length: files }, (_, n) => item('file', n)),
    ...Array.from({ length: assistants }, (_, n) => item('assistant', n)),
  ];
  let seq = 0;
  const first: JobUpdate = { type: 'job.updated', job: jobHead(0), items: [], after: -1, all: items };
  let view: JobView = applyJobUpdate(undefined, first);
  refreshes.readsAfter(view, first);
  return {
    refreshes,
    /** One event setting the items `[kind, n, state]`; what the page reads again after it. */
    step(...changes: Array<[JobItem['kind'], number, JobItem['state']]>) {
      const update = jobUpdate(
        seq,
        changes.map(([kind, n, state]) => ({ key: `${kind}:${n}`, state })),
      );
      seq += 1;
      view = applyJobUpdate(view, update);
      return new Set(refreshes.readsAfter(view, update));
    },
    /** A whole view read after a gap (the events between were never seen), `settled` files done. */
    snapshot(settled: number) {
      seq += 5;
      view = {
        ...view,
        seq,
        items: view.items.map((i) =>
          i.kind === 'file' && Number(i.key.split(':')[1]) < settled ? { ...i, state: 'done' } : i,
        ),
      };
      const update = jobUpdate(seq - 1, []);
      return new Set(refreshes.readsAfter(view, update));
    },
  };
}

const none = new Set();
const files = new Set(READS_BY_KIND.file);
const assistants = new Set(READS_BY_KIND.assistant);

describe('when a running job reads its destination lists again', () => {
  it('reads a kind when its first item settles and when its last does, not in between', () => {
    const clone = job(1000, 10);
    expect(clone.step(['file', 0, 'running'])).toEqual(none);
    expect(clone.step(['file', 0, 'done'])).toEqual(files);
    // Hundreds more files settle, one event after another: the list is not read again for each.
    for (let n = 1; n < 999; n += 1) expect(clone.step(['file', n, 'done'])).toEqual(none);
    expect(clone.step(['file', 999, 'done'])).toEqual(files);
    expect(clone.step(['file', 999, 'done'])).toEqual(none);
  });

  it('counts failed and skipped items as settled, and reads each kind on its own', () => {
    const clone = job(1, 3);
    expect(clone.step(['file', 0, 'skipped'], ['assistant', 0, 'running'])).toEqual(files);
    expect(clone.step(['assistant', 0, 'failed'])).toEqual(assistants);
    expect(clone.step(['assistant', 1, 'done'])).toEqual(none);
    expect(clone.step(['assistant', 2, 'done'])).toEqual(assistants);
  });

  it('counts a retried item as unsettled again, so the kind is read when it settles once more', () => {
    const clone = job(2, 0);
    expect(clone.step(['file', 0, 'done'], ['file', 1, 'failed'])).toEqual(files);
    expect(clone.step(['file', 1, 'running'])).toEqual(none);
    expect(clone.step(['file', 1, 'done'])).toEqual(files);
  });

  it('counts a snapshot read after a gap afresh: files it says are all done are read again', () => {
    const clone = job(100, 0);
    expect(clone.step(['file', 0, 'done'])).toEqual(files);
    expect(clone.snapshot(50)).toEqual(none);
    expect(clone.snapshot(100)).toEqual(files);
  });

  it('starts over for a forgotten job', () => {
    const clone = job(1, 0);
    expect(clone.step(['file', 0, 'done'])).toEqual(files);
    clone.refreshes.forget('job-1');
    expect(clone.step(['file', 0, 'done'])).toEqual(files);
  });
});
