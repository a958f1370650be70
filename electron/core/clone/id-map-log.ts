import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync, truncateSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { stateWriteError, syncDir } from '../storage/durable-file.ts';

/** One change of the id map: a link made (`e`) or removed (`e: null`). */
export interface IdMapLine<T> {
  s: string;
  e: T | null;
}

interface Pending<T> {
  line: IdMapLine<T>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * The id map's append-only log. An append resolves once its line is on disk (fdatasync); lines that arrive
 * while a sync is under way are written and synced together (group commit, as the job journal does), so
 * thirty uploads finishing at once cost one sync, and the event loop never waits on the disk. Each batch is
 * one write of whole lines, so a second process appending to the same log never interleaves with it.
 */
export class IdMapLog<T> {
  readonly #path: string;
  #handle: FileHandle | null = null;
  readonly #queue: Pending<T>[] = [];
  /** Source ids with a change queued or being written: a refresh must not fold an older line over them. */
  readonly #inFlight = new Map<string, number>();
  #draining: Promise<void> | null = null;
  #repaired = false;

  constructor(path: string) {
    this.#path = path;
  }

  append(line: IdMapLine<T>): Promise<void> {
    this.#inFlight.set(line.s, (this.#inFlight.get(line.s) ?? 0) + 1);
    const written = new Promise<void>((resolve, reject) => {
      this.#queue.push({ line, resolve, reject });
      this.#draining ??= this.#drain();
    });
    // Callers that do not wait (a link repaired in passing) must not turn a failed write into a crash;
    // those that wait see the rejection.
    written.catch(() => {});
    return written;
  }

  pending(sourceId: string): boolean {
    return this.#inFlight.has(sourceId);
  }

  /** Resolves when everything appended so far is on disk (or has failed, which its appender saw). */
  async idle(): Promise<void> {
    while (this.#draining) await this.#draining;
  }

  async #drain(): Promise<void> {
    try {
      while (this.#queue.length > 0) {
        while (this.#queue.length > 0) await this.#writeBatch(this.#queue.splice(0));
        // Closed when there is nothing left to write: a map nobody flushes holds no descriptor. Lines that
        // arrive meanwhile go out in the next round of the outer loop.
        const handle = this.#handle;
        this.#handle = null;
        await handle?.close().catch(() => {});
      }
    } finally {
      this.#draining = null;
    }
  }

  async #writeBatch(batch: Pending<T>[]): Promise<void> {
    const text = batch.map((p) => `${JSON.stringify(p.line)}\n`).join('');
    let handle: FileHandle | undefined;
    let before: number | undefined;
    try {
      handle = await this.#open();
      before = (await handle.stat()).size;
      const { bytesWritten } = await handle.write(text);
      if (bytesWritten !== Buffer.byteLength(text))
        throw new Error(`Short write to ${this.#path}: ${bytesWritten} of ${Buffer.byteLength(text)} bytes.`);
      await handle.datasync();
      for (const p of batch) p.resolve();
    } catch (error) {
      // A write cut short (a full disk) is cut back to the last whole line, so later lines start clean, and
      // a full disk is said as such: which file, how many bytes.
      if (handle && before !== undefined) await handle.truncate(before).catch(() => {});
      const reported = stateWriteError(this.#path, Buffer.byteLength(text), error);
      for (const p of batch) p.reject(reported);
    } finally {
      for (const p of batch) {
        const left = (this.#inFlight.get(p.line.s) ?? 1) - 1;
        if (left <= 0) this.#inFlight.delete(p.line.s);
        else this.#inFlight.set(p.line.s, left);
      }
    }
  }

  async #open(): Promise<FileHandle> {
    if (this.#handle) return this.#handle;
    const fresh = !existsSync(this.#path);
    if (!fresh && !this.#repaired) repairTornTail(this.#path);
    this.#repaired = true;
    this.#handle = await open(this.#path, 'a', 0o600);
    if (fresh) syncDir(dirname(this.#path));
    return this.#handle;
  }
}

/** A line cut short by a crash mid-write is dropped before appending, so the next line starts clean. */
function repairTornTail(path: string): void {
  const fd = openSync(path, 'r');
  const last = Buffer.alloc(1);
  try {
    const size = fstatSync(fd).size;
    if (size === 0 || (readSync(fd, last, 0, 1, size - 1) === 1 && last[0] === 0x0a)) return;
  } finally {
    closeSync(fd);
  }
  const content = readFileSync(path);
  truncateSync(path, content.lastIndexOf(0x0a) + 1);
}
