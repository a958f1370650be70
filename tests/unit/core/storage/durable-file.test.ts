import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic, type WriteFs } from '../../../../electron/core/storage/durable-file.ts';
import { JsonRecordStore } from '../../../../electron/core/storage/json-store.ts';
import { IdMap } from '../../../../electron/core/clone/id-map.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ferry-durable-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A disk that takes `limit` bytes in all, then writes nothing (what a full disk does to writeSync). */
function diskWithRoom(limit: number): WriteFs {
  let room = limit;
  return {
    openSync,
    fsyncSync,
    closeSync,
    renameSync,
    rmSync,
    writeSync(fd, buffer, offset, length) {
      const take = Math.min(length, room, 8192);
      room -= take;
      return take === 0 ? 0 : writeSync(fd, buffer, offset, take);
    },
  };
}

describe('atomic state file writes', () => {
  it('writes a file larger than one write call in full (writeSync may take only part)', () => {
    const path = join(dir, 'plan.json');
    const content = JSON.stringify({ blob: 'x'.repeat(100_000) });
    writeFileAtomic(path, content, diskWithRoom(Number.POSITIVE_INFINITY));
    expect(readFileSync(path, 'utf8')).toBe(content);
  });

  it('on a full disk keeps the old file whole, leaves no temporary file, and names the file and the bytes', () => {
    const path = join(dir, 'plan.json');
    writeFileSync(path, '{"old":true}');
    const content = JSON.stringify({ blob: 'x'.repeat(20_000) });
    expect(() => writeFileAtomic(path, content, diskWithRoom(8192))).toThrow(
      `Out of disk space: Ferry could not write ${content.length} bytes to ${path}`,
    );
    expect(readFileSync(path, 'utf8')).toBe('{"old":true}');
    expect(readdirSync(dir)).toEqual(['plan.json']);
  });
});

describe('JSON record stores', () => {
  it('a corrupt id map of the older single-file format is reported by name, never replaced with an empty one', () => {
    // (The id map's own log is tested in tests/unit/core/clone/id-map.test.ts.)
    const path = join(dir, 'idmap', 'conn-src--conn-dst.json');
    mkdirSync(join(dir, 'idmap'), { recursive: true });
    writeFileSync(path, '{"file-1":{"kind":"file","destinationId":"file-9","at":"2026');
    expect(() => new IdMap(dir, 'conn-src', 'conn-dst')).toThrow(path);
    expect(() => new IdMap(dir, 'conn-src', 'conn-dst')).toThrow(/damaged.*will not guess/);
    // The damaged file is still there, as it was, for the admin to restore or move aside.
    expect(readFileSync(path, 'utf8')).toContain('file-9');
  });

  it('keeps changes whose write failed and writes them once the disk has room', () => {
    const path = join(dir, 'store.json');
    const store = new JsonRecordStore<number>(path);
    store.set('a', 1);
    rmSync(dir, { recursive: true, force: true }); // the folder is gone: the write fails
    expect(() => store.flush()).toThrow(path);
    rmSync(dir, { recursive: true, force: true });
    new JsonRecordStore<number>(path); // makes the folder again
    store.flush();
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ a: 1 });
    expect(existsSync(path)).toBe(true);
  });
});
