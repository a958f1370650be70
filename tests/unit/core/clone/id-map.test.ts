import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IdMap } from '../../../../electron/core/clone/id-map.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function stateDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-idmap-'));
  dirs.push(dir);
  return dir;
}
const entry = (destinationId: string) => ({ kind: 'file' as const, destinationId, at: '2026-12-01T00:00:00.000Z' });
const logOf = (dir: string) => join(dir, 'idmap', 'src--dst.jsonl');

describe('IdMap', () => {
  it('has a link on disk when set resolves: a map opened right after (a new process) knows it', async () => {
    const dir = stateDir();
    const map = new IdMap(dir, 'src', 'dst');
    await Promise.all([map.set('file-a', entry('dfile-1')), map.set('file-b', entry('dfile-2'))]);
    const reopened = new IdMap(dir, 'src', 'dst');
    expect(reopened.get('file-a')?.destinationId).toBe('dfile-1');
    expect(reopened.sourceOf('dfile-2')).toBe('file-b');
    // Group commit: both links went out in one write, one line each.
    expect(readFileSync(logOf(dir), 'utf8').trim().split('\n')).toHaveLength(2);
  });

  it('answers sourceOf from its index, following overwrites and deletes', async () => {
    const map = new IdMap(stateDir(), 'src', 'dst');
    await map.set('file-a', entry('dfile-1'));
    await map.set('file-a', entry('dfile-9'));
    expect(map.sourceOf('dfile-1')).toBeUndefined();
    expect(map.sourceOf('dfile-9')).toBe('file-a');
    await map.delete(['file-a']);
    expect(map.sourceOf('dfile-9')).toBeUndefined();
    expect(map.get('file-a')).toBeUndefined();
  });

  it('folds in what another map (another job or process) appended, on refresh', async () => {
    const dir = stateDir();
    const mine = new IdMap(dir, 'src', 'dst');
    const theirs = new IdMap(dir, 'src', 'dst');
    await theirs.set('file-a', entry('dfile-1'));
    expect(mine.get('file-a')).toBeUndefined();
    mine.refresh();
    expect(mine.get('file-a')?.destinationId).toBe('dfile-1');
    expect(mine.sourceOf('dfile-1')).toBe('file-a');
  });

  it('drops a line torn by a crash and appends after it cleanly', async () => {
    const dir = stateDir();
    await new IdMap(dir, 'src', 'dst').set('file-a', entry('dfile-1'));
    appendFileSync(logOf(dir), '{"s":"file-b","e":{"kind":"fi');
    const map = new IdMap(dir, 'src', 'dst');
    expect(map.get('file-a')?.destinationId).toBe('dfile-1');
    expect(map.get('file-b')).toBeUndefined();
    await map.set('file-c', entry('dfile-3'));
    expect(
      readFileSync(logOf(dir), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line).s),
    ).toEqual(['file-a', 'file-c']);
    expect(new IdMap(dir, 'src', 'dst').get('file-c')?.destinationId).toBe('dfile-3');
  });

  it('reports a damaged line in the middle by file and line, and never silently starts afresh', async () => {
    const dir = stateDir();
    await new IdMap(dir, 'src', 'dst').set('file-a', entry('dfile-1'));
    appendFileSync(logOf(dir), 'not json\n{"s":"file-b","e":null}\n');
    expect(() => new IdMap(dir, 'src', 'dst')).toThrow(/id map .*src--dst\.jsonl is damaged at line 2/);
  });

  it('starts from an id map of the older single-file format', async () => {
    const dir = stateDir();
    mkdirSync(join(dir, 'idmap'), { recursive: true });
    writeFileSync(join(dir, 'idmap', 'src--dst.json'), JSON.stringify({ 'file-a': entry('dfile-1') }));
    const map = new IdMap(dir, 'src', 'dst');
    expect(map.sourceOf('dfile-1')).toBe('file-a');
    await map.set('file-a', entry('dfile-2'));
    expect(new IdMap(dir, 'src', 'dst').get('file-a')?.destinationId).toBe('dfile-2');
  });
});
