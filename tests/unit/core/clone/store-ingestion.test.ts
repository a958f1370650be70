import { describe, expect, it } from 'vitest';
import { waitForStoreFiles } from '../../../../electron/core/clone/store-ingestion.ts';
import type { IngestCounts } from '../../../../shared/jobs.ts';
import type { OrgGateway } from '../../../../electron/core/openai/org-gateway.ts';

/** A store of `n` attached files: file i leaves in_progress at poll (i % 4) + 2; every 100th fails. */
function store(n: number) {
  const calls: Array<string | undefined> = [];
  const status = (i: number) => (calls.length <= (i % 4) + 1 ? 'in_progress' : i % 100 === 0 ? 'failed' : 'completed');
  const dst = {
    vectorStores: {
      async listFiles(_id: string, _signal?: AbortSignal, filter?: string) {
        calls.push(filter);
        const files = Array.from({ length: n }, (_, i) => ({
          id: `file-${i}`,
          status: status(i),
          last_error: status(i) === 'failed' ? { code: 'invalid_file', message: 'Empty.' } : null,
        }));
        return filter ? files.filter((f) => f.status === filter) : files;
      },
    },
  } as unknown as OrgGateway;
  return { dst, calls, ids: Array.from({ length: n }, (_, i) => `file-${i}`) };
}

describe('waitForStoreFiles', () => {
  it('polls only the files still in progress once all are attached, then one full listing says how each ended', async () => {
    const { dst, calls, ids } = store(1000);
    const seen: IngestCounts[] = [];
    const result = await waitForStoreFiles(dst, 'vs_1', ids, {
      deadlineMs: 60_000,
      pollMs: 1,
      onCounts: (c) => seen.push(c),
    });
    expect(result.counts).toEqual({ total: 1000, completed: 990, inProgress: 0, failed: 10 });
    expect(result.failed).toHaveLength(10);
    expect(result.stuck).toEqual([]);
    // The first and the last listing are whole; those between ask for in-progress files only.
    expect(calls[0]).toBeUndefined();
    expect(calls.at(-1)).toBeUndefined();
    expect(calls.slice(1, -1).every((filter) => filter === 'in_progress')).toBe(true);
    expect(calls.length).toBeGreaterThan(2);
    // Counts never claim more than is known: completed and failed only rise, from full listings.
    for (const c of seen) expect(c.completed + c.failed + c.inProgress).toBeLessThanOrEqual(c.total);
  });

  it('counts files not yet attached as in progress, and lists the whole store until they are', async () => {
    const { dst, calls } = store(3);
    const result = await waitForStoreFiles(dst, 'vs_1', ['file-0', 'file-1', 'file-2', 'file-missing'], {
      deadlineMs: 400,
    });
    expect(result.counts.inProgress).toBe(1);
    expect(calls.every((filter) => filter === undefined)).toBe(true);
  });

  it('polls at the interval it is given (tests whose sandbox ingests in milliseconds)', async () => {
    const { dst, calls } = store(3);
    await waitForStoreFiles(dst, 'vs_1', ['file-0', 'file-missing'], { deadlineMs: 400, pollMs: 10 });
    // At the default 150 ms, 400 ms hold at most 4 listings (0, 150, 300 and the deadline's).
    expect(calls.length).toBeGreaterThan(4);
  });
});
