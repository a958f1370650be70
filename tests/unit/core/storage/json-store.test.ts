import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JsonRecordStore } from '../../../../electron/core/storage/json-store.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ferry-json-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const onDisk = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, number>;

// A store skips re-reading the file it wrote itself; these pin that it still merges what another process
// (the app beside the CLI) wrote in between, and still refuses a file damaged meanwhile.
describe('a JSON record store shared by two processes', () => {
  it("merges the other's writes whichever wrote last", () => {
    const path = join(dir, 'index.json');
    const app = new JsonRecordStore<number>(path);
    const cli = new JsonRecordStore<number>(path);
    app.set('a', 1);
    app.flush();
    cli.set('b', 2);
    cli.flush();
    app.set('c', 3);
    app.flush();
    expect(onDisk(path)).toEqual({ a: 1, b: 2, c: 3 });
    cli.set('d', 4);
    cli.flush();
    expect(onDisk(path)).toEqual({ a: 1, b: 2, c: 3, d: 4 });
    // Its own writes only: nothing to merge, and nothing lost either.
    app.set('e', 5);
    app.flush();
    app.delete(['a']);
    app.flush();
    expect(onDisk(path)).toEqual({ b: 2, c: 3, d: 4, e: 5 });
    expect(app.get('d')).toBe(4);
  });

  it('names a file damaged after its own last write rather than writing over it', () => {
    const path = join(dir, 'index.json');
    const store = new JsonRecordStore<number>(path);
    store.set('a', 1);
    store.flush();
    writeFileSync(path, '{"a": 1, "b":');
    store.set('c', 3);
    expect(() => store.flush()).toThrow(path);
    expect(readFileSync(path, 'utf8')).toBe('{"a": 1, "b":');
  });
});
