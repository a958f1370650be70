import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileLogger } from '../../../../electron/core/logging/logger.ts';
import { Redactor } from '../../../../electron/core/logging/redactor.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ferry-logger-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('file logger', () => {
  it('batches lines: a burst of log calls costs a few appends, not one each, and none is lost', async () => {
    let appends = 0;
    const file = join(dir, 'ferry.log');
    const logger = createFileLogger(file, new Redactor(), {
      append: async (f, text) => {
        appends += 1;
        await appendFile(f, text);
      },
    });
    for (let n = 0; n < 500; n += 1) logger.log('info', `line ${n}`);
    await logger.flush?.();
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(500);
    expect(JSON.parse(lines[499] ?? '{}')).toMatchObject({ message: 'line 499' });
    expect(appends).toBeLessThanOrEqual(2);
  });

  it('on a full disk never throws, says so once, and counts the dropped lines when it can write again', async () => {
    const file = join(dir, 'ferry.log');
    let full = true;
    const notices: string[] = [];
    const logger = createFileLogger(file, new Redactor(), {
      notice: (message) => notices.push(message),
      append: async (f, text) => {
        if (full) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        await appendFile(f, text);
      },
    });
    expect(() => {
      for (let n = 0; n < 5; n += 1) logger.log('error', `failure ${n}`);
    }).not.toThrow();
    await logger.flush?.();
    logger.log('error', 'still full');
    await logger.flush?.();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain(file);
    expect(notices[0]).toContain('the disk is full');
    full = false;
    logger.log('info', 'room again');
    await logger.flush?.();
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { message: string });
    expect(lines.map((l) => l.message)).toEqual([
      '6 log line(s) were dropped while the log could not be written',
      'room again',
    ]);
  });
});
