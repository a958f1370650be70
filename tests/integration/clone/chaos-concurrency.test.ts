import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JobView } from '../../../shared/jobs.ts';
import { createCore } from '../../../electron/core/core.ts';
import {
  CHAOS_INGEST_POLL_MS,
  CHAOS_RUNS,
  caseTimeout,
  chaosRuns,
  chaosSeed,
  destinationCounts,
  expectCleanupRemovesAll,
  expectExactClone,
  misclaims,
  PROD,
  STAGING,
} from '../../support/chaos.ts';
import { startCliWorld } from '../../support/cli-world.ts';
import { startSandboxWorld, type SandboxWorld } from '../../support/sandbox-core.ts';

const RUNS = CHAOS_RUNS;

async function world(random: () => number): Promise<SandboxWorld> {
  return startSandboxWorld({
    seed: chaosSeed(random),
    ingestionMs: 5,
    latencyMs: 1,
    core: { ingestPollMs: CHAOS_INGEST_POLL_MS },
  });
}

const journalOf = (w: SandboxWorld, jobId: string) => join(w.home, 'jobs', jobId, 'journal.jsonl');
const records = (w: SandboxWorld, jobId: string) => {
  try {
    return readFileSync(journalOf(w, jobId), 'utf8').split('\n').filter(Boolean).length;
  } catch {
    return 0;
  }
};

/** Starts a clone and cancels it once its journal holds `at` records; resolves with the cancelled view. */
async function cloneCancelledAt(w: SandboxWorld, at: number): Promise<JobView> {
  const plan = await w.core.call('clone.plan', { from: PROD, to: STAGING, all: true });
  const started = await w.core.call('clone.apply', { planId: plan.id });
  const stop = w.core.subscribe((event) => {
    if (event.type !== 'job.updated' || event.job.id !== started.id || event.job.state !== 'running') return;
    if (records(w, started.id) >= at) w.core.jobs.cancel(started.id);
  });
  const end = await w.core.jobs.wait(started.id);
  stop();
  return end;
}

describe('chaos: jobs into one destination at once (in one process)', () => {
  it(
    `two clones at once: the second waits, saying for whom, never writes alongside, and can be cancelled while it waits (${RUNS} runs)`,
    async () => {
      await chaosRuns('two clones at once', RUNS, async (_seed, random) => {
        const w = await world(random);
        try {
          const running = new Set<string>();
          let overlap = 0;
          const stop = w.core.subscribe((event) => {
            if (event.type !== 'job.updated') return;
            if (event.job.state === 'running') running.add(event.job.id);
            else running.delete(event.job.id);
            if (running.size > 1) overlap += 1;
          });
          const [planA, planB] = await Promise.all([
            w.core.call('clone.plan', { from: PROD, to: STAGING, all: true }),
            w.core.call('clone.plan', { from: PROD, to: STAGING, all: true }),
          ]);
          const a = await w.core.call('clone.apply', { planId: planA.id });
          const b = await w.core.call('clone.apply', { planId: planB.id });
          expect(a.state).toBe('running');
          expect(b.state).toBe('queued');
          expect(b.detail).toBe(`Waiting for job ${a.id}, which is writing to ${STAGING}`);
          expect(w.core.jobs.list().find((j) => j.id === b.id)?.state).toBe('queued');
          const cancelWhileWaiting = random() < 0.5;
          if (cancelWhileWaiting) w.core.jobs.cancel(b.id);
          const [endA, endB] = await Promise.all([w.core.jobs.wait(a.id), w.core.jobs.wait(b.id)]);
          stop();
          expect(overlap, 'two jobs ran into one destination at once').toBe(0);
          expect(endA.state).toBe('done');
          if (cancelWhileWaiting) {
            expect(endB.state).toBe('cancelled');
            expect(endB.detail).toContain('nothing was written');
            await expectExactClone(w.core, w.sandbox, a.id);
          } else {
            expect(endB.state).toBe('done');
          }
          await expectCleanupRemovesAll(w.core, w.sandbox, cancelWhileWaiting ? [a.id] : [b.id, a.id]);
        } finally {
          await w.stop();
        }
      });
    },
    caseTimeout(RUNS),
  );

  // The second job's plan was made before the first created anything: apply re-checks it once it holds the
  // lock, so it reuses the first job's objects instead of creating them again.
  it('two clones at once end with exactly one clone (apply re-checks its plan)', async () => {
    await chaosRuns('two clones at once, exact', RUNS, async (_seed, random) => {
      const w = await world(random);
      try {
        const [planA, planB] = await Promise.all([
          w.core.call('clone.plan', { from: PROD, to: STAGING, all: true }),
          w.core.call('clone.plan', { from: PROD, to: STAGING, all: true }),
        ]);
        const a = await w.core.call('clone.apply', { planId: planA.id });
        const b = await w.core.call('clone.apply', { planId: planB.id });
        await Promise.all([w.core.jobs.wait(a.id), w.core.jobs.wait(b.id)]);
        await expectExactClone(w.core, w.sandbox, b.id);
      } finally {
        await w.stop();
      }
    });
  }, 180_000);

  it(
    `two resumes of one job at once: the second is refused, the first finishes exactly (${RUNS} runs)`,
    async () => {
      await chaosRuns('two resumes at once', RUNS, async (seed, random) => {
        const w = await world(random);
        try {
          const cancelled = await cloneCancelledAt(w, 2 + Math.floor(random() * 10));
          const id = cancelled.id;
          // Resume and Retry (or two Resume clicks) at once, before either has awaited anything.
          const second =
            random() < 0.5
              ? () => w.core.call('jobs.resume', { id })
              : () => w.core.call('jobs.retry', { id, key: cancelled.items[0]?.key ?? '' });
          const results = await Promise.allSettled([w.core.call('jobs.resume', { id }), second()]);
          const started = results.filter((r) => r.status === 'fulfilled');
          const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
          expect(started).toHaveLength(1);
          expect(refused).toHaveLength(1);
          expect(String(refused[0]?.reason?.message)).toContain('already running');
          const end = await w.core.jobs.wait(id);
          expect(end.state).toBe('done');
          expect(misclaims(w.home, id), 'destination ids given to two source objects').toEqual([]);
          await expectExactClone(w.core, w.sandbox, id);
          await expectCleanupRemovesAll(w.core, w.sandbox, [id]);
        } finally {
          await w.stop();
        }
      });
    },
    caseTimeout(RUNS),
  );

  it(
    `a journal torn in its last record is repaired and reported, and resume ends exactly (${RUNS} runs)`,
    async () => {
      await chaosRuns('torn journal tail', RUNS, async (seed, random) => {
        const w = await world(random);
        try {
          const cancelled = await cloneCancelledAt(w, 2 + Math.floor(random() * 12));
          const path = journalOf(w, cancelled.id);
          // The process died while writing its last record: cut it somewhere inside.
          const text = readFileSync(path, 'utf8');
          const lastStart = text.lastIndexOf('\n', text.length - 2) + 1;
          const cut = lastStart + 1 + Math.floor(random() * (text.length - lastStart - 2));
          writeFileSync(path, text.slice(0, cut));
          const resumed = await w.core.call('jobs.resume', { id: cancelled.id });
          const end = await w.core.jobs.wait(resumed.id);
          expect(end.state, end.error).toBe('done');
          expect(end.problems?.map((p) => p.path)).toContain(path);
          expect(end.problems?.[0]?.message).toContain('cut off by an interrupted write');
          // Repaired: no damage left in the file.
          expect(readFileSync(path, 'utf8').endsWith('\n')).toBe(true);
          expect(misclaims(w.home, cancelled.id), 'destination ids given to two source objects').toEqual([]);
          await expectExactClone(w.core, w.sandbox, cancelled.id);
          await expectCleanupRemovesAll(w.core, w.sandbox, [cancelled.id]);
        } finally {
          await w.stop();
        }
      });
    },
    caseTimeout(RUNS),
  );

  it('another Ferry on the same state folder lists a job running elsewhere as running, and queues behind it', async () => {
    // Keys from environment variables, so two cores (as the app and a terminal would) share the connections.
    // The destination's ingestion is held until the checks are done, so the first job is still writing
    // when the second asks, however slow the machine (a fixed ingestion time only made that likely).
    const world = await startCliWorld({ seed: chaosSeed(() => 0.6), ingestionMs: 5, latencyMs: 5 });
    const held = { filenames: ['notes.txt', 'faq.md', 'guide.md', 'readme.txt'] };
    world.sandbox.control.setStuck(STAGING, held);
    for (const [name, value] of Object.entries(world.env)) process.env[name] = value;
    const one = await createCore({ stateDir: world.home, shell: 'cli', keychain: null, logger: { log() {} } });
    const other = await createCore({ stateDir: world.home, shell: 'cli', keychain: null, logger: { log() {} } });
    try {
      const plan = await one.call('clone.plan', { from: PROD, to: STAGING, all: true });
      const job = await one.call('clone.apply', { planId: plan.id });
      expect(other.jobs.get(job.id).state).toBe('running');
      // A second job from the other Ferry waits for the first, naming it.
      const second = await other.call('clone.plan', { from: PROD, to: STAGING, all: true });
      const queued = await other.call('clone.apply', { planId: second.id });
      expect(queued.state).toBe('queued');
      expect(queued.detail).toBe(`Waiting for job ${job.id}, which is writing to ${STAGING}`);
      other.jobs.cancel(queued.id);
      expect((await other.jobs.wait(queued.id)).state).toBe('cancelled');
      // Cleanup writes too: refused while the other job writes there, with whom and what to do.
      await expect(other.call('jobs.cleanup', { id: queued.id })).rejects.toThrow(
        `Job ${job.id} is writing to ${STAGING} now; clean up once it has finished.`,
      );
      expect(other.jobs.get(job.id).state).toBe('running');
      world.sandbox.control.setStuck(STAGING, held, false);
      await one.jobs.wait(job.id);
      expect(await other.call('jobs.cleanup', { id: queued.id })).toMatchObject({ deleted: [], failed: [] });
      expect(other.jobs.get(job.id).state).toBe('done');
    } finally {
      await other.dispose();
      await one.dispose();
      await world.stop();
    }
  });

  it('a destination made read-only after the plan refuses the job and leaves its lock free', async () => {
    const w = await startSandboxWorld({ seed: chaosSeed(() => 0.3), ingestionMs: 5 });
    try {
      const plan = await w.core.call('clone.plan', { from: PROD, to: STAGING, all: true });
      await w.core.call('connections.update', { id: w.connections[STAGING] as string, patch: { readOnly: true } });
      await expect(w.core.call('clone.apply', { planId: plan.id })).rejects.toThrow(/read-only/i);
      expect(destinationCounts(w.sandbox)).toEqual({ assistants: 0, vectorStores: 0, files: 0 });
      expect(readdirLocks(w.home)).toEqual([]);
      // A job refused before it began is no job: nothing to list, resume or clean up.
      expect(await w.core.call('jobs.list', {})).toEqual([]);
      // And the next job for that destination is not held back by a leaked lock.
      await w.core.call('connections.update', { id: w.connections[STAGING] as string, patch: { readOnly: false } });
      const again = await w.core.call('clone.plan', { from: PROD, to: STAGING, all: true });
      expect((await w.core.call('clone.apply', { planId: again.id })).state).toBe('running');
    } finally {
      await w.stop();
    }
  });
});

const readdirLocks = (home: string) => (existsSync(join(home, 'locks')) ? readdirSync(join(home, 'locks')) : []);
