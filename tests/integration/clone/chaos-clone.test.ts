import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/core.ts';
import { startSandbox, type Sandbox } from 'ferry-sandbox';
import {
  CHAOS_INGEST_POLL_MS,
  CHAOS_RUNS,
  caseTimeout,
  chaosRuns,
  describeJobs,
  type RunProbe,
} from '../../support/chaos.ts';
import {
  chaosSeed,
  DESTINATION,
  expectCleanupRemovesAll,
  expectConverged,
  prng,
  SOURCE,
  type ChaosWorld,
} from '../../support/chaos-clone-world.ts';

/**
 * The clone engine's promise under chaos, seeded: each case runs CHAOS_RUNS worlds (FERRY_CHAOS_RUNS=20 for
 * the issue's count), each from its own seed with repeated file names and sizes, and every run must end
 * with one destination object per source object, no orphans, verify clean, and cleanup removing everything
 * the jobs made. A failure or a hang names its seed; FERRY_CHAOS_SEED=N replays that run alone.
 */
const RUNS = CHAOS_RUNS;
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: { tenants: [{ name: SOURCE }, { name: DESTINATION }] }, ingestionMs: 20 });
});
afterAll(() => sandbox?.stop());

interface Run {
  home: string;
  world: ChaosWorld;
  core: Core;
  connections: Record<string, string>;
  request: { from: string; to: string; all: true; filesDir: string };
  dispose(): Promise<void>;
}

/** A fresh world for one seed: the sandbox reseeded, a state folder, a core whose keys come from env. */
async function newRun(seed: number): Promise<Run> {
  const home = mkdtempSync(join(tmpdir(), 'ferry-chaos-'));
  const world = chaosSeed(seed, home);
  sandbox.control.clearFaults();
  await sandbox.control.seed(world.seed);
  // Retries back off in tens of milliseconds, with jitter drawn from the run's seed.
  const core = await createCore({
    stateDir: home,
    shell: 'cli',
    keychain: null,
    logger: { log() {} },
    schedulerOptions: { baseDelayMs: 20, maxDelayMs: 200, random: prng(seed ^ 0x1b873593) },
    ingestPollMs: CHAOS_INGEST_POLL_MS,
  });
  const connections: Record<string, string> = {};
  for (const [index, tenant] of sandbox.tenants.entries()) {
    process.env[`FERRY_CHAOS_KEY_${index}`] = tenant.key;
    connections[tenant.name] = (
      await core.call('connections.add', {
        name: tenant.name,
        baseUrl: sandbox.url,
        keySource: { kind: 'env', variable: `FERRY_CHAOS_KEY_${index}` },
      })
    ).id;
  }
  return {
    home,
    world,
    core,
    connections,
    request: { from: SOURCE, to: DESTINATION, all: true, filesDir: world.originals },
    async dispose() {
      await core.dispose();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

async function cloneOnce(run: Run, beforeApply: () => void = () => {}) {
  const plan = await run.core.call('clone.plan', run.request);
  beforeApply();
  const job = await run.core.jobs.wait((await run.core.call('clone.apply', { planId: plan.id })).id);
  return { plan, job };
}

/** Runs every seed (see chaosRuns): a failing or hung run is reported with its seed, so it can be replayed. */
function eachSeed(name: string, body: (seed: number, probe: RunProbe) => Promise<void>): Promise<void> {
  return chaosRuns(name, RUNS, (seed, _random, probe) => body(seed, probe));
}

function journalRecords(home: string): { count: number; ended: boolean } {
  const jobs = join(home, 'jobs');
  const job = existsSync(jobs) ? readdirSync(jobs).find((d) => d.startsWith('job-')) : undefined;
  if (!job) return { count: 0, ended: false };
  try {
    const lines = readFileSync(join(jobs, job, 'journal.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean);
    return { count: lines.length, ended: lines.some((l) => l.startsWith('{"t":"end"')) };
  } catch {
    return { count: 0, ended: false };
  }
}

const spawnWorker = () => new Worker(new URL('../../support/chaos-worker.ts', import.meta.url));
/** The next run's worker, loading the core while the current run goes on. */
let warm: Worker | undefined;
afterAll(() => warm?.terminate());

/** Starts a clone in a worker and stops it dead once its journal holds `target` records. */
function cloneAndKill(run: Run, target: number): Promise<boolean> {
  const worker = warm ?? spawnWorker();
  warm = spawnWorker();
  return new Promise((resolve, reject) => {
    worker.postMessage({ home: run.home, request: run.request });
    let killed = false;
    const watch = setInterval(() => {
      const { count, ended } = journalRecords(run.home);
      if (!ended && count >= target && !killed) {
        killed = true;
        void worker.terminate();
      }
    }, 1);
    worker.on('error', reject);
    worker.on('exit', () => {
      clearInterval(watch);
      // A worker shares this process's pid and start time, so the destination lock it held still names a
      // live owner; a killed process's lock is stale by its pid. Its death releases the lock here, as a
      // real kill -9 would let the next process take it over.
      if (killed) rmSync(join(run.home, 'locks'), { recursive: true, force: true });
      resolve(killed);
    });
  });
}

describe('chaos: the clone engine converges', () => {
  it(
    'killed at a random point, then `clone` again (not resume): nothing doubled, nothing orphaned',
    async () => {
      let kills = 0;
      await eachSeed('kill, then clone again', async (seed, probe) => {
        const run = await newRun(seed);
        probe.onTimeout(() => describeJobs(run.core));
        try {
          const { world } = run;
          // Records a whole job writes: files and assistants three each, stores four, begin and end.
          const total = 3 * world.files + 4 * world.stores + 3 * world.assistants + 2;
          const target = 1 + Math.floor(prng(seed ^ 0x5bd1e995)() * (total - 2));
          probe.step(`clone in a worker, killed at journal record ${target}`);
          if (await cloneAndKill(run, target)) kills += 1;
          probe.step('clone again');
          const { job } = await cloneOnce(run);
          expect(
            job.state,
            `${job.detail} ${job.items
              .filter((i) => i.error)
              .map((i) => `${i.label}: ${i.error}`)
              .join('; ')}`,
          ).toBe('done');
          expectConverged(
            sandbox,
            run.home,
            run.connections,
            world,
            job.verify,
            `killed at record ${target} of ~${total}`,
          );
          probe.step('cleanup');
          await expectCleanupRemovesAll(run.core, sandbox, 'after kill and clone');
        } finally {
          await run.dispose();
        }
      });
      if (!process.env['FERRY_CHAOS_SEED'])
        expect(kills, 'runs actually killed mid-job').toBeGreaterThanOrEqual(RUNS * 0.75);
    },
    caseTimeout(RUNS),
  );

  it(
    'lost answers (writes applied, answers dropped) with repeated names and sizes: each source file gets its own copy',
    async () => {
      await eachSeed('lost answers', async (seed, probe) => {
        const run = await newRun(seed);
        probe.onTimeout(() => describeJobs(run.core));
        try {
          const { job } = await cloneOnce(run, () =>
            sandbox.control.setFaults({ lostResponseRate: 0.2, errorRate: 0.05 }, DESTINATION),
          );
          sandbox.control.clearFaults();
          expect(
            job.state,
            job.items
              .filter((i) => i.error)
              .map((i) => `${i.label}: ${i.error}`)
              .join('; '),
          ).toBe('done');
          expectConverged(sandbox, run.home, run.connections, run.world, job.verify, 'lost answers');
          await expectCleanupRemovesAll(run.core, sandbox, 'after lost answers');
        } finally {
          await run.dispose();
        }
      });
    },
    caseTimeout(RUNS),
  );

  it(
    'resume after a cleanup, or after objects were deleted by hand, makes them again',
    async () => {
      await eachSeed('resume after cleanup or deletes', async (seed, probe) => {
        const run = await newRun(seed);
        probe.onTimeout(() => describeJobs(run.core));
        try {
          const { job } = await cloneOnce(run);
          expect(job.verify?.clean).toBe(true);
          const random = prng(seed ^ 0x27d4eb2f);
          const byHand = random() < 0.5;
          if (byHand) {
            const destination = await run.core.gateways.get(DESTINATION);
            const objects = sandbox.control.objects(DESTINATION);
            // A store's files are left to it: deleting a file in use is a different accident.
            for (const a of objects.assistants)
              if (random() < 0.5) await destination.assistants.delete(a['id'] as string);
            for (const s of objects.vectorStores)
              if (random() < 0.5) await destination.vectorStores.delete(s['id'] as string);
          } else {
            await run.core.call('jobs.cleanup', { id: job.id });
          }
          const resumed = await run.core.jobs.wait((await run.core.call('jobs.resume', { id: job.id })).id);
          expect(resumed.state).toBe('done');
          expectConverged(
            sandbox,
            run.home,
            run.connections,
            run.world,
            resumed.verify,
            byHand ? 'resume after deleting by hand' : 'resume after cleanup',
          );
          await expectCleanupRemovesAll(run.core, sandbox, 'after resume');
        } finally {
          await run.dispose();
        }
      });
    },
    caseTimeout(RUNS),
  );

  it(
    'a second clone of an unchanged source creates nothing',
    async () => {
      await eachSeed('second clone', async (seed, probe) => {
        const run = await newRun(seed);
        probe.onTimeout(() => describeJobs(run.core));
        try {
          await cloneOnce(run);
          const before = sandbox.control.objects(DESTINATION);
          const { plan, job } = await cloneOnce(run);
          expect([plan.totals.files.create, plan.totals.vectorStores.create, plan.totals.assistants.create]).toEqual([
            0, 0, 0,
          ]);
          const after = sandbox.control.objects(DESTINATION);
          expect(after.files.map((f) => f['id']).sort()).toEqual(before.files.map((f) => f['id']).sort());
          expect(after.vectorStores.map((s) => s['id']).sort()).toEqual(before.vectorStores.map((s) => s['id']).sort());
          expect(after.assistants.map((a) => a['id']).sort()).toEqual(before.assistants.map((a) => a['id']).sort());
          expectConverged(sandbox, run.home, run.connections, run.world, job.verify, 'second clone');
          await expectCleanupRemovesAll(run.core, sandbox, 'after two clones');
        } finally {
          await run.dispose();
        }
      });
    },
    caseTimeout(RUNS),
  );
});
