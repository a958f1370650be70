import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { syncDir } from './durable-file.ts';

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

interface Pending {
  line: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Appends resolve once the record is on disk (fdatasync). Records that arrive while a sync is under way are
 * written and synced together (group commit), so thirty uploads finishing at once cost one sync, not
 * thirty, and the event loop never blocks on the disk.
 */
export class Journal {
  readonly path: string;
  #handle: FileHandle | null = null;
  readonly #queue: Pending[] = [];
  #draining: Promise<void> | null = null;

  constructor(path: string) {
    this.path = path;
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
        try {
          const handle = await this.#open();
          await handle.write(batch.map((p) => p.line).join(''));
          await handle.datasync();
          for (const p of batch) p.resolve();
        } catch (error) {
          for (const p of batch) p.reject(error);
        }
      }
    } finally {
      this.#draining = null;
    }
  }

  async #open(): Promise<FileHandle> {
    if (this.#handle) return this.#handle;
    const fresh = !existsSync(this.path);
    mkdirSync(dirname(this.path), { recursive: true });
    this.#handle = await open(this.path, 'a', 0o600);
    if (fresh) syncDir(dirname(this.path));
    return this.#handle;
  }

  /** Every complete record; a torn last line (the process died mid-write) is ignored. */
  static read(path: string): JournalRecord[] {
    if (!existsSync(path)) return [];
    const records: JournalRecord[] = [];
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        records.push(JSON.parse(line) as JournalRecord);
      } catch {
        break;
      }
    }
    return records;
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
  const state: JournalState = { created: new Map(), updated: new Map(), intents: new Map(), batches: new Map(), finished: new Map(), cleaned: new Set(), ended: null };
  for (const record of records) {
    switch (record.t) {
      case 'intent':
        state.intents.set(record.key, { at: record.at, ...(record.filename ? { filename: record.filename } : {}), ...(record.bytes !== undefined ? { bytes: record.bytes } : {}) });
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
