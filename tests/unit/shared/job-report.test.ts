import { describe, expect, it } from 'vitest';
import { differenceValue, jobReportText, jobSummary } from '../../../shared/job-report.ts';
import type { JobItem, JobView } from '../../../shared/jobs.ts';
import { jobHead } from '../../support/job-updates.ts';

const AT = '2026-12-01T10:00:00.000Z';

const item = (key: string, state: JobItem['state'], extra: Partial<JobItem> = {}): JobItem => ({
  key,
  kind: 'file',
  label: `${key}.md`,
  action: 'create',
  state,
  sourceId: `file-src-${key}`,
  ...(state === 'done' ? { destinationId: `file-dst-${key}` } : {}),
  ...extra,
});

/** A finished job over the given items, counted as the recorder counts them. */
function job(items: JobItem[], extra: Partial<JobView> = {}): JobView {
  const count = (state: JobItem['state']) => items.filter((i) => i.state === state).length;
  return {
    ...jobHead(0, {
      state: 'done',
      title: 'Clone 3 files',
      source: { id: 'a', name: 'Acme Production' },
      destination: { id: 'b', name: 'Acme Staging' },
      createdAt: AT,
      updatedAt: AT,
      progress: 1,
      detail: '',
      counts: {
        total: items.length,
        done: count('done'),
        failed: count('failed'),
        skipped: count('skipped'),
        cancelled: count('cancelled'),
      },
    }),
    items,
    ...extra,
  };
}

describe('differenceValue: a verify difference in a few words', () => {
  it('shows strings as they are, nothing as (none), and the rest as short JSON', () => {
    expect(differenceValue('gpt-4o')).toBe('gpt-4o');
    expect(differenceValue(undefined)).toBe('(none)');
    expect(differenceValue(null)).toBe('(none)');
    expect(differenceValue(0.7)).toBe('0.7');
    expect(differenceValue({ team: 'a' })).toBe('{"team":"a"}');
  });

  it('cuts JSON longer than 120 characters to 117 and an ellipsis', () => {
    const long = differenceValue({ instructions: 'x'.repeat(200) });
    expect(long).toHaveLength(118);
    expect(long.endsWith('…')).toBe(true);
    expect(differenceValue('y'.repeat(200))).toHaveLength(200);
  });
});

describe('jobSummary: what a saved report holds', () => {
  it('lists what was made, failed, skipped and cancelled, each by kind and name', () => {
    const summary = jobSummary(
      job([
        item('a', 'done', { lossy: true }),
        item('b', 'failed', { error: 'Too large.' }),
        item('c', 'skipped', { error: 'Up to date.' }),
        item('d', 'cancelled'),
        // Done without a destination (nothing to make): not listed as made.
        item('e', 'done', { destinationId: undefined }),
      ]),
    );
    expect(summary.created).toEqual([
      {
        kind: 'file',
        name: 'a.md',
        source: 'file-src-a',
        destination: 'file-dst-a',
        action: 'create',
        lossy: true,
      },
    ]);
    expect(summary.failed).toEqual([{ kind: 'file', name: 'b.md', error: 'Too large.', fileErrors: undefined }]);
    expect(summary.skipped).toEqual([{ kind: 'file', name: 'c.md', reason: 'Up to date.' }]);
    expect(summary.cancelled).toEqual([{ kind: 'file', name: 'd.md' }]);
    expect(summary).not.toHaveProperty('problems');
    expect(summary).not.toHaveProperty('responses');
  });
});

describe('jobReportText: the report people read', () => {
  it('says the job, each item, the verify with every difference, and the cleanup', () => {
    const text = jobReportText(
      job([item('a', 'done', { lossy: true }), item('b', 'failed', { error: 'Too large.' })], {
        verify: {
          checkedAt: AT,
          checked: 2,
          clean: false,
          reconstructed: [],
          differences: [
            { key: 'a', label: 'a.md', field: 'bytes', source: 120, destination: 118, expected: true },
            { key: 'b', label: 'b.md', field: 'metadata', source: { team: 'x' }, destination: null, expected: false },
          ],
        },
        cleanup: {
          at: AT,
          deleted: [{ key: 'a', kind: 'file', destinationId: 'file-dst-a' }],
          alreadyGone: [],
          failed: [{ key: 'b', error: 'Not found.' }],
        },
      }),
    );
    const lines = text.split('\n');
    expect(lines.slice(0, 3)).toEqual([
      'Clone 3 files',
      `Job job-1: done. Acme Production → Acme Staging, started ${AT}.`,
      '1 done, 1 failed, 0 skipped, 0 cancelled of 2.',
    ]);
    expect(lines).toContain('  file a.md: done (create) → file-dst-a [lossy]');
    expect(lines).toContain('  file b.md: failed (create): Too large.');
    expect(lines.some((l) => /^Verify at .+ found 1 difference in 2 objects\.$/.test(l))).toBe(true);
    expect(lines).toContain('  a.md: bytes: source 120, clone 118 (expected: reconstructed)');
    expect(lines).toContain('  b.md: metadata: source {"team":"x"}, clone (none)');
    expect(lines).toContain('Cleaned up: 1 deleted, 1 failed: b.md: Not found.');
    expect(text.endsWith('\n')).toBe(true);
  });

  it('marks an item Clean up deleted as such, not by its old state', () => {
    const text = jobReportText(job([item('a', 'done', { cleanedUp: true })]));
    expect(text).toContain('  file a.md: deleted by Clean up (create) → file-dst-a\n');
    expect(text).toContain('\nNot verified.\n');
  });
});
