import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  foldJournal,
  Journal,
  readJournal,
  type JournalHandle,
  type JournalRecord,
} from '../../../../electron/core/storage/journal.ts';

const AT = '2026-12-01T10:00:00.000Z';
const created = (n: number): JournalRecord => ({
  t: 'created',
  key: `file:file-${n}`,
  destinationId: `file-dst-${n}`,
  at: AT,
});
const lines = (...records: JournalRecord[]) => records.map((r) => `${JSON.stringify(r)}\n`).join('');

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ferry-journal-'));
  path = join(dir, 'journal.jsonl');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('journal reader', () => {
  it('skips a bad record in the middle, names its line, and keeps every record after it', () => {
    writeFileSync(
      path,
      `${lines(created(1), created(2))}{"t":"created","key":"file:file-3","dest\n${lines(created(4), created(5))}`,
    );
    const reading = readJournal(path);
    expect(reading.records.map((r) => (r as { key: string }).key)).toEqual([
      'file:file-1',
      'file:file-2',
      'file:file-4',
      'file:file-5',
    ]);
    expect(reading.problems).toHaveLength(1);
    expect(reading.problems[0]).toMatchObject({ path, line: 3 });
    expect(reading.problems[0]?.message).toContain(`Line 3 of ${path}`);
    expect(reading.tornAt).toBeUndefined();
  });

  it('reports a record of the wrong shape (valid JSON, no destination id) by line', () => {
    writeFileSync(
      path,
      lines(created(1), { t: 'created', key: 'file:x', at: AT } as unknown as JournalRecord, created(2)),
    );
    const reading = readJournal(path);
    expect(reading.records).toHaveLength(2);
    expect(reading.problems[0]).toMatchObject({ line: 2 });
    expect(reading.problems[0]?.message).toContain('without a destination id');
  });

  it('finds a torn tail (cut mid-write) and where the last whole record ends', () => {
    const whole = lines(created(1), created(2));
    writeFileSync(path, `${whole}{"t":"created","key":"fi`);
    const reading = readJournal(path);
    expect(reading.records).toHaveLength(2);
    expect(reading.tornAt).toBe(Buffer.byteLength(whole));
    expect(reading.problems[0]?.message).toContain('cut off by an interrupted write');
  });

  it('takes a whole last record that only lost its newline', () => {
    writeFileSync(path, lines(created(1)) + JSON.stringify(created(2)));
    const reading = readJournal(path);
    expect(reading.records).toHaveLength(2);
    expect(reading.problems).toEqual([]);
  });

  it('passes record kinds it does not know (a later version may add some)', () => {
    writeFileSync(path, `${lines(created(1))}{"t":"claim","key":"file:file-1","at":"${AT}"}\n`);
    expect(readJournal(path)).toMatchObject({ problems: [] });
    expect(foldJournal(readJournal(path).records).created.size).toBe(1);
  });
});

describe('journal writer', () => {
  it('cuts a torn tail off before appending, and reports the repair', async () => {
    const whole = lines(created(1));
    writeFileSync(path, `${whole}{"t":"crea`);
    const journal = new Journal(path);
    await journal.append(created(2));
    await journal.close();
    expect(readFileSync(path, 'utf8')).toBe(whole + lines(created(2)));
    expect(journal.repairs).toHaveLength(1);
    expect(journal.repairs[0]?.line).toBe(2);
    expect(readJournal(path).problems).toEqual([]);
  });

  it('detects a short write, cuts the file back to the last whole record, and goes on once the disk writes again', async () => {
    writeFileSync(path, lines(created(1)));
    let budget = 10; // the disk takes 10 bytes of the next write, then nothing
    const shortDisk = async (p: string): Promise<JournalHandle> => {
      const real = await open(p, 'a');
      return {
        async write(buffer, offset, length) {
          const take = Math.min(length, budget);
          budget -= take;
          if (take === 0) return { bytesWritten: 0 };
          return real.write(buffer, offset, take);
        },
        datasync: () => real.datasync(),
        truncate: (length) => real.truncate(length),
        close: () => real.close(),
      };
    };
    const journal = new Journal(path, { open: shortDisk });
    await expect(journal.append(created(2))).rejects.toThrow(
      /Out of disk space: Ferry could not write \d+ bytes to .*journal\.jsonl/,
    );
    // Nothing half-written: the file holds the whole records it had.
    expect(readFileSync(path, 'utf8')).toBe(lines(created(1)));
    budget = Number.POSITIVE_INFINITY;
    await journal.append(created(3));
    await journal.close();
    expect(readFileSync(path, 'utf8')).toBe(lines(created(1), created(3)));
  });

  it('a full disk (ENOSPC) mid-batch rejects every record of the batch, naming the folder', async () => {
    const fullDisk = async (p: string): Promise<JournalHandle> => {
      const real = await open(p, 'a');
      return {
        write: async () => {
          throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        },
        datasync: () => real.datasync(),
        truncate: (length) => real.truncate(length),
        close: () => real.close(),
      };
    };
    const journal = new Journal(path, { open: fullDisk });
    const results = await Promise.allSettled([journal.append(created(1)), journal.append(created(2))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(String((results[0] as PromiseRejectedResult).reason)).toContain(dir);
    await journal.close();
  });

  it('writes records that arrive during a sync together (group commit): fewer syncs than records', async () => {
    let syncs = 0;
    const counting = async (p: string): Promise<JournalHandle> => {
      const real = await open(p, 'a');
      return {
        write: (b, o, l) => real.write(b, o, l),
        datasync: async () => {
          syncs += 1;
          await real.datasync();
        },
        truncate: (l) => real.truncate(l),
        close: () => real.close(),
      };
    };
    const journal = new Journal(path, { open: counting });
    await Promise.all(Array.from({ length: 30 }, (_, n) => journal.append(created(n))));
    await journal.close();
    expect(readJournal(path).records).toHaveLength(30);
    expect(syncs).toBeLessThan(30);
  });

  it('appends after a bad middle line without touching it (it is reported, not erased)', async () => {
    writeFileSync(path, `${lines(created(1))}not json\n`);
    appendFileSync(path, lines(created(2)));
    const journal = new Journal(path);
    await journal.append(created(3));
    await journal.close();
    const reading = readJournal(path);
    expect(reading.records).toHaveLength(3);
    expect(reading.problems.map((p) => p.line)).toEqual([2]);
  });
});
