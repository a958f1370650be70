import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OBJECTS_AT_ONCE } from '../../../../electron/core/clone/fan-out.ts';
import { KnownDigests, ParsedDigests } from '../../../../electron/core/clone/parsed-digests.ts';
import type { OrgGateway } from '../../../../electron/core/openai/org-gateway.ts';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** A gateway whose stores hold the given parsed texts (by `store/file`), counting each read. */
function org(connectionId: string, texts: Record<string, string>) {
  const reads: string[] = [];
  const gateway = {
    connectionId,
    vectorStores: {
      parsedText: async (storeId: string, fileId: string) => {
        reads.push(`${storeId}/${fileId}`);
        return texts[`${storeId}/${fileId}`] ?? '';
      },
    },
  } as unknown as OrgGateway;
  return { gateway, reads };
}

let stateDir: string;
beforeEach(() => {
  stateDir = mkdtempSync(join(tmpdir(), 'ferry-digests-'));
});
afterEach(() => rmSync(stateDir, { recursive: true, force: true }));

describe('parsed-text digests', () => {
  it('reads a text once per run, and once at all when verify keeps it', async () => {
    const { gateway, reads } = org('src', { 'vs_1/file-a': 'alpha' });
    const known0 = new KnownDigests(stateDir);
    const first = new ParsedDigests(known0);
    first.prefetch(gateway, 'vs_1', 'file-a');
    expect(await first.get(gateway, 'vs_1', 'file-a', undefined, true)).toBe(sha('alpha'));
    expect(reads).toEqual(['vs_1/file-a']);

    // A later run (a new process: the store is read from disk) answers without reading.
    await new Promise((resolve) => setImmediate(resolve));
    known0.flush();
    const later = new ParsedDigests(new KnownDigests(stateDir));
    expect(await later.get(gateway, 'vs_1', 'file-a')).toBe(sha('alpha'));
    expect(reads).toEqual(['vs_1/file-a']);
  });

  it('keeps only what verify asks to keep, never an empty text, and per connection, store and file', async () => {
    const { gateway, reads } = org('src', { 'vs_1/file-a': 'alpha', 'vs_1/file-b': 'beta' });
    const writer = new KnownDigests(stateDir);
    const digests = new ParsedDigests(writer);
    await digests.get(gateway, 'vs_1', 'file-a'); // a prefetch's read: not kept
    await digests.get(gateway, 'vs_1', 'file-c', undefined, true); // not indexed: empty, not kept
    await digests.get(gateway, 'vs_1', 'file-b', undefined, true);
    await new Promise((resolve) => setImmediate(resolve));
    writer.flush();
    const reread = new KnownDigests(stateDir);
    expect(reread.get('src', 'vs_1', 'file-a')).toBeUndefined();
    expect(reread.get('src', 'vs_1', 'file-c')).toBeUndefined();
    expect(reread.get('src', 'vs_1', 'file-b')).toBe(sha('beta'));
    expect(reread.get('dst', 'vs_1', 'file-b')).toBeUndefined();
    expect(reread.get('src', 'vs_2', 'file-b')).toBeUndefined();
    expect(reads).toEqual(['vs_1/file-a', 'vs_1/file-c', 'vs_1/file-b']);
  });

  it('reports a damaged digest file by name rather than replacing it', async () => {
    const digests = new ParsedDigests(new KnownDigests(stateDir));
    writeFileSync(join(stateDir, 'cache', 'parsed-digests.json'), '{"src/vs_1/file-a": "not a digest"}');
    const { gateway } = org('src', {});
    expect(() => digests.get(gateway, 'vs_1', 'file-a')).toThrow(/parsed-digests\.json is damaged/);
  });

  it('reads ahead at most OBJECTS_AT_ONCE at a time, each text once, and a get never waits its turn', async () => {
    const count = 5 * OBJECTS_AT_ONCE;
    let reading = 0;
    let most = 0;
    const reads: string[] = [];
    const answers: Array<() => void> = [];
    const gateway = {
      connectionId: 'src',
      vectorStores: {
        parsedText: async (storeId: string, fileId: string) => {
          reads.push(fileId);
          reading += 1;
          most = Math.max(most, reading);
          await new Promise<void>((resolve) => answers.push(resolve));
          reading -= 1;
          return `text of ${fileId}`;
        },
      },
    } as unknown as OrgGateway;
    const digests = new ParsedDigests();
    for (let i = 0; i < count; i += 1) digests.prefetch(gateway, 'vs_1', `file-${i}`);
    expect(reads).toHaveLength(OBJECTS_AT_ONCE);
    // The last one asked for, far back in the queue, is read at once.
    const last = digests.get(gateway, 'vs_1', `file-${count - 1}`);
    expect(reads).toHaveLength(OBJECTS_AT_ONCE + 1);
    while (reads.length < count || reading > 0) {
      const answer = answers.shift();
      if (!answer) break;
      answer();
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await last).toBe(sha(`text of file-${count - 1}`));
    expect(most).toBeLessThanOrEqual(OBJECTS_AT_ONCE + 1);
    expect(new Set(reads).size).toBe(count);
    expect(reads).toHaveLength(count);
  });
});
