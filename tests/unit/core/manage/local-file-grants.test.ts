import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalFileGrants, plannedFolder } from '../../../../electron/core/manage/local-file-grants.ts';

const dir = mkdtempSync(join(tmpdir(), 'ferry-grants-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = join(dir, 'notes.md');
writeFileSync(file, 'notes');

describe('LocalFileGrants', () => {
  it('grants a file once: the second take is refused', async () => {
    const grants = new LocalFileGrants();
    const { grantId } = await grants.grant(file);
    expect(grants.take(grantId)).toBe(file);
    expect(() => grants.take(grantId)).toThrow(/pick it again/);
  });

  it('lets a grant lapse after 30 minutes', async () => {
    let now = 1_000_000;
    const grants = new LocalFileGrants(() => now);
    const { grantId } = await grants.grant(file);
    now += 30 * 60 * 1000 + 1;
    expect(() => grants.take(grantId)).toThrow(/30 minutes/);
  });

  it('never hands out a path for an id it did not make', () => {
    expect(() => new LocalFileGrants().take('AAAAAAAAAAAAAAAAAAAAAA')).toThrow(/no longer available/);
  });
});

describe('folder grants for the clone plan', () => {
  it('grants a folder for re-plans, until it lapses after 30 minutes', async () => {
    let now = 1_000_000;
    const grants = new LocalFileGrants(() => now);
    const { grantId, path } = await grants.grantFolder(dir);
    expect(path).toBe(dir);
    expect(grants.folder(grantId)).toBe(dir);
    expect(grants.folder(grantId)).toBe(dir);
    now += 30 * 60 * 1000 + 1;
    expect(() => grants.folder(grantId)).toThrow(/choose it again/);
  });

  it('refuses a file, a relative path or a missing folder', async () => {
    const grants = new LocalFileGrants();
    await expect(grants.grantFolder(file)).rejects.toMatchObject({ code: 'bad_input', field: 'folder' });
    await expect(grants.grantFolder('originals')).rejects.toMatchObject({ code: 'bad_input' });
    await expect(grants.grantFolder(join(dir, 'gone'))).rejects.toMatchObject({ code: 'not_found' });
  });

  it('in the desktop shell a plan takes only a granted folder; elsewhere a typed path stands', async () => {
    const grants = new LocalFileGrants();
    const { grantId } = await grants.grantFolder(dir);
    expect(plannedFolder({ from: 'a', folderGrantId: grantId }, 'electron', grants)).toEqual({
      from: 'a',
      filesDir: dir,
    });
    expect(() => plannedFolder({ from: 'a', filesDir: '/etc' }, 'electron', grants)).toThrow(
      /chosen with "Choose folder…"/,
    );
    expect(plannedFolder({ from: 'a', filesDir: '/srv/originals' }, 'web', grants)).toEqual({
      from: 'a',
      filesDir: '/srv/originals',
    });
    expect(plannedFolder({ from: 'a', filesDir: '/srv/originals' }, 'cli', grants)).toEqual({
      from: 'a',
      filesDir: '/srv/originals',
    });
    expect(() => plannedFolder({ from: 'a', folderGrantId: 'forged' }, 'web', grants)).toThrow(/no longer available/);
  });
});
