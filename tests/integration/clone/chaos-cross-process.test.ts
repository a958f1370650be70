import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/core.ts';
import { DestinationLocks } from '../../../electron/core/jobs/destination-lock.ts';
import { readJournal } from '../../../electron/core/storage/journal.ts';
import {
  CHAOS_RUNS,
  caseTimeout,
  chaosRuns,
  chaosSeed,
  describeJobs,
  expectCleanupRemovesAll,
  expectExactClone,
  misclaims,
  PROD,
  RUN_TIMEOUT_MS,
  STAGING,
} from '../../support/chaos.ts';
import { startCliWorld } from '../../support/cli-world.ts';
import { FERRY_BIN, type FerryRun } from '../../support/run-ferry.ts';

// Each run starts three `ferry` processes (15-25 s a run on a loaded 2-core box), so this case runs 3 times
// by default; FERRY_CHAOS_RUNS=20 (or FERRY_CHAOS_CROSS_RUNS=20, this case alone) runs it 20 times.
const RUNS = Number(process.env['FERRY_CHAOS_CROSS_RUNS'] ?? (process.env['FERRY_CHAOS_RUNS'] ? CHAOS_RUNS : 3));
/** Three processes a run: a run gets longer than a storage case's before it counts as hung. */
const CROSS_RUN_MS = 2 * RUN_TIMEOUT_MS + 30_000;

const jobIn = (home: string) =>
  existsSync(join(home, 'jobs')) ? readdirSync(join(home, 'jobs')).find((d) => d.startsWith('job-')) : undefined;
const journalRecords = (home: string) => {
  const job = jobIn(home);
  try {
    return job
      ? readFileSync(join(home, 'jobs', job, 'journal.jsonl'), 'utf8')
          .split('\n')
          .filter(Boolean).length
      : 0;
  } catch {
    return 0;
  }
};

interface Spawned {
  done: Promise<FerryRun & { killed: boolean }>;
  /** What it has written to stderr so far. */
  stderr(): string;
}

/** Runs `ferry …`; `killWhen` is polled every 5 ms and SIGKILLs the process when it turns true. */
function ferry(args: string[], env: NodeJS.ProcessEnv, killWhen?: () => boolean): Spawned {
  let stdout = '';
  let stderr = '';
  const done = new Promise<FerryRun & { killed: boolean }>((resolve, reject) => {
    const child = spawn(process.execPath, [FERRY_BIN, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const watch = killWhen ? setInterval(() => killWhen() && child.kill('SIGKILL'), 5) : undefined;
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearInterval(watch);
      clearTimeout(timer);
      resolve({ code, stdout, stderr, killed: signal === 'SIGKILL' });
    });
  });
  return { done, stderr: () => stderr };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > 60_000) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const HOLDER = 'job-chaos-holder';

describe('chaos: across processes (spawned CLI)', () => {
  it(
    `kill -9 mid-clone with a torn journal tail, then two \`ferry resume\` at once: both wait, saying for whom, and run one after the other (${RUNS} runs)`,
    async () => {
      await chaosRuns(
        'kill -9, torn tail, two resumes across processes',
        RUNS,
        async (seed, random, probe) => {
          probe.step('starting the sandbox');
          const world = await startCliWorld({ seed: chaosSeed(random), ingestionMs: 20, latencyMs: 2 });
          for (const [name, value] of Object.entries(world.env)) process.env[name] = value;
          const core = await createCore({ stateDir: world.home, shell: 'cli', keychain: null, logger: { log() {} } });
          probe.onTimeout(() => describeJobs(core));
          try {
            const killAt = 2 + Math.floor(random() * 8);
            probe.step(`ferry clone, killed at journal record ${killAt}`);
            const first = await ferry(
              ['clone', '--from', PROD, '--to', STAGING, '--all', '--yes', '--json'],
              world.env,
              () => journalRecords(world.home) >= killAt,
            ).done;
            const job = jobIn(world.home) as string;
            expect(job, first.stderr).toBeDefined();
            if (!first.killed) expect(first.code, first.stderr).toBe(0);
            // Killed in the middle of writing a record: half of one is left at the end.
            appendFileSync(join(world.home, 'jobs', job, 'journal.jsonl'), '{"t":"created","key":"file:file-');
            // This test process holds the destination's lock (as another Ferry would) while both resumes start,
            // so both must queue; released, they take it one after the other.
            const staging = (await core.call('connections.list', {})).find((c) => c.name === STAGING);
            const held = new DestinationLocks({ dir: join(world.home, 'locks') }).tryAcquire(staging?.id as string, {
              jobId: HOLDER,
              destination: STAGING,
            });
            if (!('release' in held)) throw new Error('the destination lock should be free after the kill');
            probe.step('two ferry resume, waiting for the lock');
            const a = ferry(['resume', job, '--json'], world.env);
            const b = ferry(['resume', job], world.env);
            probe.onTimeout(() => `resume a said: ${a.stderr()}\nresume b said: ${b.stderr()}`);
            const waiting = `Waiting for job ${HOLDER}, which is writing to ${STAGING}`;
            await until(
              () => a.stderr().includes(waiting) && b.stderr().includes(waiting),
              'both resumes to say they wait',
            );
            held.release();
            probe.step('two ferry resume, one after the other');
            const [endA, endB] = await Promise.all([a.done, b.done]);
            expect(endA.code, endA.stderr).toBe(0);
            expect(endB.code, endB.stderr).toBe(0);
            // One after the other, never alongside: the journal's last two runs do not interleave.
            const kinds = readJournal(join(world.home, 'jobs', job, 'journal.jsonl')).records.map((r) => r.t);
            const lastBegin = kinds.lastIndexOf('begin');
            const previousBegin = kinds.lastIndexOf('begin', lastBegin - 1);
            expect(kinds.slice(previousBegin, lastBegin)).toContain('end');
            expect(JSON.parse(endA.stdout)).toMatchObject({ state: 'done', verify: { clean: true } });
            // The torn tail was repaired, and the job says so, naming its journal.
            expect(core.jobs.get(job).problems?.map((p) => p.path)).toContain(
              join(world.home, 'jobs', job, 'journal.jsonl'),
            );
            expect(misclaims(world.home, job), 'destination ids given to two source objects').toEqual([]);
            probe.step('verify');
            await expectExactClone(core, world.sandbox, job);
            probe.step('cleanup');
            await expectCleanupRemovesAll(core, world.sandbox, [job]);
          } finally {
            await core.dispose();
            await world.stop();
          }
        },
        { timeoutMs: CROSS_RUN_MS },
      );
    },
    caseTimeout(RUNS, CROSS_RUN_MS),
  );
});
