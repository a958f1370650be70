import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startCliWorld, type CliWorld } from '../../support/cli-world.ts';
import { FERRY_BIN } from '../../support/run-ferry.ts';
import { runFerryHere } from '../../support/run-ferry-here.ts';
import { chaosRuns } from '../../support/chaos.ts';
import { comparableTenant, markerCounts } from '../../support/snapshot.ts';

const PROD = 'Acme Production';
const STAGING = 'Acme Staging';
const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function setup(): Promise<CliWorld> {
  const world = await startCliWorld({ latencyMs: 20, ingestionMs: 300 });
  cleanups.push(() => world.stop());
  return world;
}

/**
 * Runs `ferry …` and SIGKILLs it as soon as the job's journal holds `killAtRecord` records (a point in the
 * job's own progress, so kills land mid-work however fast the machine is); answers whether it was killed.
 */
function runAndKill(args: string[], env: NodeJS.ProcessEnv, home: string, killAtRecord: number): Promise<boolean> {
  return new Promise((resolve) => {
    // At least one record past where the last run stopped, so every kill interrupts new work.
    const target = Math.max(killAtRecord, journalRecords(home) + 1);
    const child = spawn(process.execPath, [FERRY_BIN, ...args], { env: { ...process.env, ...env }, stdio: 'ignore' });
    const watch = setInterval(() => {
      if (journalRecords(home) >= target) child.kill('SIGKILL');
    }, 5);
    child.on('exit', (_code, signal) => {
      clearInterval(watch);
      resolve(signal === 'SIGKILL');
    });
  });
}

function journalRecords(home: string): number {
  const job = jobIn(home);
  if (!job) return 0;
  try {
    return readFileSync(join(home, 'jobs', job, 'journal.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean).length;
  } catch {
    return 0;
  }
}

const jobIn = (home: string) =>
  existsSync(join(home, 'jobs')) ? readdirSync(join(home, 'jobs')).find((d) => d.startsWith('job-')) : undefined;
const cloneArgs = ['clone', '--from', PROD, '--to', STAGING, '--all', '--yes', '--json'];

describe('crash and resume', () => {
  it('SIGKILLed at five random points and resumed, the CLI ends where an uninterrupted clone ends', async () => {
    const baseline = await setup();
    // Only the runs that are killed need a process of their own; the clean clone, the finishing resume and
    // the last clone run `ferry` here, over the same state folder (a process start each saved).
    const clean = await runFerryHere(cloneArgs, { env: baseline.env });
    expect(clean.code, clean.stderr).toBe(0);
    const total = journalRecords(baseline.home);

    // Five points spread at random over the job's progress, in order, each a record count to kill at. Seeded:
    // a failure prints FERRY_CHAOS_SEED, which replays these exact points.
    await chaosRuns(
      'SIGKILLed at five random points',
      1,
      async (_seed, random) => {
        const points = Array.from({ length: 5 }, () => 1 + Math.floor(random() * (total - 2))).sort((a, b) => a - b);
        const crashed = await setup();
        const kills: number[] = [];
        for (const point of points) {
          const job = jobIn(crashed.home);
          const args = job ? ['resume', job, '--json'] : cloneArgs;
          if (await runAndKill(args, crashed.env, crashed.home, point)) kills.push(point);
        }
        expect(kills, `kill points (journal records of ${total}): ${points.join(', ')}`).toHaveLength(5);

        const job = jobIn(crashed.home);
        const finish = job
          ? await runFerryHere(['resume', job, '--json'], { env: crashed.env })
          : await runFerryHere(cloneArgs, { env: crashed.env });
        expect(finish.code, `${finish.stdout}\n${finish.stderr}\nkilled at journal records: ${kills.join(', ')}`).toBe(
          0,
        );
        const summary = JSON.parse(finish.stdout) as { state: string; verify: { clean: boolean } };
        expect(summary.state).toBe('done');
        expect(summary.verify.clean).toBe(true);

        expect(comparableTenant(crashed.sandbox, STAGING)).toEqual(comparableTenant(baseline.sandbox, STAGING));
        expect([...markerCounts(crashed.sandbox, STAGING).values()].every((n) => n === 1)).toBe(true);
        // And running the clone once more creates nothing.
        const objects = crashed.sandbox.control.objects(STAGING);
        const again = await runFerryHere(cloneArgs, { env: crashed.env });
        expect(again.code).toBe(0);
        const after = crashed.sandbox.control.objects(STAGING);
        expect([after.assistants.length, after.vectorStores.length, after.files.length]).toEqual([
          objects.assistants.length,
          objects.vectorStores.length,
          objects.files.length,
        ]);
        // Five ferry processes and two runs here: longer than a chaos run's default before it counts as hung.
      },
      { timeoutMs: 200_000 },
    );
  }, 240_000);
});
