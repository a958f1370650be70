import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileCache, hashFile, PACK_MAX_FILE_BYTES } from '../../../../electron/core/clone/file-cache.ts';

const dirs: string[] = [];
const temp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-file-cache-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const cacheFiles = (state: string) => readdirSync(join(state, 'cache', 'files')).sort();

describe('FileCache.remember', () => {
  it('appends a small original to a private pack, leaving the original, and gives its bytes back', async () => {
    const state = temp();
    const originals = temp();
    const original = join(originals, 'a.txt');
    writeFileSync(original, 'the bytes', { mode: 0o644 });
    const cache = new FileCache(state);
    await cache.remember(original, ['file-src', 'file-dst'], { filename: 'a.txt', bytes: 9 }, false);
    await cache.flush();
    const [pack] = cacheFiles(state);
    expect(pack).toMatch(/^pack-/);
    expect(statSync(join(state, 'cache', 'files', pack!)).mode & 0o777).toBe(0o600);
    expect(readFileSync(original, 'utf8')).toBe('the bytes');

    // Read back by another process's cache (the index is on disk), into a spool file of the caller's.
    const later = new FileCache(state);
    const spool = join(temp(), 'spool');
    const found = (await later.open('file-dst', 9, spool))!;
    expect(found).toMatchObject({ path: spool, temporary: true });
    expect(readFileSync(spool, 'utf8')).toBe('the bytes');
    expect(found.entry.sha256).toBe(await hashFile(original, 9));
    expect(statSync(spool).mode & 0o777).toBe(0o600);
  });

  it('keeps the bytes a caller hands over (those it sent), not what the original holds by then', async () => {
    const state = temp();
    const original = join(temp(), 'a.txt');
    const sent = Buffer.from('the bytes sent');
    // The original changed after the upload read it: the cache keeps what was sent, under its hash.
    writeFileSync(original, 'other content!');
    const cache = new FileCache(state);
    const sha256 = createHash('sha256').update(sent).digest('hex');
    await cache.remember(original, ['file-dst'], { filename: 'a.txt', bytes: sent.length, sha256, data: sent }, false);
    await cache.flush();
    const spool = join(temp(), 'spool');
    const found = (await new FileCache(state).open('file-dst', sent.length, spool))!;
    expect(readFileSync(spool)).toEqual(sent);
    expect(found.entry.sha256).toBe(sha256);
    expect(readFileSync(original, 'utf8')).toBe('other content!');
  });

  it('keeps a large original as a private blob of its own, named by its SHA-256', async () => {
    const state = temp();
    const original = join(temp(), 'big.bin');
    const bytes = PACK_MAX_FILE_BYTES + 1;
    writeFileSync(original, Buffer.alloc(bytes, 7), { mode: 0o644 });
    const cache = new FileCache(state);
    await cache.remember(original, ['file-big'], { filename: 'big.bin', bytes }, false);
    await cache.flush();
    const found = (await cache.open('file-big', bytes, join(temp(), 'unused')))!;
    expect(found.temporary).toBe(false);
    expect(cacheFiles(state)).toEqual([found.entry.sha256]);
    expect(statSync(found.path).mode & 0o777).toBe(0o600);
  });

  it('keeps one copy when files of one content are remembered at once, small or large', async () => {
    for (const size of [200_000, PACK_MAX_FILE_BYTES + 10]) {
      const state = temp();
      const originals = temp();
      const content = 'x'.repeat(size);
      const paths = Array.from({ length: 8 }, (_, i) => join(originals, `copy-${i}.txt`));
      for (const path of paths) writeFileSync(path, content);
      const cache = new FileCache(state);
      await Promise.all(
        paths.map((path, i) => cache.remember(path, [`file-${i}`], { filename: `copy-${i}.txt`, bytes: size }, false)),
      );
      await cache.flush();
      const kept = cacheFiles(state);
      expect(kept).toHaveLength(1);
      // A file of its own (large) or a pack (small) holding the content once, even if copies raced.
      if (size <= PACK_MAX_FILE_BYTES)
        expect(statSync(join(state, 'cache', 'files', kept[0]!)).size).toBeLessThan(2 * size);
      for (let i = 0; i < paths.length; i += 1) {
        const spool = join(temp(), `spool-${i}`);
        const found = (await cache.open(`file-${i}`, size, spool))!;
        expect(readFileSync(found.path, 'utf8')).toBe(content);
      }
    }
  });

  it('takes a spool file over, and gives many small files back from one pack, each whole', async () => {
    const state = temp();
    const spools = temp();
    const cache = new FileCache(state);
    const contents = Array.from({ length: 50 }, (_, i) => `file ${i} `.repeat(i + 1));
    await Promise.all(
      contents.map(async (content, i) => {
        const spool = join(spools, `s${i}`);
        writeFileSync(spool, content);
        await cache.remember(spool, [`file-${i}`], { filename: `s${i}.txt`, bytes: content.length }, true);
      }),
    );
    await cache.flush();
    expect(readdirSync(spools)).toEqual([]);
    expect(cacheFiles(state)).toHaveLength(1);
    for (const [i, content] of contents.entries()) {
      const out = join(temp(), 'out');
      await cache.open(`file-${i}`, content.length, out);
      expect(readFileSync(out, 'utf8')).toBe(content);
    }
  });

  it('counts a pack cut short or changed as a miss, never as the file’s bytes', async () => {
    const state = temp();
    const original = join(temp(), 'a.txt');
    writeFileSync(original, 'first file bytes');
    const other = join(temp(), 'b.txt');
    writeFileSync(other, 'second one');
    const cache = new FileCache(state);
    await cache.remember(original, ['file-a'], { filename: 'a.txt', bytes: 16 }, false);
    await cache.remember(other, ['file-b'], { filename: 'b.txt', bytes: 10 }, false);
    await cache.flush();
    const pack = join(state, 'cache', 'files', cacheFiles(state)[0]!);

    // Same length, other bytes: the SHA-256 check refuses it.
    writeFileSync(pack, readFileSync(pack).toString().replace('first', 'FIRST'));
    expect(await cache.open('file-a', 16, join(temp(), 'x'))).toBeUndefined();
    expect(await cache.open('file-b', 10, join(temp(), 'y'))).toBeDefined();
    // Cut before the second file's end (a crash before its bytes reached the disk): a miss by size.
    truncateSync(pack, 20);
    expect(cache.lookup('file-b', 10)).toBeUndefined();
    expect(await cache.open('file-b', 10, join(temp(), 'z'))).toBeUndefined();
  });
});
