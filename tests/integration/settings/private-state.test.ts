import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runFerry } from '../../support/run-ferry.ts';
import { startSandboxWorld, type SandboxWorld } from '../../support/sandbox-core.ts';

const scratch: string[] = [];
afterEach(() => {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Every entry under `root` (itself included) with its permission bits, as "path 0600". */
function modes(root: string): string[] {
  const out = [`. ${mode(root)}`];
  for (const name of readdirSync(root, { recursive: true, encoding: 'utf8' }))
    out.push(`${name} ${mode(join(root, name))}`);
  return out.sort();
}
const mode = (path: string) => `0${(statSync(path).mode & 0o777).toString(8)}`;
const loose = (root: string) =>
  modes(root).filter((line) =>
    line.endsWith(' 0600')
      ? false
      : !(line.endsWith(' 0700') && statSync(join(root, line.split(' ')[0]!)).isDirectory()),
  );

/** HOME is a scratch folder and nothing else names a state folder: Ferry picks ~/.config/Ferry itself. */
function homeOnly(): { env: NodeJS.ProcessEnv; stateDir: string } {
  const home = mkdtempSync(join(tmpdir(), 'ferry-home-'));
  scratch.push(home);
  return {
    env: { HOME: home, FERRY_HOME: undefined, XDG_CONFIG_HOME: undefined, FERRY_NO_KEYCHAIN: '1' },
    stateDir: join(home, '.config', 'Ferry'),
  };
}

describe('the state folder is private', () => {
  it('ferry connections add with only HOME set: the folder is 0700 and every file in it 0600', async () => {
    const { env, stateDir } = homeOnly();
    const run = await runFerry(['connections', 'add', '--name', 'Acme', '--key-env', 'ACME_KEY'], { env });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(/made its state folder/);
    const listing = modes(stateDir);
    expect(listing).toContain('settings.json 0600');
    expect(listing).toContain('logs/ferry.log 0600');
    expect(mode(stateDir)).toBe('0700');
    expect(loose(stateDir)).toEqual([]);
  });

  it('tightens what an older Ferry left readable, says so in one line, and only once', async () => {
    const { env, stateDir } = homeOnly();
    mkdirSync(join(stateDir, 'logs'), { recursive: true, mode: 0o755 });
    chmodSync(stateDir, 0o755);
    writeFileSync(join(stateDir, 'settings.json'), '{}', { mode: 0o644 });
    writeFileSync(join(stateDir, 'logs', 'ferry.log'), '', { mode: 0o664 });
    const first = await runFerry(['connections', 'list'], { env });
    expect(first.code, first.stderr).toBe(0);
    const notices = first.stderr.split('\n').filter((line) => line.includes('made its state folder'));
    expect(notices).toEqual([
      `Ferry made its state folder ${stateDir} private: 3 item(s) other local users could read are now readable by you only (folders 0700, files 0600).`,
    ]);
    expect(loose(stateDir)).toEqual([]);
    const second = await runFerry(['connections', 'list'], { env });
    expect(second.stderr).not.toMatch(/made its state folder/);
  });
});

describe('files a clone writes into the state folder', () => {
  let world: SandboxWorld | undefined;
  afterEach(async () => {
    await world?.stop();
    world = undefined;
  });

  it('jobs, id map, cache and spool are all 0600 (originals copied in from a 0644 folder too)', async () => {
    world = await startSandboxWorld({ seed: 'demo' });
    const source = world.sandbox.control.objects('Acme Production');
    const originals = mkdtempSync(join(tmpdir(), 'ferry-originals-'));
    scratch.push(originals);
    for (const file of source.files)
      writeFileSync(join(originals, file['filename'] as string), 'x'.repeat(file['bytes'] as number), { mode: 0o644 });
    const plan = await world.core.call('clone.plan', {
      from: 'Acme Production',
      to: 'Acme Staging',
      all: true,
      filesDir: originals,
    });
    expect(plan.files.some((f) => f.byteSource === 'local')).toBe(true);
    const job = await world.core.jobs.wait((await world.core.call('clone.apply', { planId: plan.id })).id);
    expect(job.state).not.toBe('failed');
    const listing = modes(world.home);
    expect(listing.some((line) => line.startsWith('cache/files/'))).toBe(true);
    expect(listing.some((line) => line.startsWith('jobs/'))).toBe(true);
    expect(
      listing.filter((line) => statSync(join(world!.home, line.split(' ')[0]!)).isFile() && !line.endsWith(' 0600')),
    ).toEqual([]);
  });
});
