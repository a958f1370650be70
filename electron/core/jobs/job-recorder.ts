import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { mergePatches, type JobUpdate } from '../../../shared/job-updates.ts';
import type {
  JobHead,
  JobItem,
  JobItemPatch,
  JobState,
  JobView,
  StateProblem,
  VerifyReport,
} from '../../../shared/jobs.ts';
import { isoNow } from '../iso-now.ts';
import { writeFileAtomic } from '../storage/durable-file.ts';

const EMIT_INTERVAL_MS = 100;
const PERSIST_INTERVAL_MS = 1000;
/**
 * job.json is written whole: at most this share of the job's time goes to writing it, however big the job.
 * At 5% it took 0.55 s of a 16x clone's 16 s of CPU (each write synchronous, fsynced); the journal is what
 * resume and cleanup trust, and live progress goes out as events, so 1% is enough.
 */
const PERSIST_SHARE = 0.01;

/**
 * Holds a job's view (progress as data), tells subscribers at most 10 times a second, and keeps job.json
 * on disk current enough to list jobs after a restart. The journal, not this file, is what resume trusts.
 *
 * Everything it does per change is constant time, so a job of 26,000 items costs what 26 jobs of 1,000
 * do: counts and progress are kept as items move (never recounted), and an event carries the job's head
 * and the fields of the items changed since the last one (never a copy of the whole job).
 */
export class JobRecorder {
  readonly #view: JobView;
  readonly #dir: string;
  readonly #emit: (update: JobUpdate) => void;
  readonly #byKey = new Map<string, JobItem>();
  /** What changed per item since the last event, merged. */
  #dirty = new Map<string, JobItemPatch>();
  /** The sum of every item's progress (see {@link itemProgress}). */
  #progressSum = 0;
  #seq: number;
  #emitTimer: NodeJS.Timeout | null = null;
  #lastEmit = 0;
  #lastPersist = 0;
  #persistEvery = PERSIST_INTERVAL_MS;
  readonly #onPersistError: (error: unknown) => void;
  /** The last failed write of job.json (a full disk), until one succeeds. */
  persistError: unknown = null;

  constructor(
    view: JobView,
    dir: string,
    emit: (update: JobUpdate) => void,
    onPersistError: (error: unknown) => void = () => {},
  ) {
    this.#view = view;
    this.#dir = dir;
    this.#emit = emit;
    this.#onPersistError = onPersistError;
    mkdirSync(dir, { recursive: true });
    for (const item of view.items) {
      this.#byKey.set(item.key, item);
      this.#progressSum += itemProgress(item);
    }
    view.counts = countItems(view.items);
    view.progress = view.items.length === 0 ? 1 : this.#progressSum / view.items.length;
    // A new run numbers on from the last (a resumed job): its first event follows no view anyone holds,
    // since the run's own changes before it (items reset for a resume) were never sent, so holders refetch.
    this.#seq = (view.seq ?? 0) + 1;
    view.seq = this.#seq;
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
    const before = item.state;
    this.#progressSum -= itemProgress(item);
    Object.assign(item, patch);
    const cleared =
      patch.state !== undefined && patch.state !== 'failed' && patch.error === undefined && item.error !== undefined;
    if (cleared) delete item.error;
    this.#progressSum += itemProgress(item);
    if (item.state !== before) {
      bump(this.#view.counts, before, -1);
      bump(this.#view.counts, item.state, 1);
    }
    const change: JobItemPatch = { key, ...patch, ...(cleared ? { cleared: ['error' as const] } : {}) };
    const earlier = this.#dirty.get(key);
    this.#dirty.set(key, earlier ? mergePatches(earlier, change) : change);
    this.#changed(patch.state !== undefined);
  }

  setState(state: JobState, detail?: string, error?: string): void {
    this.#view.state = state;
    if (detail !== undefined) this.#view.detail = detail;
    if (error !== undefined) this.#view.error = error;
    else if (state === 'running') delete this.#view.error;
    // flush() sends and writes job.json now; going through #changed first wrote it twice in a row.
    this.#view.updatedAt = isoNow();
    this.flush();
  }

  setDetail(detail: string): void {
    this.#view.detail = detail;
    this.#changed(false);
  }

  /**
   * Sets the latest verify; it goes out with the next event, not one of its own. A job's end follows its
   * verify at once, and the report (every planned file, 0.5 MB at 16x) rides in the head of each event
   * from here on: sending it alone first sent it twice, each a long task for the page to take in.
   */
  setVerify(report: VerifyReport): void {
    this.#view.verify = report;
    // Not important: the end's flush, straight after, sends it and writes job.json.
    this.#changed(false);
  }

  /** Records damage found in the job's state files (each once), so the job card and the CLI name them. */
  addProblems(problems: StateProblem[]): void {
    if (problems.length === 0) return;
    const list = (this.#view.problems ??= []);
    for (const problem of problems) {
      if (!list.some((p) => p.path === problem.path && p.line === problem.line && p.message === problem.message))
        list.push(problem);
    }
    this.#changed(true);
  }

  /** Emits and persists now (state changes, the end of a job). */
  flush(): void {
    // Rare (a few times a job), so the running figures are made exact again here: no drift in the sums.
    this.#view.counts = countItems(this.#view.items);
    this.#progressSum = this.#view.items.reduce((sum, item) => sum + itemProgress(item), 0);
    this.#view.progress = this.#view.items.length === 0 ? 1 : this.#progressSum / this.#view.items.length;
    if (this.#emitTimer) clearTimeout(this.#emitTimer);
    this.#emitTimer = null;
    this.#send();
    this.#persist();
  }

  #changed(important: boolean): void {
    const view = this.#view;
    view.updatedAt = isoNow();
    view.progress = view.items.length === 0 ? 1 : this.#progressSum / view.items.length;
    if (important && Date.now() - this.#lastPersist > this.#persistEvery) this.#persist();
    const since = Date.now() - this.#lastEmit;
    if (since >= EMIT_INTERVAL_MS) this.#flushSoon(0);
    else this.#flushSoon(EMIT_INTERVAL_MS - since);
  }

  #flushSoon(delay: number): void {
    if (this.#emitTimer) return;
    this.#emitTimer = setTimeout(() => {
      this.#emitTimer = null;
      this.#send();
    }, delay);
  }

  /** One event: the head as it is now and what changed since the last event (the view holds the rest). */
  #send(): void {
    this.#lastEmit = Date.now();
    const after = this.#seq;
    this.#seq += 1;
    this.#view.seq = this.#seq;
    const items = [...this.#dirty.values()];
    this.#dirty = new Map();
    this.#emit({ type: 'job.updated', job: jobHead(this.#view), items, after });
  }

  /**
   * job.json is a convenience (the journal is what resume trusts), so a failed write (a full disk) must not
   * stop the job from reaching its journal's verdict: it is reported once and tried again next time. It
   * is written whole, so a big job writes it less often: never more than 5% of the time.
   */
  #persist(): void {
    const started = performance.now();
    this.#lastPersist = Date.now();
    try {
      writeFileAtomic(join(this.#dir, 'job.json'), JSON.stringify(this.#view));
      this.persistError = null;
    } catch (error) {
      if (this.persistError === null) this.#onPersistError(error);
      this.persistError = error;
    }
    this.#persistEvery = Math.max(PERSIST_INTERVAL_MS, (performance.now() - started) / PERSIST_SHARE);
  }
}

/** A job's view without its items, copied: what every event carries. */
export function jobHead(view: JobView): JobHead {
  const { items: _items, ...head } = view;
  return { ...head, counts: { ...head.counts }, ...(head.problems ? { problems: [...head.problems] } : {}) };
}

function bump(counts: JobView['counts'], state: JobItem['state'], by: number): void {
  if (state === 'done' || state === 'failed' || state === 'skipped' || state === 'cancelled') counts[state] += by;
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
