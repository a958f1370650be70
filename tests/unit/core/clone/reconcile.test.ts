import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IdMap } from '../../../../electron/core/clone/id-map.ts';
import { Claims } from '../../../../electron/core/clone/claims.ts';
import { findAssistantClone, findFileClone, findStoreClone } from '../../../../electron/core/clone/reconcile.ts';
import type { Assistant } from '../../../../electron/core/openai/assistants-api.ts';
import type { FileObject } from '../../../../electron/core/openai/files-api.ts';
import type { OrgGateway } from '../../../../electron/core/openai/org-gateway.ts';

const home = mkdtempSync(join(tmpdir(), 'ferry-reconcile-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

/** A destination whose file list answers after the test lets it, so reconciles can be made to overlap. */
function fakeDestination(files: Array<FileObject & { content?: string }>): OrgGateway {
  return {
    files: {
      list: async () => files.map((f) => ({ ...f })),
      download: async (id: string) => new Blob([files.find((f) => f.id === id)?.content ?? '']).stream(),
    },
  } as unknown as OrgGateway;
}
const file = (id: string, createdAt: number, extra: Partial<FileObject & { content: string }> = {}) =>
  ({
    id,
    object: 'file',
    filename: 'report.pdf',
    bytes: 1200,
    created_at: createdAt,
    purpose: 'assistants',
    ...extra,
  }) as FileObject & { content?: string };
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

describe('reconcile claims', () => {
  it('two lost uploads of one name and size, reconciled at once, take two files, not one twice', async () => {
    const destination = fakeDestination([file('file-x', 100), file('file-y', 101)]);
    const idMap = new IdMap(home, 'a', 'b');
    const claims = new Claims();
    const [first, second] = await Promise.all([
      findFileClone(destination, 'report.pdf', 1200, 100, idMap, undefined, { key: 'file:src-1', claims }),
      findFileClone(destination, 'report.pdf', 1200, 100, idMap, undefined, { key: 'file:src-2', claims }),
    ]);
    expect(new Set([first?.id, second?.id])).toEqual(new Set(['file-x', 'file-y']));
    expect(claims.ownerOf(first!.id)).toBe('file:src-1');
    // A third finds nothing left: it uploads again rather than share a file.
    expect(
      await findFileClone(destination, 'report.pdf', 1200, 100, idMap, undefined, { key: 'file:src-3', claims }),
    ).toBeUndefined();
    // The same key asking again gets its own claim back (a reconcile retried after a failed attempt).
    expect(
      (await findFileClone(destination, 'report.pdf', 1200, 100, idMap, undefined, { key: 'file:src-1', claims }))?.id,
    ).toBe(first!.id);
  });

  it('never takes a file the id map gives to a source, nor one older than the attempt', async () => {
    const idMap = new IdMap(home, 'c', 'd');
    await idMap.set('src-old', { kind: 'file', destinationId: 'file-x', at: '2026-12-01T00:00:00Z' });
    const destination = fakeDestination([file('file-x', 1000), file('file-old', 1)]);
    expect(
      await findFileClone(destination, 'report.pdf', 1200, 1000, idMap, undefined, {
        key: 'file:src-1',
        claims: new Claims(),
      }),
    ).toBeUndefined();
  });

  it('waits out an upload of the same name and size still waiting for its answer, then takes the other file', async () => {
    const destination = fakeDestination([file('file-x', 100), file('file-y', 101)]);
    const idMap = new IdMap(home, 'e', 'f');
    const claims = new Claims();
    const signature = 'report.pdf\u00001200';
    await claims.take(signature, 'file:src-1');
    let settled = false;
    const lost = claims.take(signature, 'file:src-2').then(() => {
      settled = true;
      return findFileClone(destination, 'report.pdf', 1200, 100, idMap, undefined, { key: 'file:src-2', claims });
    });
    await Promise.resolve();
    expect(settled).toBe(false);
    // src-1's answer arrives: it names the older file, which is src-1's whatever a guess would have said.
    claims.claim('file-x', 'file:src-1');
    claims.letGo(signature, 'file:src-1');
    expect((await lost)?.id).toBe('file-y');
  });

  it('with the bytes hash known and a downloadable copy, takes the file holding those bytes', async () => {
    const destination = fakeDestination([
      file('file-x', 100, { purpose: 'batch', content: 'AAAA' }),
      file('file-y', 101, { purpose: 'batch', content: 'BBBB' }),
    ]);
    const claims = new Claims();
    const found = await findFileClone(
      destination,
      'report.pdf',
      1200,
      100,
      new IdMap(home, 'g', 'h'),
      undefined,
      { key: 'file:src-2', claims },
      sha('BBBB'),
    );
    expect(found?.id).toBe('file-y');
    // The file it weighed and let go is free for another.
    expect(claims.free('file-x', 'file:src-1')).toBe(true);
  });
});

describe('a lost assistant create', () => {
  /** A destination of `count` assistants made one a second; its list answers pages of 100, newest first. */
  function assistantsOrg(count: number, extra: Array<Partial<Assistant>> = []) {
    const all = [
      ...Array.from({ length: count }, (_, i) => ({
        id: `asst_${i}`,
        created_at: 1000 + i,
        name: `Assistant ${i}`,
        metadata: { cloned_from: `src_${i}` },
      })),
      ...extra.map((a, i) => ({ id: `asst_x${i}`, created_at: 1000 + count + i, name: null, metadata: {}, ...a })),
    ] as Assistant[];
    const pages: number[] = [];
    const destination = {
      assistants: {
        async *newestFirst() {
          const newest = [...all].sort((a, b) => b.created_at - a.created_at);
          for (let start = 0; start < newest.length; start += 100) {
            pages.push(start / 100);
            const more = start + 100 < newest.length;
            yield { served: true, assistants: newest.slice(start, start + 100), after: more ? 'next' : null };
          }
        },
      },
    } as unknown as OrgGateway;
    return { destination, pages };
  }

  it('is found on the first page, newest first, not by listing the whole org', async () => {
    const { destination, pages } = assistantsOrg(6400);
    const idMap = new IdMap(home, 'i', 'j');
    const found = await findAssistantClone(destination, 'src_6350', 'Assistant 6350', 7340, idMap);
    expect(found?.id).toBe('asst_6350');
    expect(pages).toEqual([0]);
  });

  it('without a marker, is matched by name among what was made since the attempt, oldest first', async () => {
    const { destination, pages } = assistantsOrg(400, [{ name: 'Triage' }, { name: 'Triage' }]);
    const idMap = new IdMap(home, 'k', 'l');
    // Made since 1390 (less the clock skew allowed): the pages stop at the first older one.
    const found = await findAssistantClone(destination, 'src_gone', 'Triage', 1390, idMap);
    expect(found?.id).toBe('asst_x0');
    expect(pages).toEqual([0, 1]);
    // One made before the attempt (less the skew) is never taken.
    expect(await findAssistantClone(destination, 'src_3', 'Assistant 3', 1390, idMap)).toBeUndefined();
  });

  it('a create never made is given up on at the newest object the run had seen, not listed to the skew', async () => {
    // 6,400 assistants made one a second, the last at 7399, when the create was sent.
    const { destination, pages } = assistantsOrg(6400);
    const idMap = new IdMap(home, 'm', 'n');
    // Without what the run knew, the two minutes of skew allowed reach into the second page.
    expect(await findAssistantClone(destination, 'src_none', 'Nobody', 7399, idMap)).toBeUndefined();
    expect(pages).toEqual([0, 1]);
    pages.length = 0;
    // The run had seen the assistant made at 7390: the first page reaches below it, and that is all.
    const known = { newest: 7390 };
    expect(
      await findAssistantClone(destination, 'src_none', 'Nobody', 7399, idMap, undefined, undefined, known),
    ).toBeUndefined();
    expect(pages).toEqual([0]);
    pages.length = 0;
    // However long the attempt waited (an hour of backoff, a clock far behind), the bound is the same.
    expect(
      await findAssistantClone(destination, 'src_none', 'Nobody', 7399 - 3600, idMap, undefined, undefined, known),
    ).toBeUndefined();
    expect(pages).toEqual([0]);
  });

  it("an earlier run's create is found in the run's index, without a listing", async () => {
    const { destination, pages } = assistantsOrg(6400);
    const made = { id: 'asst_dead', created_at: 5000, name: 'Made', metadata: { cloned_from: 'src_dead' } };
    const index = { marked: async (id: string) => (id === 'src_dead' ? [made as unknown as Assistant] : []) };
    const claims = new Claims();
    const idMap = new IdMap(home, 'o', 'p');
    const lookFor = (key: string) =>
      findAssistantClone(destination, 'src_dead', 'Made', 4990, idMap, undefined, { key, claims }, { index });
    expect((await lookFor('asst:src_dead'))?.id).toBe('asst_dead');
    expect(pages).toEqual([]);
    expect(claims.ownerOf('asst_dead')).toBe('asst:src_dead');
    // Claimed by another key, it is not taken twice: the listing is consulted (and finds nothing else).
    const other = await lookFor('asst:other');
    expect(other).toBeUndefined();
  });
});

describe('a lost vector store create', () => {
  it('is looked for newest first and found on the first page', async () => {
    const stores = Array.from({ length: 1000 }, (_, i) => ({
      id: `vs_${i}`,
      created_at: 1000 + i,
      name: `Store ${i}`,
      metadata: { cloned_from: `src_${i}` },
    }));
    const pages: number[] = [];
    const destination = {
      vectorStores: {
        async *newestFirst() {
          const newest = [...stores].reverse();
          for (let start = 0; start < newest.length; start += 100) {
            pages.push(start / 100);
            yield newest.slice(start, start + 100);
          }
        },
      },
    } as unknown as OrgGateway;
    const found = await findStoreClone(destination, 'src_990', 'Store 990', 1985, new IdMap(home, 'q', 'r'));
    expect(found?.id).toBe('vs_990');
    expect(pages).toEqual([0]);
  });
});
