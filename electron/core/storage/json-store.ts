import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './durable-file.ts';
import { readStateFile } from './state-file.ts';

const FLUSH_DELAY_MS = 250;
/**
 * The most of its time a busy store spends writing itself: a big one waits longer between writes. A
 * 16x clone keeps two (the file cache's index and the parsed-text digests, thousands of entries each,
 * rewritten whole): at 5% each they took 0.5 s of its 16 s of CPU. Their entries are what Ferry learned
 * (a copy kept, a digest read), lost to a crash only until it is learned again, so 1% is enough.
 */
const FLUSH_SHARE = 0.01;

export interface JsonRecordStoreOptions<T> {
  /** The shape of one entry; a file whose entries do not match is reported as damaged. */
  entry?: z.ZodType<T>;
  /** What an admin should do when the file is damaged (it is never silently replaced). */
  fix?: string;
}

/**
 * A JSON record-of-records on disk, kept in memory and written back shortly after changes (many changes,
 * one write) and on flush(). A write merges this process's changes over what the file holds then, so
 * two processes (the app and the CLI) add to it rather than overwrite each other. A damaged file throws
 * (naming it) on read and on write rather than being replaced by `{}`: for the id map, replacing it would
 * forget which objects Ferry made and the next clone would make them again.
 */
export class JsonRecordStore<T> {
  readonly #path: string;
  readonly #schema: z.ZodType<Record<string, T>>;
  readonly #fix: string;
  #entries: Record<string, T> | null = null;
  readonly #changes = new Map<string, T | null>();
  #timer: NodeJS.Timeout | null = null;
  /** The last background write's failure, thrown by the next flush() so it is not lost. */
  #failure: unknown = null;
  /** The file as this store last wrote or read it: while it is still that file, it need not be read again. */
  #seen: string | null = null;
  #delayMs = FLUSH_DELAY_MS;

  constructor(path: string, options: JsonRecordStoreOptions<T> = {}) {
    this.#path = path;
    this.#schema = z.record(z.string(), (options.entry ?? z.unknown()) as z.ZodType<T>);
    this.#fix = options.fix ?? 'Restore it from a backup, or move it aside and run again.';
    mkdirSync(dirname(path), { recursive: true });
  }

  get path(): string {
    return this.#path;
  }

  all(): Record<string, T> {
    this.#entries ??= this.#read();
    return this.#entries;
  }

  get(key: string): T | undefined {
    return this.all()[key];
  }

  set(key: string, value: T): void {
    this.all()[key] = value;
    this.#changes.set(key, value);
    this.#schedule();
  }

  delete(keys: Iterable<string>): void {
    const entries = this.all();
    for (const key of keys) {
      delete entries[key];
      this.#changes.set(key, null);
    }
    this.#schedule();
  }

  /**
   * Writes pending changes now. On failure (a full disk, a file damaged meanwhile) the changes stay
   * pending, so a later flush once there is room still writes them, and the error names the file.
   */
  flush(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#changes.size === 0) {
      const failure = this.#failure;
      this.#failure = null;
      if (failure) throw failure;
      return;
    }
    const started = performance.now();
    // Another process's changes are merged in: only when the file is no longer the one this store last
    // wrote or read (a write replaces it, so its inode, size or mtime differ). Re-reading and validating
    // a file of thousands of entries on every write made the cache index cost grow with the square of a job.
    const merged = this.#entries !== null && this.#seen === fingerprint(this.#path) ? this.#entries : this.#read();
    for (const [key, value] of this.#changes) {
      if (value === null) delete merged[key];
      else merged[key] = value;
    }
    writeFileAtomic(this.#path, JSON.stringify(merged));
    this.#seen = fingerprint(this.#path);
    this.#changes.clear();
    this.#failure = null;
    this.#entries = merged;
    this.#delayMs = Math.max(FLUSH_DELAY_MS, (performance.now() - started) / FLUSH_SHARE);
  }

  #schedule(): void {
    this.#timer ??= setTimeout(() => {
      try {
        this.flush();
      } catch (error) {
        // A background write has no caller to tell: keep the changes and the error for the next flush().
        this.#failure = error;
      }
    }, this.#delayMs);
  }

  #read(): Record<string, T> {
    const seen = fingerprint(this.#path);
    const entries = readStateFile(this.#path, this.#schema, this.#fix) ?? {};
    this.#seen = seen;
    return entries;
  }
}

/** Which file is at `path` now (inode, size, mtime), or null when there is none. */
function fingerprint(path: string): string | null {
  const stat = statSync(path, { throwIfNoEntry: false });
  return stat ? `${stat.ino}:${stat.size}:${stat.mtimeMs}` : null;
}
