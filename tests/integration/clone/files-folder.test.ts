import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCliWorld, type CliWorld } from '../../support/cli-world.ts';
import { runFerry } from '../../support/run-ferry.ts';
import { startSandboxWorld, type SandboxWorld } from '../../support/sandbox-core.ts';

const PROD = 'Acme Production';
const STAGING = 'Acme Staging';
const LONG_AGO = new Date('2020-01-01T00:00:00Z');

let world: SandboxWorld | CliWorld | undefined;
const scratch: string[] = [];
afterEach(async () => {
  await world?.stop();
  world = undefined;
  const dirs = scratch.splice(0);
  for (const dir of dirs) chmodSync(dir, 0o700);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-originals-'));
  scratch.push(dir);
  return dir;
}

/** The Data Analyst's two undownloadable files, written into `dir` as originals (same names and sizes). */
function analystFiles(w: SandboxWorld | CliWorld): { id: string; files: Array<{ filename: string; bytes: number }> } {
  const source = w.sandbox.control.objects(PROD);
  const analyst = source.assistants.find((a) => a['name'] === 'Data Analyst')!;
  const files = source.files
    .filter((f) => ['sales-q3-2026.csv', 'churn-cohorts.json'].includes(f['filename'] as string))
    .map((f) => ({ filename: f['filename'] as string, bytes: f['bytes'] as number }));
  return { id: analyst['id'] as string, files };
}

describe('the desktop window plans only with a folder the OS dialog granted', () => {
  it('refuses a folder path from the page before reading anything, and takes the granted folder', async () => {
    const w = await startSandboxWorld({ seed: 'demo', core: { shell: 'electron' } });
    world = w;
    const dir = folder();
    const { id, files } = analystFiles(w);
    for (const f of files) writeFileSync(join(dir, f.filename), 'x'.repeat(f.bytes));
    w.sandbox.control.clearRequestCounts();
    for (const filesDir of [dir, '/etc']) {
      await expect(
        w.core.call('clone.plan', { from: PROD, to: STAGING, assistants: [id], filesDir }),
      ).rejects.toMatchObject({
        code: 'bad_input',
        field: 'filesDir',
        message: expect.stringContaining('chosen with "Choose folder…"'),
      });
    }
    expect(w.sandbox.control.requestCounts()).toEqual({});
    await expect(
      w.core.call('clone.plan', { from: PROD, to: STAGING, assistants: [id], folderGrantId: 'guessed' }),
    ).rejects.toMatchObject({ code: 'not_found', field: 'folderGrantId' });

    const grant = await w.core.desktop.grantFolder(dir);
    if (!grant.ok) throw new Error(grant.error.message);
    const plan = await w.core.call('clone.plan', {
      from: PROD,
      to: STAGING,
      assistants: [id],
      folderGrantId: grant.result.grantId,
    });
    expect(
      plan.files
        .filter((f) => f.byteSource === 'local')
        .map((f) => f.localPath)
        .sort(),
    ).toEqual(files.map((f) => join(dir, f.filename)).sort());
  });
});

describe('browser mode: a typed folder, but only matching files are ever opened', () => {
  it('lists each matched file with its path, and never opens a same-size file of another name', async () => {
    const w = await startSandboxWorld({ seed: 'demo', core: { shell: 'web' } });
    world = w;
    const dir = folder();
    const { id, files } = analystFiles(w);
    mkdirSync(join(dir, 'nested'));
    for (const f of files) writeFileSync(join(dir, 'nested', f.filename), 'x'.repeat(f.bytes));
    const decoys = files.map((f) => join(dir, `not-${f.filename}`));
    files.forEach((f, i) => writeFileSync(decoys[i]!, 's'.repeat(f.bytes)));
    // The witness: on this relatime file system, reading a file whose atime is older than a day moves it.
    const all = [...decoys, ...files.map((f) => join(dir, 'nested', f.filename))];
    for (const path of all) utimesSync(path, LONG_AGO, new Date());

    const plan = await w.core.call('clone.plan', { from: PROD, to: STAGING, assistants: [id], filesDir: dir });
    expect(
      plan.files
        .filter((f) => f.byteSource === 'local')
        .map((f) => [f.filename, f.byteSource, f.localPath])
        .sort(),
    ).toEqual(files.map((f) => [f.filename, 'local', join(dir, 'nested', f.filename)]).sort());
    // Planning only looked at names and sizes.
    for (const path of all) expect(statSync(path).atime).toEqual(LONG_AGO);

    const job = await w.core.jobs.wait((await w.core.call('clone.apply', { planId: plan.id })).id);
    expect(job.items.find((i) => i.label === 'Data Analyst')?.state).toBe('done');
    for (const decoy of decoys) expect(statSync(decoy).atime, decoy).toEqual(LONG_AGO);
    // The witness works: the files that were uploaded were read.
    for (const f of files) expect(statSync(join(dir, 'nested', f.filename)).atime).not.toEqual(LONG_AGO);
  });
});

/** When the tests run as root, permissions bind `ferry` only without the DAC override capabilities. */
const boundByPermissions = process.getuid?.() === 0 ? ['setpriv', '--bounding-set=-dac_override,-dac_read_search'] : [];

describe('a folder with an unreadable subfolder', () => {
  it('plans anyway, with the subfolder named as skipped', async () => {
    const w = await startCliWorld({});
    world = w;
    const dir = folder();
    const { id, files } = analystFiles(w);
    writeFileSync(join(dir, files[0]!.filename), 'x'.repeat(files[0]!.bytes));
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    writeFileSync(join(locked, files[1]!.filename), 'x'.repeat(files[1]!.bytes));
    chmodSync(locked, 0o000);
    scratch.push(locked);
    const run = await runFerry(
      ['plan', '--from', PROD, '--to', STAGING, '--assistant', id, '--files-dir', dir, '--json'],
      { env: w.env, prefix: boundByPermissions },
    );
    expect(run.code, run.stderr).toBe(0);
    const plan = JSON.parse(run.stdout) as {
      files: Array<{ filename: string; byteSource: string }>;
      warnings: string[];
    };
    expect(plan.files.find((f) => f.filename === files[0]!.filename)?.byteSource).toBe('local');
    expect(plan.files.find((f) => f.filename === files[1]!.filename)?.byteSource).not.toBe('local');
    expect(plan.warnings).toContain(
      `One entry in ${dir} could not be read and was skipped: ${locked} (permission denied).`,
    );
  });
});
