import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { chmod, copyFile, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { JsonRecordStore } from '../storage/json-store.ts';
import { mkdirPrivate, PRIVATE_FILE_MODE } from '../settings/private-state.ts';

/**
 * Larger files are not copied into the cache: a second copy of gigabytes costs more than pointing Ferry at
 * the folder of originals again, which is where the bytes of such files come from in the first place.
 */
export const CACHE_MAX_FILE_BYTES = 64 * 1024 * 1024;

interface CacheEntry {
  sha256: string;
  filename: string;
  bytes: number;
  lossy?: boolean;
}
const CacheEntrySchema = z.looseObject({
  sha256: z.string(),
  filename: z.string(),
  bytes: z.number(),
  lossy: z.boolean().optional(),
});

/**
 * Ferry's own copy of the bytes of files it uploaded with a purpose the API will not give back
 * (`assistants`, `user_data`). Without it, a file Ferry cloned once could never be cloned again from the
 * destination onwards. Blobs are stored by SHA-256, entries by the file id they were uploaded as.
 */
export class FileCache {
  readonly #dir: string;
  readonly #index: JsonRecordStore<CacheEntry>;

  constructor(stateDir: string) {
    this.#dir = join(stateDir, 'cache', 'files');
    mkdirPrivate(this.#dir);
    this.#index = new JsonRecordStore(join(stateDir, 'cache', 'index.json'), {
      entry: CacheEntrySchema as z.ZodType<CacheEntry>,
      fix: 'It only indexes the bytes Ferry kept of files it cloned; move it aside and Ferry starts a new index (files whose bytes the API will not give back then need their folder of originals).',
    });
  }

  /** The cached bytes of a file id, when present and of the expected size. */
  lookup(fileId: string, bytes?: number): { path: string; entry: CacheEntry } | undefined {
    const entry = this.#index.get(fileId);
    if (!entry) return undefined;
    if (bytes !== undefined && entry.bytes !== bytes) return undefined;
    const path = join(this.#dir, entry.sha256);
    return existsSync(path) ? { path, entry } : undefined;
  }

  /**
   * Records the bytes at `path` as those of `fileIds`. With `move`, the file is taken over (a temporary
   * spool file); otherwise it is copied (an admin's original stays where it is). `sha256`, when the caller
   * has just hashed those bytes (an upload hashes what it sends), saves reading them a second time.
   */
  async remember(
    path: string,
    fileIds: string[],
    info: { filename: string; bytes: number; lossy?: boolean; sha256?: string },
    move: boolean,
  ): Promise<void> {
    const sha256 = info.sha256 ?? (await hashFile(path, info.bytes));
    const blob = join(this.#dir, sha256);
    if (!existsSync(blob)) {
      if (move) await rename(path, blob);
      else {
        // Off the main thread, whatever the size: a clone keeps hundreds of small files while its uploads
        // are in flight, and a synchronous copy stalls every request on a busy disk (~1 s of a loaded
        // clone's profile). Copied beside and renamed, so no reader (nor a crash) ever sees half a blob;
        // copyFile keeps the original's mode (often 0644), and the copy is the admin's alone.
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
    } else if (move) {
      await rm(path, { force: true });
    }
    for (const id of fileIds)
      this.#index.set(id, {
        sha256,
        filename: info.filename,
        bytes: info.bytes,
        ...(info.lossy ? { lossy: true } : {}),
      });
  }

  flush(): void {
    this.#index.flush();
  }
}

/** Names each copy in progress apart (two files of one content may be copied at once). */
let copies = 0;

/** Below this, one read beats a stream (a stream costs more to set up than a small file takes to hash). */
const HASH_IN_ONE_READ_BYTES = 4 * 1024 * 1024;
/**
 * Below this, a file is read or copied synchronously: for a small file the promise API's file handle
 * costs several times the read itself (a clone hashes every file it sends), and the wait is microseconds.
 */
const READ_AT_ONCE_BYTES = 256 * 1024;

export async function hashFile(path: string, bytes?: number): Promise<string> {
  if (bytes !== undefined && bytes <= READ_AT_ONCE_BYTES)
    return createHash('sha256').update(readFileSync(path)).digest('hex');
  if (bytes !== undefined && bytes <= HASH_IN_ONE_READ_BYTES)
    return createHash('sha256')
      .update(await readFile(path))
      .digest('hex');
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
