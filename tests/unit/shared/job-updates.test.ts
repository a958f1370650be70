import { describe, expect, it } from 'vitest';
import { applyJobUpdate, mergeJobUpdates, updateFit } from '../../../shared/job-updates.ts';
import type { JobView } from '../../../shared/jobs.ts';
import { jobHead, jobUpdate } from '../../support/job-updates.ts';

const view: JobView = {
  ...jobHead(1),
  items: [
    { key: 'a', kind: 'file', label: 'a', action: 'create', state: 'pending', sourceId: 'a' },
    { key: 'b', kind: 'file', label: 'b', action: 'create', state: 'pending', sourceId: 'b' },
  ],
};

describe('job updates', () => {
  it('apply on the view they follow, are skipped when held already, and ask for the snapshot past a gap', () => {
    expect(updateFit(view, jobUpdate(1, []))).toBe('apply');
    expect(updateFit(view, jobUpdate(0, []))).toBe('stale');
    expect(updateFit(view, jobUpdate(2, []))).toBe('gap');
    expect(updateFit(undefined, jobUpdate(1, []))).toBe('gap');
  });

  it('change only the items they name, leaving the others as the same objects', () => {
    const next = applyJobUpdate(view, jobUpdate(1, [{ key: 'b', state: 'done', destinationId: 'B' }]));
    expect(next.items[0]).toBe(view.items[0]);
    expect(next.items[1]).toMatchObject({ state: 'done', destinationId: 'B', label: 'b' });
    expect(next.detail).toBe('step 2');
    expect(view.items[1]?.state).toBe('pending');
  });

  it('merge into one that says what both said, so a stream behind a slow page can send one', () => {
    const first = jobUpdate(1, [
      { key: 'a', state: 'failed', error: 'no' },
      { key: 'b', state: 'running' },
    ]);
    const second = jobUpdate(2, [{ key: 'a', state: 'done', cleared: ['error'] }]);
    const merged = mergeJobUpdates(first, second);
    expect(merged.after).toBe(1);
    expect(merged.job.seq).toBe(3);
    expect(applyJobUpdate(view, merged)).toEqual(applyJobUpdate(applyJobUpdate(view, first), second));
    expect(applyJobUpdate(view, merged).items[0]).not.toHaveProperty('error');
  });
});
