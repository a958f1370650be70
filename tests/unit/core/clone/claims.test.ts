import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Claims } from '../../../../electron/core/clone/claims.ts';
import { IdMap } from '../../../../electron/core/clone/id-map.ts';
import { findFileClone } from '../../../../electron/core/clone/reconcile.ts';
import type { FileObject } from '../../../../electron/core/openai/files-api.ts';
import type { OrgGateway } from '../../../../electron/core/openai/org-gateway.ts';
import { manualClock } from '../../../support/manual-clock.ts';

const home = mkdtempSync(join(tmpdir(), 'ferry-claims-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

const SIGNATURE = 'notes.md\u000048';
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A destination whose files are stamped by a clock the test moves, and whose listing answers when the
 * test lets it: so a listing can be caught in flight while a look-alike's upload lands.
 */
function destination(clock: ReturnType<typeof manualClock>) {
  const files: FileObject[] = [];
  const held: Array<() => void> = [];
  let holdListings = false;
  const gateway = {
    files: {
      list: async () => {
        const snapshot = () => files.map((f) => ({ ...f }));
        if (!holdListings) return snapshot();
        return new Promise<FileObject[]>((resolve) => held.push(() => resolve(snapshot())));
      },
    },
  } as unknown as OrgGateway;
  return {
    gateway,
    /** The server carries out an upload (whether or not its answer reaches Ferry). */
    upload(id: string): FileObject {
      const made = {
        id,
        object: 'file',
        filename: 'notes.md',
        bytes: 48,
        created_at: Math.floor(clock.now() / 1000),
        purpose: 'assistants',
      } as FileObject;
      files.push(made);
      return made;
    },
    hold: () => void (holdListings = true),
    /** Answers the listings held so far, with the files as they are now. */
    answerListings: () => held.splice(0).forEach((answer) => answer()),
  };
}

describe('Claims: one destination id, one key', () => {
  it('gives an id to one key only; the holder may claim it again, another may not until it is released', () => {
    const claims = new Claims();
    expect(claims.claim('file-1', 'file:a')).toBe(true);
    expect(claims.claim('file-1', 'file:b')).toBe(false);
    expect(claims.ownerOf('file-1')).toBe('file:a');
    expect(claims.claim('file-1', 'file:a')).toBe(true);
    claims.release('file-1');
    expect(claims.claim('file-1', 'file:b')).toBe(true);
  });

  it('a reconcile does not list while a look-alike awaits its answer, so it cannot take that file', async () => {
    const clock = manualClock(1_700_000_000_000);
    const dst = destination(clock);
    const claims = new Claims();
    const idMap = new IdMap(home, 's1', 'd1');
    const since = Math.floor(clock.now() / 1000);
    // a's upload was carried out, its answer lost; b's upload is on its way.
    dst.upload('file-a');
    await claims.sending(SIGNATURE, 'file:b');
    let listed = false;
    const reconcile = claims.listing(SIGNATURE, 'file:a').then(async () => {
      listed = true;
      try {
        return await findFileClone(dst.gateway, 'notes.md', 48, since, idMap, undefined, { key: 'file:a', claims });
      } finally {
        claims.idle(SIGNATURE, 'file:a');
      }
    });
    await settle();
    expect(listed).toBe(false);
    // b's file lands in the same second as a's (a listing now could not tell them apart), then its answer.
    const made = dst.upload('file-b');
    expect(claims.claim(made.id, 'file:b')).toBe(true);
    claims.idle(SIGNATURE, 'file:b');
    expect((await reconcile)?.id).toBe('file-a');
    expect([claims.ownerOf('file-a'), claims.ownerOf('file-b')]).toEqual(['file:a', 'file:b']);
  });

  it('an upload is not sent while a look-alike lists, so its file cannot show in that listing', async () => {
    const clock = manualClock(1_700_000_000_000);
    const dst = destination(clock);
    const claims = new Claims();
    const idMap = new IdMap(home, 's2', 'd2');
    const since = Math.floor(clock.now() / 1000);
    dst.upload('file-a');
    dst.hold();
    await claims.listing(SIGNATURE, 'file:a');
    const reconcile = findFileClone(dst.gateway, 'notes.md', 48, since, idMap, undefined, { key: 'file:a', claims });
    let sent = false;
    const upload = claims.sending(SIGNATURE, 'file:b').then(() => {
      sent = true;
      return dst.upload('file-b');
    });
    await settle();
    expect(sent).toBe(false);
    dst.answerListings();
    expect((await reconcile)?.id).toBe('file-a');
    claims.idle(SIGNATURE, 'file:a');
    const made = await upload;
    expect(claims.claim(made.id, 'file:b')).toBe(true);
  });

  it('two look-alikes whose answers were both lost reconcile together (waiting blocks no one) and split the files', async () => {
    const clock = manualClock(1_700_000_000_000);
    const dst = destination(clock);
    const claims = new Claims();
    const idMap = new IdMap(home, 's3', 'd3');
    const since = Math.floor(clock.now() / 1000);
    await claims.sending(SIGNATURE, 'file:a');
    await claims.sending(SIGNATURE, 'file:b');
    dst.upload('file-1');
    dst.upload('file-2');
    const reconcile = (key: string) =>
      claims.listing(SIGNATURE, key).then(async () => {
        try {
          return (await findFileClone(dst.gateway, 'notes.md', 48, since, idMap, undefined, { key, claims }))?.id;
        } finally {
          claims.idle(SIGNATURE, key);
        }
      });
    const found = await Promise.all([reconcile('file:a'), reconcile('file:b')]);
    expect(new Set(found)).toEqual(new Set(['file-1', 'file-2']));
    expect(claims.ownerOf(found[0]!)).toBe('file:a');
  });

  it('look-alikes of other bytes reconcile one at a time: a candidate weighed by its download is not passed over by its owner', async () => {
    // a's and b's uploads (same name and size, other bytes) were both carried out and both answers lost.
    // a weighs file-b by downloading it (claimed meanwhile); were b listing then, it would skip its own
    // file and upload it again.
    const clock = manualClock(1_700_000_000_000);
    const since = Math.floor(clock.now() / 1000);
    const bytesOf: Record<string, string> = { 'file-b': 'bytes of b', 'file-a': 'bytes of a' };
    const files = ['file-b', 'file-a'].map(
      (id, at) => ({ id, filename: 'notes.md', bytes: 48, created_at: since + at, purpose: 'batch' }) as FileObject,
    );
    const downloads: Array<() => void> = [];
    const gateway = {
      files: {
        list: async () => files.map((f) => ({ ...f })),
        download: async (id: string) => {
          await new Promise<void>((resolve) => downloads.push(resolve));
          return [Buffer.from(bytesOf[id]!)];
        },
      },
    } as unknown as OrgGateway;
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    const claims = new Claims();
    const idMap = new IdMap(home, 's5', 'd5');
    const reconcile = (key: string, sha256: string) =>
      claims.listing(SIGNATURE, key).then(async () => {
        try {
          const found = await findFileClone(gateway, 'notes.md', 48, since, idMap, undefined, { key, claims }, sha256);
          return found?.id;
        } finally {
          claims.idle(SIGNATURE, key);
        }
      });
    const a = reconcile('file:a', sha('bytes of a'));
    const b = reconcile('file:b', sha('bytes of b'));
    // Answer every download as it is asked for, until both reconciles have ended.
    let done = false;
    void Promise.all([a, b]).then(() => (done = true));
    while (!done) {
      await settle();
      downloads.splice(0).forEach((answer) => answer());
    }
    expect([await a, await b]).toEqual(['file-a', 'file-b']);
  });

  it('a wait ends with its signal: a cancelled job is never left waiting for an answer that will not come', async () => {
    const claims = new Claims();
    await claims.sending(SIGNATURE, 'file:b');
    const cancel = new AbortController();
    const waiting = claims.listing(SIGNATURE, 'file:a', cancel.signal);
    cancel.abort(new Error('Cancelled.'));
    await expect(waiting).rejects.toThrow('Cancelled.');
    // The look-alike still sends; the one that gave up is doing nothing.
    expect([claims.phaseOf(SIGNATURE, 'file:b'), claims.phaseOf(SIGNATURE, 'file:a')]).toEqual(['sending', undefined]);
  });

  it('a key that stops (its answer came, or it gave up) wakes the look-alikes waiting on it', async () => {
    const claims = new Claims();
    await claims.sending(SIGNATURE, 'file:b');
    const waiting = claims.listing(SIGNATURE, 'file:a');
    claims.idle(SIGNATURE, 'file:b');
    await waiting;
    expect(claims.phaseOf(SIGNATURE, 'file:a')).toBe('listing');
  });
});
