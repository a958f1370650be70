import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FOLDER_SCAN_LIMITS, LocalFolder } from '../../../../electron/core/clone/local-folder.ts';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'ferry-scan-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function tree(files: number, perFolder = 10): void {
  for (let i = 0; i < files; i++) {
    const dir = join(root, `d${Math.floor(i / perFolder)}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `f${i}.txt`), 'x'.repeat(i + 1));
  }
}

describe('LocalFolder.scan', () => {
  it('finds files by name and size anywhere in the tree, first match winning', async () => {
    tree(25);
    writeFileSync(join(root, 'f3.txt'), 'xxxx');
    const folder = await LocalFolder.scan(root);
    expect(folder.find('f3.txt', 4)).toBe(join(root, 'f3.txt'));
    expect(folder.find('f24.txt', 25)).toBe(join(root, 'd2', 'f24.txt'));
    expect(folder.find('f24.txt', 24)).toBeUndefined();
    expect(folder.warnings()).toEqual([]);
  });

  it('stops at the entry limit and says so in the plan', async () => {
    tree(40);
    const folder = await LocalFolder.scan(root, { limits: { maxEntries: 12 } });
    expect(folder.stoppedBy).toBe('entries');
    expect(folder.warnings({ maxEntries: 12 })).toEqual([
      `The search of ${root} for original files stopped after 12 entries: files further in were not looked at. Point at the folder that holds the originals.`,
    ]);
  });

  it('stops at the time limit, on the clock it is given', async () => {
    tree(30);
    let clock = 0;
    const folder = await LocalFolder.scan(root, { limits: { maxMs: 5_000 }, now: () => (clock += 1_000) });
    expect(folder.stoppedBy).toBe('time');
    expect(folder.warnings({ maxMs: 5_000 })[0]).toMatch(/stopped after 5 seconds \(\d+ entries looked at\)/);
  });

  it('does not follow links out of the chosen folder', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'ferry-outside-'));
    try {
      writeFileSync(join(outside, 'secret.txt'), 'secret');
      symlinkSync(join(outside, 'secret.txt'), join(root, 'secret.txt'));
      symlinkSync(outside, join(root, 'elsewhere'));
      const folder = await LocalFolder.scan(root);
      expect(folder.find('secret.txt', 6)).toBeUndefined();
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('refuses a missing folder or a file, naming the field', async () => {
    await expect(LocalFolder.scan(join(root, 'nope'))).rejects.toMatchObject({ code: 'bad_input', field: 'filesDir' });
    writeFileSync(join(root, 'a-file'), 'x');
    await expect(LocalFolder.scan(join(root, 'a-file'))).rejects.toMatchObject({
      code: 'bad_input',
      field: 'filesDir',
      message: expect.stringContaining('is a file, not a folder'),
    });
  });

  it('can be cancelled', async () => {
    tree(20);
    await expect(LocalFolder.scan(root, { signal: AbortSignal.abort() })).rejects.toThrow();
  });

  it('keeps its limits in one place, sized for a real folder of originals', () => {
    expect(FOLDER_SCAN_LIMITS.maxEntries).toBeGreaterThanOrEqual(10_000);
    expect(FOLDER_SCAN_LIMITS.maxMs).toBeLessThanOrEqual(30_000);
  });
});
