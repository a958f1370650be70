import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileCache, hashFile } from '../../../../electron/core/clone/file-cache.ts';

const dirs: string[] = [];
const temp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-file-cache-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('FileCache.remember', () => {
  it('copies an original into a private blob, leaving the original and no partial copy behind', async () => {
    const state = temp();
    const originals = temp();
    const original = join(originals, 'a.txt');
    writeFileSync(original, 'the bytes', { mode: 0o644 });
    const cache = new FileCache(state);
    await cache.remember(original, ['file-src', 'file-dst'], { filename: 'a.txt', bytes: 9 }, false);
    const found = cache.lookup('file-dst', 9)!;
    expect(readFileSync(found.path, 'utf8')).toBe('the bytes');
    expect(found.entry.sha256).toBe(await hashFile(original, 9));
    expect(statSync(found.path).mode & 0o777).toBe(0o600);
    expect(readFileSync(original, 'utf8')).toBe('the bytes');
    expect(readdirSync(join(state, 'cache', 'files'))).toEqual([found.entry.sha256]);
  });

  it('keeps one whole blob when files of one content are remembered at once', async () => {
    const state = temp();
    const originals = temp();
    const content = 'x'.repeat(200_000);
    const paths = Array.from({ length: 8 }, (_, i) => join(originals, `copy-${i}.txt`));
    for (const path of paths) writeFileSync(path, content);
    const cache = new FileCache(state);
    await Promise.all(
      paths.map((path, i) =>
        cache.remember(path, [`file-${i}`], { filename: `copy-${i}.txt`, bytes: content.length }, false),
      ),
    );
    const blobs = readdirSync(join(state, 'cache', 'files'));
    expect(blobs).toHaveLength(1);
    for (let i = 0; i < paths.length; i += 1)
      expect(readFileSync(cache.lookup(`file-${i}`)!.path, 'utf8')).toBe(content);
  });
});
