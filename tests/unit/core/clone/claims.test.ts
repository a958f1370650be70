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
    // a's upload was carried out, its answer lost (a resumed run looks for it); b's upload is on its way.
    dst.upload('file-a');
    await claims.take(SIGNATURE, 'file:b');
    let listed = false;
    const reconcile = claims.take(SIGNATURE, 'file:a').then(async () => {
      listed = true;
      try {
        return await findFileClone(dst.gateway, 'notes.md', 48, since, idMap, undefined, { key: 'file:a', claims });
      } finally {
        claims.letGo(SIGNATURE, 'file:a');
      }
    });
    await settle();
    expect(listed).toBe(false);
    // b's file lands in the same second as a's (a listing now could not tell them apart), then its answer.
    const made = dst.upload('file-b');
    expect(claims.claim(made.id, 'file:b')).toBe(true);
    claims.letGo(SIGNATURE, 'file:b');
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
    await claims.take(SIGNATURE, 'file:a');
    const reconcile = findFileClone(dst.gateway, 'notes.md', 48, since, idMap, undefined, { key: 'file:a', claims });
    let sent = false;
    const upload = claims.take(SIGNATURE, 'file:b').then(() => {
      sent = true;
      return dst.upload('file-b');
    });
    await settle();
    expect(sent).toBe(false);
    dst.answerListings();
    expect((await reconcile)?.id).toBe('file-a');
    claims.letGo(SIGNATURE, 'file:a');
    const made = await upload;
    expect(claims.claim(made.id, 'file:b')).toBe(true);
  });

  it('look-alikes whose bytes cannot be downloaded are never on their way at once: each lost answer finds its own file', async () => {
    // Both uploads are carried out and both answers lost. Had both been sent at once, each reconcile would
    // see two files of one name and size that nothing tells apart, and could take the other's bytes.
    const clock = manualClock(1_700_000_000_000);
    const dst = destination(clock);
    const claims = new Claims();
    const idMap = new IdMap(home, 's3', 'd3');
    const since = Math.floor(clock.now() / 1000);
    const sends: string[] = [];
    const upload = async (key: string, id: string) => {
      await claims.take(SIGNATURE, key);
      sends.push(key);
      dst.upload(id);
      await settle();
      // The answer is lost: the reconcile lists while the key still holds the signature.
      await claims.take(SIGNATURE, key);
      try {
        return (await findFileClone(dst.gateway, 'notes.md', 48, since, idMap, undefined, { key, claims }))?.id;
      } finally {
        claims.letGo(SIGNATURE, key);
      }
    };
    const a = upload('file:a', 'file-of-a');
    const b = upload('file:b', 'file-of-b');
    await settle();
    expect(sends, 'b is not sent while a awaits its answer').toEqual(['file:a']);
    expect([await a, await b]).toEqual(['file-of-a', 'file-of-b']);
    expect(sends).toEqual(['file:a', 'file:b']);
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
      claims.take(SIGNATURE, key).then(async () => {
        try {
          const found = await findFileClone(gateway, 'notes.md', 48, since, idMap, undefined, { key, claims }, sha256);
          return found?.id;
        } finally {
          claims.letGo(SIGNATURE, key);
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
    await claims.take(SIGNATURE, 'file:b');
    const cancel = new AbortController();
    const waiting = claims.take(SIGNATURE, 'file:a', cancel.signal);
    cancel.abort(new Error('Cancelled.'));
    await expect(waiting).rejects.toThrow('Cancelled.');
    // The look-alike still holds it; the one that gave up holds nothing.
    expect(claims.holderOf(SIGNATURE)).toBe('file:b');
  });

  it('a key that lets go wakes the look-alikes waiting on it; the holder takes again at once', async () => {
    const claims = new Claims();
    await claims.take(SIGNATURE, 'file:b');
    await claims.take(SIGNATURE, 'file:b');
    const waiting = claims.take(SIGNATURE, 'file:a');
    claims.letGo(SIGNATURE, 'file:a');
    expect(claims.holderOf(SIGNATURE), 'only the holder lets go').toBe('file:b');
    claims.letGo(SIGNATURE, 'file:b');
    await waiting;
    expect(claims.holderOf(SIGNATURE)).toBe('file:a');
  });
});
