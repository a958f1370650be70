import { describe, expect, it } from 'vitest';
import { cleanupSentence, verifySentence } from '../../../../shared/job-report.ts';
import type { JobItem, JobView } from '../../../../shared/jobs.ts';
import { recordCleanup } from '../../../../electron/core/jobs/job-manager.ts';
import { countItems, jobProgress } from '../../../../electron/core/jobs/job-recorder.ts';
import { jobHead } from '../../../support/job-updates.ts';

const item = (key: string, state: JobItem['state']): JobItem => ({
  key,
  kind: 'file',
  label: key,
  action: 'create',
  state,
  sourceId: key,
  destinationId: `d-${key}`,
});

function view(items: JobItem[]): JobView {
  const at = '2026-12-01T10:00:00.000Z';
  return {
    ...jobHead(0, { state: 'done', createdAt: at, updatedAt: at, progress: 1, detail: '', counts: countItems(items) }),
    items,
    verify: { checkedAt: at, checked: 2, differences: [], reconstructed: [], clean: true },
  };
}

describe('job counts and progress', () => {
  it('counts cancelled items apart from skipped ones, and a cancelled item adds no work done', () => {
    const items = [item('a', 'done'), item('b', 'skipped'), item('c', 'cancelled'), item('d', 'cancelled')];
    expect(countItems(items)).toEqual({ total: 4, done: 1, failed: 0, skipped: 1, cancelled: 2 });
    expect(jobProgress(items)).toBe(0.5);
  });
});

describe('recordCleanup', () => {
  it('marks deleted items, keeps the report, and drops the verify that described them', () => {
    const job = view([item('a', 'done'), item('b', 'done')]);
    recordCleanup(
      job,
      {
        deleted: [{ key: 'a', kind: 'file', destinationId: 'd-a' }],
        alreadyGone: [],
        failed: [{ key: 'b', error: 'Server said no.' }],
      },
      '2026-12-01T11:00:00.000Z',
    );
    expect(job.items.map((i) => i.cleanedUp === true)).toEqual([true, false]);
    expect(job.verify).toBeUndefined();
    expect(cleanupSentence(job)).toBe('Cleaned up: 1 deleted, 1 failed: b: Server said no.');
    expect(verifySentence(job)).toBe('Not verified since Clean up.');
    // A second run adds what it deleted to the first run's.
    recordCleanup(job, { deleted: [{ key: 'b', kind: 'file', destinationId: 'd-b' }], alreadyGone: [], failed: [] });
    expect(cleanupSentence(job)).toBe('Cleaned up: 2 deleted.');
  });

  it('leaves the verify alone when nothing was deleted', () => {
    const job = view([item('a', 'done')]);
    recordCleanup(job, { deleted: [], alreadyGone: [], failed: [] });
    expect(job.verify?.clean).toBe(true);
  });
});
