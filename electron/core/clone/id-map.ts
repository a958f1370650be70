import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { FerryError } from '../errors.ts';
import { IdMapLog, type IdMapLine } from './id-map-log.ts';

export interface IdMapEntry {
  kind: 'file' | 'vector_store' | 'assistant' | 'agent';
  destinationId: string;
  at: string;
  /** For files: the bytes were reconstructed from parsed text. */
  lossy?: boolean;
  /** For files: the sha256 of the bytes Ferry sent, so a later verify can compare content. */
  sha256?: string;
}

/**
 * Which destination object each source object became, per pair of connections. File objects carry no
 * metadata, so for files this map is the only link; for the others it backs up the `cloned_from` marker.
 *
 * It lives in an append-only log (one JSON line per change, group-committed with fdatasync by
 * {@link IdMapLog}), folded on read: a change is on disk when `set` resolves, so a job killed right after
 * a create leaves the link for the next plan, and two processes (the app and the CLI) append to one log
 * without overwriting each other. `refresh` folds in what others appended since. An id map of the older
 * format (one JSON object, written 250 ms after a change) is read as the starting point.
 */
export class IdMap {
  readonly #entries = new Map<string, IdMapEntry>();
  /** destination id → source id: reconcile asks this for every candidate, so it must not scan. */
  readonly #bySource = new Map<string, string>();
  readonly #log: IdMapLog<IdMapEntry>;
  readonly #path: string;
  #readUpTo = 0;

  constructor(stateDir: string, sourceConnectionId: string, destinationConnectionId: string) {
    const dir = join(stateDir, 'idmap');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const base = join(dir, `${sourceConnectionId}--${destinationConnectionId}`);
    this.#path = `${base}.jsonl`;
    this.#readLegacy(`${base}.json`);
    this.#log = new IdMapLog(this.#path);
    this.refresh();
  }

  get(sourceId: string): IdMapEntry | undefined {
    return this.#entries.get(sourceId);
  }

  /** The source id mapped to a destination id, if any (for reconciling lost creates). Constant time. */
  sourceOf(destinationId: string): string | undefined {
    return this.#bySource.get(destinationId);
  }

  /** Records a link; resolves once it is on disk (synced together with the links made alongside it). */
  set(sourceId: string, entry: IdMapEntry): Promise<void> {
    this.#apply(sourceId, entry);
    return this.#log.append({ s: sourceId, e: entry });
  }

  delete(sourceIds: Iterable<string>): Promise<void> {
    const writes: Promise<void>[] = [];
    for (const sourceId of sourceIds) {
      this.#apply(sourceId, null);
      writes.push(this.#log.append({ s: sourceId, e: null }));
    }
    return Promise.all(writes).then(() => undefined);
  }

  /** Resolves when every change made so far is on disk. */
  flush(): Promise<void> {
    return this.#log.idle();
  }

  /**
   * Folds in lines appended since the last read, by this map or by another process's (another job's
   * creates, seen by the re-check before a create). Changes of this map not yet written stand.
   */
  refresh(): void {
    if (!existsSync(this.#path)) return;
    const fd = openSync(this.#path, 'r');
    let text: string;
    try {
      const size = fstatSync(fd).size;
      if (size <= this.#readUpTo) return;
      const buffer = Buffer.alloc(size - this.#readUpTo);
      const read = readSync(fd, buffer, 0, buffer.length, this.#readUpTo);
      text = buffer.subarray(0, read).toString('utf8');
    } finally {
      closeSync(fd);
    }
    // Only whole lines are taken; a line still being written (or torn by a crash) waits for the next read.
    const end = text.lastIndexOf('\n');
    if (end < 0) return;
    const parsed = text
      .slice(0, end)
      .split('\n')
      .map((line, index) => {
        if (!line.trim()) return undefined;
        const change = parseLine(line);
        if (!change) {
          throw new FerryError(
            'storage',
            `Ferry's id map ${this.#path} is damaged at line ${lineNumberAt(this.#path, this.#readUpTo) + index}. Ferry will not guess which objects were cloned: move the file aside to start the links afresh (the next clone then finds earlier clones by their markers only), or restore it from a backup.`,
          );
        }
        return change;
      });
    this.#readUpTo += Buffer.byteLength(text.slice(0, end + 1));
    for (const change of parsed) if (change && !this.#log.pending(change.s)) this.#apply(change.s, change.e);
  }

  #apply(sourceId: string, entry: IdMapEntry | null): void {
    const old = this.#entries.get(sourceId);
    if (old && this.#bySource.get(old.destinationId) === sourceId) this.#bySource.delete(old.destinationId);
    if (entry) {
      this.#entries.set(sourceId, entry);
      this.#bySource.set(entry.destinationId, sourceId);
    } else {
      this.#entries.delete(sourceId);
    }
  }

  #readLegacy(path: string): void {
    if (!existsSync(path)) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(path, 'utf8'));
    } catch {
      throw new FerryError(
        'storage',
        `Ferry's id map ${path} is damaged (not JSON). Ferry will not guess which objects were cloned: move the file aside to start the links afresh, or restore it from a backup.`,
      );
    }
    for (const [sourceId, entry] of Object.entries((parsed ?? {}) as Record<string, unknown>)) {
      if (isEntry(entry)) this.#apply(sourceId, entry);
    }
  }
}

function parseLine(line: string): IdMapLine<IdMapEntry> | undefined {
  try {
    const value = JSON.parse(line) as Partial<IdMapLine<IdMapEntry>>;
    if (typeof value.s !== 'string') return undefined;
    if (value.e === null) return { s: value.s, e: null };
    return isEntry(value.e) ? { s: value.s, e: value.e } : undefined;
  } catch {
    return undefined;
  }
}

function isEntry(value: unknown): value is IdMapEntry {
  const entry = value as Partial<IdMapEntry> | null;
  return (
    typeof entry === 'object' &&
    entry !== null &&
    typeof entry.destinationId === 'string' &&
    typeof entry.kind === 'string'
  );
}

/** The 1-based line number at a byte offset (only read when a damaged line is reported). */
function lineNumberAt(path: string, offset: number): number {
  if (offset === 0) return 1;
  const head = readFileSync(path).subarray(0, offset);
  let lines = 1;
  for (const byte of head) if (byte === 0x0a) lines += 1;
  return lines;
}
