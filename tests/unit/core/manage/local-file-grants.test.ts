import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalFileGrants } from '../../../../electron/core/manage/local-file-grants.ts';

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
