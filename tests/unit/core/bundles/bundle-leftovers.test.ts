import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dropPartial, partialDir, sweepLeftovers } from '../../../../electron/core/bundles/bundle-leftovers.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function bundleDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-leftovers-'));
  dirs.push(dir);
  return dir;
}

function put(root: string, path: string): string {
  const full = join(root, path);
  mkdirSync(join(full, '..'), { recursive: true });
  writeFileSync(full, 'x');
  return full;
}

describe('sweepLeftovers', () => {
  it("removes a dead writer's partial folder and temporary files, and keeps a live one's and the content", () => {
    const root = bundleDir();
    const live = new Set([111]);
    const probe = { alive: (pid: number) => live.has(pid) };
    const deadPartial = put(root, '.ferry-partial/222/abc.file');
    const livePartial = put(root, '.ferry-partial/111/def.file');
    const deadTemp = put(root, 'vector-stores/kb--vs_1/store.json.222.tmp');
    const liveTemp = put(root, 'assistants/a--asst_1.json.111.tmp');
    const content = put(root, 'assistants/a--asst_1.json');
    const notATemp = put(root, 'files/file-1--report.2024.tmp.csv');
    sweepLeftovers(root, probe.alive);
    expect([deadPartial, deadTemp].map(existsSync)).toEqual([false, false]);
    expect([livePartial, liveTemp, content, notATemp].map(existsSync)).toEqual([true, true, true, true]);
    live.clear();
    sweepLeftovers(root, probe.alive);
    expect(existsSync(join(root, '.ferry-partial'))).toBe(false);
    expect(existsSync(liveTemp)).toBe(false);
  });

  it("never removes this process's own, whatever the probe says", () => {
    const root = bundleDir();
    const own = put(root, join('.ferry-partial', String(process.pid), 'part'));
    sweepLeftovers(root, () => false);
    expect(existsSync(own)).toBe(true);
    dropPartial(root, 'part');
    expect(existsSync(own)).toBe(false);
    expect(existsSync(partialDir(root))).toBe(false);
    expect(existsSync(join(root, '.ferry-partial'))).toBe(false);
  });
});
