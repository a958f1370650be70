import { describe, expect, it } from 'vitest';
import { createJobRefreshes, READS_BY_KIND } from '../../../../renderer/src/query/job-refresh.ts';
import type { JobItem, JobView } from '../../../../shared/jobs.ts';
import { jobHead } from '../../../support/job-updates.ts';

const item = (kind: JobItem['kind'], n: number, state: JobItem['state']): JobItem => ({
  key: `${kind}:${n}`,
  kind,
  label: `${kind} ${n}`,
  action: 'create',
  state,
  sourceId: `${kind}-${n}`,
});

/** A running job of `files` files and `assistants` assistants, the first `filesSettled` / `assistantsSettled` settled. */
const view = (files: number, filesSettled: number, assistants: number, assistantsSettled: number): JobView => ({
  ...jobHead(1),
  items: [
    ...Array.from({ length: files }, (_, n) => item('file', n, n < filesSettled ? 'done' : 'running')),
    ...Array.from({ length: assistants }, (_, n) =>
      item('assistant', n, n < assistantsSettled ? (n % 2 ? 'failed' : 'done') : 'pending'),
    ),
  ],
});

describe('when a running job reads its destination lists again', () => {
  it('reads a kind when its first item settles and when its last does, not in between', () => {
    const refreshes = createJobRefreshes();
    expect(refreshes.readsAfter(view(1000, 0, 10, 0))).toEqual([]);
    expect(refreshes.readsAfter(view(1000, 1, 10, 0))).toEqual(READS_BY_KIND.file);
    // Hundreds more files settle, one event after another: the list is not read again for each.
    for (let settled = 2; settled < 1000; settled += 7)
      expect(refreshes.readsAfter(view(1000, settled, 10, 0))).toEqual([]);
    expect(refreshes.readsAfter(view(1000, 1000, 10, 0))).toEqual(READS_BY_KIND.file);
    expect(refreshes.readsAfter(view(1000, 1000, 10, 0))).toEqual([]);
  });

  it('counts failed items as settled, and reads each kind on its own', () => {
    const refreshes = createJobRefreshes();
    refreshes.readsAfter(view(3, 3, 4, 0));
    expect(new Set(refreshes.readsAfter(view(3, 3, 4, 2)))).toEqual(new Set(READS_BY_KIND.assistant));
    expect(refreshes.readsAfter(view(3, 3, 4, 3))).toEqual([]);
    expect(new Set(refreshes.readsAfter(view(3, 3, 4, 4)))).toEqual(new Set(READS_BY_KIND.assistant));
  });

  it('reads once when a single item settles (first and last at once), and starts over for a forgotten job', () => {
    const refreshes = createJobRefreshes();
    expect(refreshes.readsAfter(view(1, 1, 0, 0))).toEqual(READS_BY_KIND.file);
    expect(refreshes.readsAfter(view(1, 1, 0, 0))).toEqual([]);
    refreshes.forget('job-1');
    expect(refreshes.readsAfter(view(1, 1, 0, 0))).toEqual(READS_BY_KIND.file);
  });
});
