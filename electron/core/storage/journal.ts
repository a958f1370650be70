import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ShortWriteError, stateWriteError, syncDir } from './durable-file.ts';

/**
 * What a job has done, one JSON line per event, durable before the job goes on. Replaying it after a crash
 * tells the executor what exists already (created), what may exist (intent without created: reconcile
 * before creating), and what is finished.
 */
export type JournalRecord =
  | { t: 'begin'; at: string; planId: string }
  | { t: 'intent'; key: string; at: string; filename?: string; bytes?: number }
  | { t: 'created'; key: string; destinationId: string; at: string }
  | { t: 'updated'; key: string; destinationId: string; at: string }
  | { t: 'batch'; key: string; batchId: string; fileIds: string[]; at: string }
  | { t: 'item'; key: string; state: 'done' | 'failed' | 'skipped'; error?: string; at: string }
  | { t: 'cleanup'; key: string; destinationId: string; at: string }
  | { t: 'end'; state: 'done' | 'failed' | 'cancelled'; at: string };

/** Something wrong found in a journal: where (file and line) and what, in words. */
export interface JournalProblem {
  path: string;
  /** 1-based line number of the record, when the problem is one record. */
  line?: number;
  message: string;
}

/** What reading a journal found: every whole, valid record, in order, and each problem it skipped. */
export interface JournalReading {
  records: JournalRecord[];
  problems: JournalProblem[];
  /** Where the last whole record ends, when what follows it is a torn write to cut off before appending. */
  tornAt?: number;
}

const KEYED = new Set(['intent', 'created', 'updated', 'batch', 'item', 'cleanup']);

/**
 * A record is an object with a kind (`t`); the kinds this version folds must carry their key and ids.
 * Kinds it does not know pass (a later version may add some) and are ignored by the fold.
 */
function recordProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a record';
  const record = value as Record<string, unknown>;
  if (typeof record['t'] !== 'string') return 'a record without a kind';
  if (KEYED.has(record['t']) && typeof record['key'] !== 'string') return `a "${record['t']}" record without a key`;
  if (
    (record['t'] === 'created' || record['t'] === 'updated' || record['t'] === 'cleanup') &&
    typeof record['destinationId'] !== 'string'
  )
    return `a "${record['t']}" record without a destination id`;
  return undefined;
}

/**
 * Parses a journal's text. A bad record in the middle is skipped and reported with its line number, and
 * every record after it still counts (a `break` would make resume forget everything that followed). Text
 * after the last newline is a torn write when it is not a whole record: reported, and its offset given
 * so the writer can cut it off.
 */
export function parseJournal(path: string, text: string): JournalReading {
  const reading: JournalReading = { records: [], problems: [] };
  const lines = text.split('\n');
  const tail = lines.pop() ?? '';
  for (const [index, line] of lines.entries()) {
    if (!line.trim()) continue;
    const problem = parseLine(line, reading.records);
    if (problem)
      reading.problems.push({
        path,
        line: index + 1,
        message: `Line ${index + 1} of ${path} is ${problem}; skipped it and read on.`,
      });
  }
  if (tail.trim()) {
    const problem = parseLine(tail, reading.records);
    if (problem) {
      const at = Buffer.byteLength(text, 'utf8') - Buffer.byteLength(tail, 'utf8');
      reading.tornAt = at;
      reading.problems.push({
        path,
        line: lines.length + 1,
        message: `The last record of ${path} (line ${lines.length + 1}, ${Buffer.byteLength(tail, 'utf8')} bytes) was cut off by an interrupted write; it is removed before the job writes again, and resume checks the destination for what it may have made.`,
      });
    }
  }
  return reading;
}

function parseLine(line: string, into: JournalRecord[]): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return 'not valid JSON';
  }
  const problem = recordProblem(value);
  if (!problem) into.push(value as JournalRecord);
  return problem;
}

/** Reads a journal file: records and problems; a missing journal is an empty one. */
export function readJournal(path: string): JournalReading {
  if (!existsSync(path)) return { records: [], problems: [] };
  return parseJournal(path, readFileSync(path, 'utf8'));
}

/** The file calls the journal makes, injectable so a test can hand it a handle that writes short. */
export interface JournalHandle {
  write(buffer: Uint8Array, offset: number, length: number): Promise<{ bytesWritten: number }>;
  datasync(): Promise<void>;
  truncate(length: number): Promise<void>;
  close(): Promise<void>;
}
export type OpenJournal = (path: string) => Promise<JournalHandle>;

const openForAppend: OpenJournal = (path) => open(path, 'a', 0o600);

interface Pending {
  line: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Appends resolve once the record is on disk (fdatasync). Records that arrive while a sync is under way are
 * written and synced together (group commit), so thirty uploads finishing at once cost one sync, not
 * thirty, and the event loop never blocks on the disk. Before the first append a torn tail is cut off, so
 * a new record never glues onto half of an old one; a write that fails part-way (a full disk) is cut
 * back to the last whole record, so the file never holds half a record this process wrote.
 */
export class Journal {
  readonly path: string;
  /** What opening the journal repaired, for the job to report. */
  readonly repairs: JournalProblem[] = [];
  readonly #open: OpenJournal;
  #handle: JournalHandle | null = null;
  #size = 0;
  readonly #queue: Pending[] = [];
  #draining: Promise<void> | null = null;

  constructor(path: string, options: { open?: OpenJournal } = {}) {
    this.path = path;
    this.#open = options.open ?? openForAppend;
  }

  append(record: JournalRecord): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ line: `${JSON.stringify(record)}\n`, resolve, reject });
      this.#draining ??= this.#drain();
    });
  }

  async close(): Promise<void> {
    await this.#draining;
    await this.#handle?.close();
    this.#handle = null;
  }

  async #drain(): Promise<void> {
    try {
      while (this.#queue.length > 0) {
        const batch = this.#queue.splice(0);
        const bytes = Buffer.from(batch.map((p) => p.line).join(''), 'utf8');
        try {
          const handle = await this.#handleOpen();
          await this.#writeAll(handle, bytes);
          await handle.datasync();
          this.#size += bytes.length;
          for (const p of batch) p.resolve();
        } catch (error) {
          await this.#cutBack();
          const failure = stateWriteError(this.path, bytes.length, error);
          for (const p of batch) p.reject(failure);
        }
      }
    } finally {
      this.#draining = null;
    }
  }

  async #writeAll(handle: JournalHandle, bytes: Buffer): Promise<void> {
    let offset = 0;
    while (offset < bytes.length) {
      const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
      if (bytesWritten <= 0) throw new ShortWriteError(this.path, offset, bytes.length);
      offset += bytesWritten;
    }
  }

  /** After a failed write: truncate to the last whole record, or drop the handle if even that fails. */
  async #cutBack(): Promise<void> {
    if (!this.#handle) return;
    try {
      await this.#handle.truncate(this.#size);
    } catch {
      // The next open cuts a torn tail off anyway.
      await this.#handle.close().catch(() => undefined);
      this.#handle = null;
    }
  }

  async #handleOpen(): Promise<JournalHandle> {
    if (this.#handle) return this.#handle;
    const fresh = !existsSync(this.path);
    mkdirSync(dirname(this.path), { recursive: true });
    const reading = fresh ? undefined : readJournal(this.path);
    const handle = await this.#open(this.path);
    this.#size = fresh ? 0 : statSync(this.path).size;
    if (reading?.tornAt !== undefined) {
      await handle.truncate(reading.tornAt);
      await handle.datasync();
      this.#size = reading.tornAt;
      // parseJournal reports the torn tail last.
      const torn = reading.problems.at(-1);
      if (torn) this.repairs.push(torn);
    }
    this.#handle = handle;
    if (fresh) syncDir(dirname(this.path));
    return handle;
  }

  /** Every whole, valid record (problems are skipped: see {@link readJournal} to report them). */
  static read(path: string): JournalRecord[] {
    return readJournal(path).records;
  }
}

/** What a journal says about each key, folded. */
export interface JournalState {
  created: Map<string, string>;
  updated: Map<string, string>;
  intents: Map<string, { at: string; filename?: string; bytes?: number }>;
  batches: Map<string, { batchId: string; fileIds: string[] }>;
  finished: Map<string, { state: 'done' | 'failed' | 'skipped'; error?: string }>;
  cleaned: Set<string>;
  ended: 'done' | 'failed' | 'cancelled' | null;
}

export function foldJournal(records: JournalRecord[]): JournalState {
  const state: JournalState = {
    created: new Map(),
    updated: new Map(),
    intents: new Map(),
    batches: new Map(),
    finished: new Map(),
    cleaned: new Set(),
    ended: null,
  };
  for (const record of records) {
    switch (record.t) {
      case 'intent':
        state.intents.set(record.key, {
          at: record.at,
          ...(record.filename ? { filename: record.filename } : {}),
          ...(record.bytes !== undefined ? { bytes: record.bytes } : {}),
        });
        break;
      case 'created':
        state.created.set(record.key, record.destinationId);
        // Made again after a cleanup (a resume recreates what was removed): the new object stands.
        state.cleaned.delete(record.key);
        break;
      case 'updated':
        state.updated.set(record.key, record.destinationId);
        break;
      case 'batch':
        state.batches.set(record.key, { batchId: record.batchId, fileIds: record.fileIds });
        break;
      case 'item':
        state.finished.set(record.key, { state: record.state, ...(record.error ? { error: record.error } : {}) });
        break;
      case 'cleanup':
        state.cleaned.add(record.key);
        break;
      case 'end':
        state.ended = record.state;
        break;
      case 'begin':
        break;
    }
  }
  return state;
}
