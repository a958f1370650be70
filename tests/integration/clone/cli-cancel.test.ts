import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCliWorld, type CliWorld } from '../../support/cli-world.ts';
import { FERRY_BIN } from '../../support/run-ferry.ts';
import { runFerryHere } from '../../support/run-ferry-here.ts';

let world: CliWorld;
beforeAll(async () => {
  world = await startCliWorld({ latencyMs: 30, ingestionMs: 400 });
});
afterAll(() => world.stop());

/** How many creates the job's journal has recorded so far. */
const createdRecords = (home: string): number => {
  const jobs = existsSync(join(home, 'jobs')) ? readdirSync(join(home, 'jobs')) : [];
  const job = jobs.find((j) => j.startsWith('job-'));
  if (!job) return 0;
  try {
    return readFileSync(join(home, 'jobs', job, 'journal.jsonl'), 'utf8')
      .split('\n')
      .filter((line) => line.includes('"t":"created"')).length;
  } catch {
    return 0;
  }
};

describe('ferry clone, interrupted with Ctrl+C', () => {
  it('cancels cleanly, lists what it created, and ferry cleanup removes exactly that', async () => {
    const before = world.sandbox.control.objects('Acme Staging');
    const child = spawn(
      process.execPath,
      [FERRY_BIN, 'clone', '--from', 'Acme Production', '--to', 'Acme Staging', '--all', '--yes'],
      {
        env: { ...process.env, ...world.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    const watch = setInterval(() => {
      // Some objects made, most not: the middle of the job.
      if (createdRecords(world.home) >= 3) {
        clearInterval(watch);
        child.kill('SIGINT');
      }
    }, 5);
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    clearInterval(watch);

    expect(code).toBe(1);
    expect(stdout).toMatch(/cancelled/);
    expect(stdout).toMatch(/Created before it stopped \(`ferry cleanup (job-[\w-]+)` removes exactly these\)/);
    const job = /ferry cleanup (job-[\w-]+)`/.exec(stdout)![1]!;

    // Ctrl+C needs the process; what is left of the job is read and cleaned up by ferry run here.
    const jobs = await runFerryHere(['jobs', job, '--json'], { env: world.env });
    expect(JSON.parse(jobs.stdout)).toMatchObject({ state: 'cancelled' });

    const cleanup = await runFerryHere(['cleanup', job, '--json'], { env: world.env });
    expect(cleanup.code, cleanup.stderr).toBe(0);
    expect(JSON.parse(cleanup.stdout).deleted.length).toBeGreaterThan(0);
    const after = world.sandbox.control.objects('Acme Staging');
    expect(after.assistants).toEqual(before.assistants);
    expect(after.vectorStores).toEqual(before.vectorStores);
    expect(after.files).toEqual(before.files);
  }, 60_000);
});
