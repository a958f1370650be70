import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startCliWorld, type CliWorld } from '../../support/cli-world.ts';
import { FERRY_BIN, runFerry } from '../../support/run-ferry.ts';
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

/** Runs `ferry …` and SIGKILLs it after `killAfterMs`; answers whether it was killed before it finished. */
function runAndKill(args: string[], env: NodeJS.ProcessEnv, killAfterMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [FERRY_BIN, ...args], { env: { ...process.env, ...env }, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      resolve(signal === 'SIGKILL');
    });
  });
}

const jobIn = (home: string) => (existsSync(join(home, 'jobs')) ? readdirSync(join(home, 'jobs')).find((d) => d.startsWith('job-')) : undefined);
const cloneArgs = ['clone', '--from', PROD, '--to', STAGING, '--all', '--yes', '--json'];

describe('crash and resume', () => {
  it('SIGKILLed at five random points and resumed, the CLI ends where an uninterrupted clone ends', async () => {
    const baseline = await setup();
    const started = Date.now();
    const clean = await runFerry(cloneArgs, { env: baseline.env, timeoutMs: 120_000 });
    const duration = Date.now() - started;
    expect(clean.code, clean.stderr).toBe(0);

    const crashed = await setup();
    const kills: number[] = [];
    let killed = 0;
    for (let attempt = 0; killed < 5 && attempt < 25; attempt += 1) {
      // Anywhere from start-up to near the end of an uninterrupted run.
      const delay = Math.round(250 + Math.random() * Math.max(500, duration - 250));
      const job = jobIn(crashed.home);
      const args = job ? ['resume', job, '--json'] : cloneArgs;
      if (await runAndKill(args, crashed.env, delay)) {
        killed += 1;
        kills.push(delay);
      }
    }
    expect(killed, `kill points (ms): ${kills.join(', ')}`).toBe(5);

    const job = jobIn(crashed.home);
    const finish = job ? await runFerry(['resume', job, '--json'], { env: crashed.env, timeoutMs: 120_000 }) : await runFerry(cloneArgs, { env: crashed.env, timeoutMs: 120_000 });
    expect(finish.code, `${finish.stdout}\n${finish.stderr}\nkill points (ms): ${kills.join(', ')}`).toBe(0);
    const summary = JSON.parse(finish.stdout) as { state: string; verify: { clean: boolean } };
    expect(summary.state).toBe('done');
    expect(summary.verify.clean).toBe(true);

    expect(comparableTenant(crashed.sandbox, STAGING)).toEqual(comparableTenant(baseline.sandbox, STAGING));
    expect([...markerCounts(crashed.sandbox, STAGING).values()].every((n) => n === 1)).toBe(true);
    // And running the clone once more creates nothing.
    const objects = crashed.sandbox.control.objects(STAGING);
    const again = await runFerry(cloneArgs, { env: crashed.env, timeoutMs: 120_000 });
    expect(again.code).toBe(0);
    const after = crashed.sandbox.control.objects(STAGING);
    expect([after.assistants.length, after.vectorStores.length, after.files.length]).toEqual([objects.assistants.length, objects.vectorStores.length, objects.files.length]);
  }, 240_000);
});
