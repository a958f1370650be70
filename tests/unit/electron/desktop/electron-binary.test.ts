import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../../../electron/desktop/electron-binary.ts';

const dirs: string[] = [];
function appDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-electron-bin-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'node_modules', 'electron'), { recursive: true });
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('findElectronBinary (never downloads, unlike require("electron"))', () => {
  it('answers null when the package was installed without its binary', () => {
    expect(findElectronBinary(appDir(), {}, 'linux')).toBeNull();
  });

  it('answers null when path.txt names a binary that is not there', () => {
    const dir = appDir();
    writeFileSync(join(dir, 'node_modules', 'electron', 'path.txt'), 'electron');
    expect(findElectronBinary(dir, {}, 'linux')).toBeNull();
  });

  it('finds the binary path.txt names under dist/', () => {
    const dir = appDir();
    writeFileSync(join(dir, 'node_modules', 'electron', 'path.txt'), 'electron');
    mkdirSync(join(dir, 'node_modules', 'electron', 'dist'));
    writeFileSync(join(dir, 'node_modules', 'electron', 'dist', 'electron'), '');
    expect(findElectronBinary(dir, {}, 'linux')).toBe(join(dir, 'node_modules', 'electron', 'dist', 'electron'));
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH, even without path.txt', () => {
    const dir = appDir();
    const dist = join(dir, 'custom-dist');
    mkdirSync(dist);
    writeFileSync(join(dist, 'electron.exe'), '');
    expect(findElectronBinary(dir, { ELECTRON_OVERRIDE_DIST_PATH: dist }, 'win32')).toBe(join(dist, 'electron.exe'));
    expect(findElectronBinary(dir, { ELECTRON_OVERRIDE_DIST_PATH: dist }, 'linux')).toBeNull();
  });
});
