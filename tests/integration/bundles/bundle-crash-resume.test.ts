import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chaosRuns } from '../../support/chaos.ts';
import { startCliWorld, type CliWorld } from '../../support/cli-world.ts';
import { FERRY_BIN, runFerry } from '../../support/run-ferry.ts';
import { changedPaths, cleanScratch, manifestWithoutTimes, PROD, scratchDir, tree } from './bundle-support.ts';

let world: CliWorld;
beforeAll(async () => {
  world = await startCliWorld({ latencyMs: 5, ingestionMs: 50 });
});
afterAll(async () => {
  await world.stop();
  cleanScratch();
});

const jobs = () => (existsSync(join(world.home, 'jobs')) ? readdirSync(join(world.home, 'jobs')) : []);
const records = (job: string | undefined) => {
  if (!job) return 0;
  try {
    return readFileSync(join(world.home, 'jobs', job, 'journal.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean).length;
  } catch {
    return 0;
  }
};
/** The job a run started: the one folder under jobs/ that was not there before it. */
const newJob = (before: string[]) => jobs().find((j) => j.startsWith('job-') && !before.includes(j));
/** Each export starts from no cached bytes, as the first one did, so every export reads the same sources. */
const forgetCache = () => rmSync(join(world.home, 'cache'), { recursive: true, force: true });
const exportArgs = (dir: string) => ['export', '--from', PROD, dir, '--all', '--yes', '--json'];

/** Runs `ferry ARGS` and SIGKILLs it once the job it started has `at` journal records; true if it was killed. */
function runAndKill(
  args: string[],
  at: number,
): Promise<{ killed: boolean; job: string | undefined; pid: number | undefined }> {
  const before = jobs();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [FERRY_BIN, ...args], {
      env: { ...process.env, ...world.env },
      stdio: 'ignore',
    });
    const watch = setInterval(() => {
      if (records(newJob(before)) >= at) child.kill('SIGKILL');
    }, 5);
    child.on('exit', (_code, signal) => {
      clearInterval(watch);
      resolve({ killed: signal === 'SIGKILL', job: newJob(before), pid: child.pid });
    });
  });
}

describe('an export killed mid-way and resumed', () => {
  it('SIGKILLed at a seeded point, `ferry resume` finishes the bundle as an uninterrupted export writes it', async () => {
    const baseline = scratchDir();
    const before = jobs();
    const clean = await runFerry(exportArgs(baseline), { env: world.env, timeoutMs: 120_000 });
    expect(clean.code, clean.stderr).toBe(0);
    const total = records(newJob(before));
    const expected = tree(baseline);

    await chaosRuns(
      'export SIGKILLed at a seeded point',
      2,
      async (_seed, random) => {
        forgetCache();
        const dir = scratchDir();
        const point = 1 + Math.floor(random() * (total - 2));
        const { killed, job, pid } = await runAndKill(exportArgs(dir), point);
        expect(killed, `killed at journal record ${point} of ${total}`).toBe(true);
        // What a kill in the middle of a write leaves (a byte file being hashed, an atomic write's temporary
        // file), as the killed process names them: the resume must not keep them.
        mkdirSync(join(dir, '.ferry-partial', String(pid)), { recursive: true });
        writeFileSync(join(dir, '.ferry-partial', String(pid), 'half-written.file'), 'half');
        mkdirSync(join(dir, 'assistants'), { recursive: true });
        writeFileSync(join(dir, 'assistants', `data-analyst--asst_x.json.${pid}.tmp`), '{"id":');
        const resumed = await runFerry(['resume', job!, '--json'], { env: world.env, timeoutMs: 120_000 });
        expect(resumed.code, `${resumed.stdout}\n${resumed.stderr}\nkilled at record ${point}`).toBe(0);
        const summary = JSON.parse(resumed.stdout) as { state: string; verify: { clean: boolean } };
        expect(summary.state).toBe('done');
        expect(summary.verify.clean).toBe(true);
        // The same files, byte for byte, but the manifest (its time); no partial or temporary file left.
        const got = tree(dir);
        expect(changedPaths(got, expected), `killed at record ${point}`).toEqual(['ferry-bundle.json']);
        expect(manifestWithoutTimes(got)).toEqual(manifestWithoutTimes(expected));
        const verified = await runFerry(['verify', job!, '--json'], { env: world.env, timeoutMs: 60_000 });
        expect(verified.code, verified.stdout).toBe(0);
      },
      { timeoutMs: 200_000 },
    );
  }, 480_000);
});
