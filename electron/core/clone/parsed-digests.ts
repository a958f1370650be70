import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import type { ClonePlan } from '../../../shared/clone.ts';
import { UNDOWNLOADABLE_PURPOSES } from '../../../shared/file-purposes.ts';
import type { OrgGateway } from '../openai/org-gateway.ts';
import { mkdirPrivate } from '../settings/private-state.ts';
import { JsonRecordStore } from '../storage/json-store.ts';
import { OBJECTS_AT_ONCE } from './fan-out.ts';

const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 in hex');

/**
 * The parsed-text digests verify has used, kept across runs in the state folder. A file's bytes never
 * change under one file id (a new upload is a new id), so neither does its parsed text in a store: once
 * read, a later plan's or verify's comparison needs no second read. Which files a store holds, and their
 * status, are not kept here: verify lists those after the job's last write. Only digests of texts read
 * from a file the store's listing showed completed are kept (verify's own reads), never an empty one.
 */
export class KnownDigests {
  readonly #store: JsonRecordStore<string>;

  constructor(stateDir: string) {
    const dir = join(stateDir, 'cache');
    mkdirPrivate(dir);
    this.#store = new JsonRecordStore(join(dir, 'parsed-digests.json'), {
      entry: Sha256Schema,
      fix: 'It only remembers digests of parsed texts Ferry has read; move it aside and Ferry reads the texts again.',
    });
  }

  get(connectionId: string, vectorStoreId: string, fileId: string): string | undefined {
    return this.#store.get(keyOf(connectionId, vectorStoreId, fileId));
  }

  set(connectionId: string, vectorStoreId: string, fileId: string, sha256: string): void {
    const key = keyOf(connectionId, vectorStoreId, fileId);
    if (this.#store.get(key) !== sha256) this.#store.set(key, sha256);
  }

  /** Writes what is pending (also written shortly after each change). */
  flush(): void {
    this.#store.flush();
  }
}

const keyOf = (connectionId: string, vectorStoreId: string, fileId: string) =>
  `${connectionId}/${vectorStoreId}/${fileId}`;

/**
 * The sha256 of a vector store's parsed text of a file, read once per run (and, through
 * {@link KnownDigests}, once at all). Verify compares the parsed text of an original and of its copy when
 * neither side can be downloaded; a clone job reads the source's texts while its uploads run and each
 * copy's text as soon as its store has indexed it, so the verify at the end of the job finds them read
 * (on a busy machine, 600 reads after the job cost seconds). Only the digests are kept, not the texts. An
 * empty digest means no text (not indexed, or the read was refused).
 */
export class ParsedDigests {
  readonly #cache = new Map<string, Promise<string>>();
  readonly #known: KnownDigests | undefined;
  /** Prefetches not started yet, oldest first from #head (see {@link prefetch}). */
  #queued: Array<(() => Promise<unknown>) | undefined> = [];
  #head = 0;
  #reading = 0;

  constructor(known?: KnownDigests) {
    this.#known = known;
  }

  /**
   * With `keep`, the caller has seen the file completed in the store's listing: a digest read (or already
   * being read) is then remembered across runs. A digest remembered earlier is answered without a read.
   */
  get(gateway: OrgGateway, vectorStoreId: string, fileId: string, signal?: AbortSignal, keep = false): Promise<string> {
    const remembered = this.#known?.get(gateway.connectionId, vectorStoreId, fileId);
    if (remembered) return Promise.resolve(remembered);
    const key = `${gateway.connectionId}\u0000${vectorStoreId}\u0000${fileId}`;
    let digest = this.#cache.get(key);
    if (!digest) {
      digest = gateway.vectorStores.parsedText(vectorStoreId, fileId, signal).then(
        (text) => (text === '' ? '' : createHash('sha256').update(text).digest('hex')),
        () => '',
      );
      this.#cache.set(key, digest);
      // A miss is not kept: the file may be indexed by the time verify asks again.
      void digest.then((value) => {
        if (value === '') this.#cache.delete(key);
      });
    }
    if (keep && this.#known) {
      const known = this.#known;
      void digest.then((value) => {
        if (value !== '') known.set(gateway.connectionId, vectorStoreId, fileId, value);
      });
    }
    return digest;
  }

  /**
   * Records a digest verify inferred rather than read (a copy holding exactly the bytes whose text is the
   * original's), for later runs; the caller has seen the file completed in the store's listing.
   */
  remember(gateway: OrgGateway, vectorStoreId: string, fileId: string, sha256: string): void {
    this.#known?.set(gateway.connectionId, vectorStoreId, fileId, sha256);
  }

  /**
   * Reads ahead, for a later {@link get}; nothing waits on it, and nothing is read if it is known. At most
   * OBJECTS_AT_ONCE are under way, the rest wait here as one closure each (a 64x clone asks for 19,200 at
   * once). A `get` of one still waiting here reads it at once; its turn here then finds it read.
   */
  prefetch(gateway: OrgGateway, vectorStoreId: string, fileId: string, signal?: AbortSignal): void {
    if (this.#known?.get(gateway.connectionId, vectorStoreId, fileId)) return;
    this.#queued.push(() => this.get(gateway, vectorStoreId, fileId, signal));
    this.#pump();
  }

  #pump(): void {
    while (this.#reading < OBJECTS_AT_ONCE && this.#head < this.#queued.length) {
      const read = this.#queued[this.#head]!;
      this.#queued[this.#head++] = undefined;
      this.#reading += 1;
      // get() never rejects: a failed read is a digest of '' (no text).
      void read().finally(() => {
        this.#reading -= 1;
        this.#pump();
      });
    }
    if (this.#head === this.#queued.length) {
      this.#queued = [];
      this.#head = 0;
    }
  }
}

const textual = new WeakMap<ClonePlan, Set<string>>();

/** The files verify will compare by parsed text: promised, not downloadable, not reconstructed. */
export function comparedByText(ctx: { plan: ClonePlan }, fileKey: string): boolean {
  let keys = textual.get(ctx.plan);
  if (!keys) {
    keys = new Set(
      ctx.plan.files
        .filter(
          (f) => !f.lossy && (f.action === 'create' || f.action === 'reuse') && UNDOWNLOADABLE_PURPOSES.has(f.purpose),
        )
        .map((f) => f.key),
    );
    textual.set(ctx.plan, keys);
  }
  return keys.has(fileKey);
}

/** Reads the source's parsed text of each such file, once, from the first planned store that holds it. */
export function prefetchSourceTexts(ctx: {
  plan: ClonePlan;
  source: OrgGateway;
  digests: ParsedDigests;
  signal: AbortSignal;
}): void {
  const sourceIds = new Map(ctx.plan.files.map((f) => [f.key, f.sourceId]));
  const seen = new Set<string>();
  for (const store of ctx.plan.vectorStores) {
    if (store.action !== 'create' && store.action !== 'reuse') continue;
    for (const planned of store.files) {
      if (seen.has(planned.fileKey) || !comparedByText(ctx, planned.fileKey)) continue;
      seen.add(planned.fileKey);
      ctx.digests.prefetch(ctx.source, store.sourceId, sourceIds.get(planned.fileKey) ?? '', ctx.signal);
    }
  }
}
