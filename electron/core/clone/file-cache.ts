import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { access, chmod, copyFile, open, readFile, rename, rm, writeFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { READ_WHOLE_BYTES } from '../openai/files-api.ts';
import { JsonRecordStore } from '../storage/json-store.ts';
import { mkdirPrivate, PRIVATE_FILE_MODE } from '../settings/private-state.ts';

/**
 * Larger files are not copied into the cache: a second copy of gigabytes costs more than pointing Ferry at
 * the folder of originals again, which is where the bytes of such files come from in the first place.
 */
export const CACHE_MAX_FILE_BYTES = 64 * 1024 * 1024;

/**
 * Files up to this size are kept in a pack, one after another, rather than in a file each: making a file
 * costs the file system far more than appending to one (about 1 ms of kernel time here against tens of
 * microseconds), and a clone keeps hundreds or thousands of small files while its requests are in flight.
 */
export const PACK_MAX_FILE_BYTES = 256 * 1024;

interface CacheEntry {
  sha256: string;
  filename: string;
  bytes: number;
  lossy?: boolean;
  /** The pack holding the bytes (a file in the cache folder), and where in it they start. */
  pack?: string;
  offset?: number;
}
const CacheEntrySchema = z.looseObject({
  sha256: z.string(),
  filename: z.string(),
  bytes: z.number(),
  lossy: z.boolean().optional(),
  pack: z
    .string()
    .regex(/^pack-[0-9a-f-]+$/, 'a pack file name')
    .optional(),
  offset: z.number().int().nonnegative().optional(),
});

/** Where a blob's bytes are: a file of their own (named by the SHA-256), or a range of a pack. */
type Location = { pack: string; offset: number } | 'own file';

/** A cache hit: the entry, and the file holding its bytes (at `offset`, for a pack). */
export interface CacheHit {
  entry: CacheEntry;
  path: string;
  offset?: number;
}

/**
 * Ferry's own copy of the bytes of files it uploaded with a purpose the API will not give back
 * (`assistants`, `user_data`). Without it, a file Ferry cloned once could never be cloned again from the
 * destination onwards. Entries are by the file id the bytes were uploaded as; a large blob is a file named
 * by its SHA-256, small ones share the pack of the run that kept them (one pack per run, appended only by
 * this process, so every offset is known). Bytes read back from a pack are checked against their SHA-256,
 * so a pack cut short by a crash is a miss, never wrong bytes.
 */
export class FileCache {
  readonly #dir: string;
  readonly #index: JsonRecordStore<CacheEntry>;
  /** Where each blob's bytes were when this process first asked the index (an earlier run's). */
  #indexed: Map<string, Location> | undefined;
  /** The blobs this process has kept (or found kept), by SHA-256: where each is, once written. */
  readonly #kept = new Map<string, Promise<Location>>();
  /** The pack this run appends to, and the chain its writes go through one by one. */
  #pack: Pack | undefined;
  #writes: Promise<unknown> = Promise.resolve();

  constructor(stateDir: string) {
    this.#dir = join(stateDir, 'cache', 'files');
    mkdirPrivate(this.#dir);
    this.#index = new JsonRecordStore(join(stateDir, 'cache', 'index.json'), {
      entry: CacheEntrySchema as z.ZodType<CacheEntry>,
      fix: 'It only indexes the bytes Ferry kept of files it cloned; move it aside and Ferry starts a new index (files whose bytes the API will not give back then need their folder of originals).',
    });
  }

  /** The cached bytes of a file id, when present and of the expected size (see {@link FileCache.open}). */
  lookup(fileId: string, bytes?: number): CacheHit | undefined {
    const entry = this.#index.get(fileId);
    if (!entry) return undefined;
    if (bytes !== undefined && entry.bytes !== bytes) return undefined;
    if (entry.pack !== undefined) {
      const path = join(this.#dir, entry.pack);
      const offset = entry.offset ?? 0;
      return (sizeOf(path) ?? -1) >= offset + entry.bytes ? { entry, path, offset } : undefined;
    }
    const path = join(this.#dir, entry.sha256);
    return existsSync(path) ? { entry, path } : undefined;
  }

  /**
   * The cached bytes of a file id as a file to send: a blob of its own as it is, or a pack's range copied
   * into `spool` (then `temporary`, for the caller to remove). Bytes that no longer match their SHA-256 (a
   * pack cut short) are a miss.
   */
  async open(
    fileId: string,
    bytes: number,
    spool: string,
  ): Promise<{ path: string; temporary: boolean; entry: CacheEntry } | undefined> {
    const hit = this.lookup(fileId, bytes);
    if (!hit) return undefined;
    if (hit.offset === undefined) return { path: hit.path, temporary: false, entry: hit.entry };
    const data = Buffer.alloc(bytes);
    const handle = await open(hit.path, 'r');
    try {
      const { bytesRead } = await handle.read(data, 0, bytes, hit.offset);
      if (bytesRead !== bytes) return undefined;
    } finally {
      await handle.close();
    }
    if (sha256Of(data) !== hit.entry.sha256) return undefined;
    await writeFile(spool, data, { mode: PRIVATE_FILE_MODE });
    return { path: spool, temporary: true, entry: hit.entry };
  }

  /**
   * Records the bytes at `path` as those of `fileIds`. With `move`, the file is taken over (a temporary
   * spool file); otherwise it is copied (an admin's original stays where it is). `sha256`, when the caller
   * has just hashed those bytes (an upload hashes what it sends), saves reading them a second time; `data`,
   * the bytes themselves as the caller read them (a small file's), saves reading them at all.
   */
  async remember(
    path: string,
    fileIds: string[],
    info: { filename: string; bytes: number; lossy?: boolean; sha256?: string; data?: Uint8Array | undefined },
    move: boolean,
  ): Promise<void> {
    const sha256 = info.sha256 ?? (info.data ? sha256Of(info.data) : await hashFile(path, info.bytes));
    // One keep per content, however many files of it are remembered at once.
    let keeping = this.#kept.get(sha256);
    const mine = keeping === undefined;
    if (keeping === undefined) {
      const started = this.#keep(sha256, path, info.bytes, move, info.data);
      keeping = started;
      this.#kept.set(sha256, started);
      // A keep that failed is forgotten, so a later file of that content tries again.
      started.catch(() => {
        if (this.#kept.get(sha256) === started) this.#kept.delete(sha256);
      });
    }
    const where = await keeping;
    if (!mine && move) await rm(path, { force: true });
    for (const id of fileIds)
      this.#index.set(id, {
        sha256,
        filename: info.filename,
        bytes: info.bytes,
        ...(info.lossy ? { lossy: true } : {}),
        ...(where === 'own file' ? {} : { pack: where.pack, offset: where.offset }),
      });
  }

  /** Keeps the bytes at `path` (of `sha256`, or `data`), unless they are kept already: where they are now. */
  async #keep(sha256: string, path: string, bytes: number, move: boolean, data?: Uint8Array): Promise<Location> {
    const known = await this.#locate(sha256);
    if (known !== undefined) {
      if (move) await rm(path, { force: true });
      return known;
    }
    if (bytes <= PACK_MAX_FILE_BYTES) {
      // Bytes handed over are the very bytes hashed; bytes read now were hashed by the caller a moment ago,
      // and an original changed since is not kept under that hash.
      const content = data?.byteLength === bytes ? data : await readFile(path);
      if (content !== data && sha256Of(content) !== sha256)
        throw new Error(`${path} changed while Ferry was keeping a copy of it.`);
      const where = await this.#append(content);
      if (move) await rm(path, { force: true });
      return where;
    }
    const blob = join(this.#dir, sha256);
    if (move) await rename(path, blob);
    else {
      // Off the main thread, whatever the size: a synchronous copy stalls every request in flight.
      // Copied beside and renamed, so no reader (nor a crash) ever sees half a blob; copyFile keeps the
      // original's mode (often 0644), and the copy is the admin's alone.
      const partial = `${blob}.${process.pid}.${++copies}.partial`;
      try {
        await copyFile(path, partial);
        await chmod(partial, PRIVATE_FILE_MODE);
        await rename(partial, blob);
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
    }
    return 'own file';
  }

  /** Writes the index and closes this run's pack (the next run starts a pack of its own). */
  async flush(): Promise<void> {
    const pack = this.#pack;
    this.#pack = undefined;
    if (pack) {
      await this.#writes.catch(() => undefined);
      await (await pack.handle.catch(() => undefined))?.close();
    }
    this.#index.flush();
  }

  /**
   * Where the blob of `sha256` is already, if anywhere: one this process kept, or one the index names (an
   * own file is looked for off the main thread; a pack is checked when it is read back).
   */
  async #locate(sha256: string): Promise<Location | undefined> {
    if (!this.#indexed) {
      this.#indexed = new Map();
      for (const entry of Object.values(this.#index.all()))
        this.#indexed.set(
          entry.sha256,
          entry.pack === undefined ? 'own file' : { pack: entry.pack, offset: entry.offset ?? 0 },
        );
    }
    const where = this.#indexed.get(sha256);
    if (where !== 'own file') return where;
    const there = await access(join(this.#dir, sha256)).then(
      () => true,
      () => false,
    );
    return there ? where : undefined;
  }

  /**
   * Appends `data` to this run's pack, one write after another so each offset is exact. Bytes that arrive
   * while a write is under way go out together in the next one (a clone keeps a small file per upload
   * answered, and each write through the promise API costs the main thread more than the bytes do). A
   * write that fails (a full disk) leaves the pack's end unknown: it takes no more writes, and the next
   * goes to a new pack.
   */
  async #append(data: Uint8Array): Promise<{ pack: string; offset: number }> {
    if (!this.#pack || this.#pack.broken) {
      const name = `pack-${randomUUID()}`;
      const handle = open(join(this.#dir, name), 'a', PRIVATE_FILE_MODE);
      // Awaited by the first write; a failure to open is that write's (and every later one's) to report.
      handle.catch(() => undefined);
      this.#pack = { name, handle, size: 0, broken: false, queued: [] };
    }
    const pack = this.#pack;
    const offset = pack.size;
    pack.size += data.length;
    const written = new Promise<void>((resolve, reject) => pack.queued.push({ data, resolve, reject }));
    if (pack.queued.length === 1) {
      const write = this.#writes.then(() => writeQueued(pack));
      this.#writes = write.catch(() => undefined);
    }
    await written;
    return { pack: pack.name, offset };
  }
}

/** Writes what is queued for `pack` as one buffer, in order, and settles each part's promise. */
async function writeQueued(pack: Pack): Promise<void> {
  const parts = pack.queued.splice(0);
  try {
    if (pack.broken) throw new Error(`Ferry's cache pack ${pack.name} could not be written to before.`);
    const handle = await pack.handle;
    const bytes = parts.length === 1 ? parts[0]!.data : Buffer.concat(parts.map((part) => part.data));
    for (let done = 0; done < bytes.length;) {
      const { bytesWritten } = await handle.write(bytes, done, bytes.length - done);
      done += bytesWritten;
    }
    for (const part of parts) part.resolve();
  } catch (error) {
    pack.broken = true;
    for (const part of parts) part.reject(error);
  }
}

/** The pack this run appends to: its size so far (every byte queued), and what waits to be written. */
interface Pack {
  name: string;
  handle: Promise<FileHandle>;
  size: number;
  broken: boolean;
  queued: { data: Uint8Array; resolve: () => void; reject: (error: unknown) => void }[];
}

/** A file's size, or undefined where there is none to read (gone, or not ours to see): one system call. */
export function sizeOf(path: string): number | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false })?.size;
  } catch {
    return undefined;
  }
}

/** Names each copy in progress apart (two files of one content may be copied at once). */
let copies = 0;

/** Below this, one read beats a stream (a stream costs more to set up than a small file takes to hash). */
const HASH_IN_ONE_READ_BYTES = 4 * 1024 * 1024;
/** The sha256 of bytes in hand, in hex (the form every hash Ferry records takes). */
export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function hashFile(path: string, bytes?: number): Promise<string> {
  // A small file is read synchronously: the promise API's file handle costs several times the read
  // itself (a clone hashes every file it sends), and the wait is microseconds.
  if (bytes !== undefined && bytes <= READ_WHOLE_BYTES) return sha256Of(readFileSync(path));
  if (bytes !== undefined && bytes <= HASH_IN_ONE_READ_BYTES)
    return createHash('sha256')
      .update(await readFile(path))
      .digest('hex');
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
