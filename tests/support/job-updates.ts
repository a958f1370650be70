import type { JobUpdate } from '../../shared/job-updates.ts';
import type { JobHead } from '../../shared/jobs.ts';

/** A clone job's head as it reads after event `seq`: what every job-update test starts from. */
export function jobHead(seq: number, overrides: Partial<JobHead> = {}): JobHead {
  return {
    id: 'job-1',
    kind: 'clone',
    title: 'Clone',
    state: 'running',
    source: { id: 'a', name: 'A' },
    destination: { id: 'b', name: 'B' },
    createdAt: 't',
    updatedAt: `t${seq}`,
    progress: 0,
    detail: `step ${seq}`,
    counts: { total: 2, done: 0, failed: 0, skipped: 0, cancelled: 0 },
    seq,
    ...overrides,
  };
}

/** The event that follows event `after`, changing `items`. */
export function jobUpdate(after: number, items: JobUpdate['items'], head: Partial<JobHead> = {}): JobUpdate {
  return { type: 'job.updated', job: jobHead(after + 1, head), items, after };
}
