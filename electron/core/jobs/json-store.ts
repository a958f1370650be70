import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileAtomic } from './durable-file.ts';

const FLUSH_DELAY_MS = 250;

/**
 * A JSON record-of-records on disk, kept in memory and written back shortly after changes (many changes,
 * one write) and on flush(). A write merges this process's changes over what the file holds then, so
 * two processes (the app and the CLI) add to it rather than overwrite each other. Nothing in it is the
 * only record of a create: clone journals are, and a resumed job repairs what a crash kept from here.
 */
export class JsonRecordStore<T> {
  readonly #path: string;
  #entries: Record<string, T> | null = null;
  readonly #changes = new Map<string, T | null>();
  #timer: NodeJS.Timeout | null = null;

  constructor(path: string) {
    this.#path = path;
    mkdirSync(dirname(path), { recursive: true });
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

  /** Writes pending changes now. */
  flush(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#changes.size === 0) return;
    const merged = this.#read();
    for (const [key, value] of this.#changes) {
      if (value === null) delete merged[key];
      else merged[key] = value;
    }
    this.#changes.clear();
    writeFileAtomic(this.#path, JSON.stringify(merged));
    this.#entries = merged;
  }

  #schedule(): void {
    this.#timer ??= setTimeout(() => this.flush(), FLUSH_DELAY_MS);
  }

  #read(): Record<string, T> {
    try {
      return JSON.parse(readFileSync(this.#path, 'utf8')) as Record<string, T>;
    } catch {
      return {};
    }
  }
}
