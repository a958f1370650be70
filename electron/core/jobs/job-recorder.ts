import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { JobItem, JobState, JobView, StateProblem, VerifyReport } from '../../../shared/jobs.ts';
import { writeFileAtomic } from '../storage/durable-file.ts';

const EMIT_INTERVAL_MS = 100;
const PERSIST_INTERVAL_MS = 1000;

/**
 * Holds a job's view (progress as data), tells subscribers at most 10 times a second, and keeps job.json
 * on disk current enough to list jobs after a restart. The journal, not this file, is what resume trusts.
 */
export class JobRecorder {
  readonly #view: JobView;
  readonly #dir: string;
  readonly #emit: (view: JobView) => void;
  readonly #byKey = new Map<string, JobItem>();
  #emitTimer: NodeJS.Timeout | null = null;
  #lastEmit = 0;
  #lastPersist = 0;
  readonly #onPersistError: (error: unknown) => void;
  /** The last failed write of job.json (a full disk), until one succeeds. */
  persistError: unknown = null;

  constructor(view: JobView, dir: string, emit: (view: JobView) => void, onPersistError: (error: unknown) => void = () => {}) {
    this.#view = view;
    this.#dir = dir;
    this.#emit = emit;
    this.#onPersistError = onPersistError;
    mkdirSync(dir, { recursive: true });
    for (const item of view.items) this.#byKey.set(item.key, item);
  }

  get view(): JobView {
    return this.#view;
  }

  item(key: string): JobItem | undefined {
    return this.#byKey.get(key);
  }

  update(key: string, patch: Partial<JobItem>): void {
    const item = this.#byKey.get(key);
    if (!item) return;
    Object.assign(item, patch);
    if (patch.state !== undefined && patch.state !== 'failed' && patch.error === undefined) delete item.error;
    this.#changed(patch.state !== undefined);
  }

  setState(state: JobState, detail?: string, error?: string): void {
    this.#view.state = state;
    if (detail !== undefined) this.#view.detail = detail;
    if (error !== undefined) this.#view.error = error;
    else if (state === 'running') delete this.#view.error;
    this.#changed(true);
    this.flush();
  }

  setDetail(detail: string): void {
    this.#view.detail = detail;
    this.#changed(false);
  }

  setVerify(report: VerifyReport): void {
    this.#view.verify = report;
    this.#changed(true);
    this.flush();
  }

  /** Records damage found in the job's state files (each once), so the job card and the CLI name them. */
  addProblems(problems: StateProblem[]): void {
    if (problems.length === 0) return;
    const list = (this.#view.problems ??= []);
    for (const problem of problems) {
      if (!list.some((p) => p.path === problem.path && p.line === problem.line && p.message === problem.message)) list.push(problem);
    }
    this.#changed(true);
  }

  /** Emits and persists now (state changes, the end of a job). */
  flush(): void {
    if (this.#emitTimer) clearTimeout(this.#emitTimer);
    this.#emitTimer = null;
    this.#lastEmit = Date.now();
    this.#emit(structuredClone(this.#view));
    this.#persist();
  }

  #changed(important: boolean): void {
    const view = this.#view;
    view.updatedAt = new Date().toISOString();
    view.counts = countItems(view.items);
    view.progress = jobProgress(view.items);
    if (important && Date.now() - this.#lastPersist > PERSIST_INTERVAL_MS) this.#persist();
    const since = Date.now() - this.#lastEmit;
    if (since >= EMIT_INTERVAL_MS) this.#flushSoon(0);
    else this.#flushSoon(EMIT_INTERVAL_MS - since);
  }

  #flushSoon(delay: number): void {
    if (this.#emitTimer) return;
    this.#emitTimer = setTimeout(() => {
      this.#emitTimer = null;
      this.#lastEmit = Date.now();
      this.#emit(structuredClone(this.#view));
    }, delay);
  }

  /**
   * job.json is a convenience (the journal is what resume trusts), so a failed write (a full disk) must not
   * stop the job from reaching its journal's verdict: it is reported once and tried again next time.
   */
  #persist(): void {
    this.#lastPersist = Date.now();
    try {
      writeFileAtomic(join(this.#dir, 'job.json'), JSON.stringify(this.#view));
      this.persistError = null;
    } catch (error) {
      if (this.persistError === null) this.#onPersistError(error);
      this.persistError = error;
    }
  }
}

/** Done, failed, skipped and cancelled items, each counted apart: a cancelled item was not skipped. */
export function countItems(items: JobItem[]): JobView['counts'] {
  const counts = { total: items.length, done: 0, failed: 0, skipped: 0, cancelled: 0 };
  for (const item of items) {
    if (item.state === 'done') counts.done += 1;
    else if (item.state === 'failed') counts.failed += 1;
    else if (item.state === 'skipped') counts.skipped += 1;
    else if (item.state === 'cancelled') counts.cancelled += 1;
  }
  return counts;
}

/** The work done, 0..1: a cancelled item adds nothing, so a cancelled job's bar stops where its work did. */
export function jobProgress(items: JobItem[]): number {
  if (items.length === 0) return 1;
  return items.reduce((sum, item) => sum + itemProgress(item), 0) / items.length;
}

/** How far one item is, 0..1: bytes for files, ingestion for stores, state otherwise. */
function itemProgress(item: JobItem): number {
  if (item.state === 'cancelled') return 0;
  if (item.state === 'done' || item.state === 'failed' || item.state === 'skipped') return 1;
  if (item.state === 'pending') return 0;
  if (item.kind === 'file' && item.bytesTotal) return 0.1 + 0.85 * Math.min(1, (item.bytesDone ?? 0) / item.bytesTotal);
  if (item.kind === 'vector_store' && item.ingest && item.ingest.total > 0) {
    return 0.2 + 0.75 * ((item.ingest.completed + item.ingest.failed) / item.ingest.total);
  }
  return 0.1;
}
