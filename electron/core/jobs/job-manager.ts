import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ClonePlan, type CloneRequestParsed } from '../../../shared/clone.ts';
import { JobView, type VerifyReport } from '../../../shared/jobs.ts';
import { cleanupJob, type CleanupReport } from '../clone/cleanup.ts';
import { executeClone } from '../clone/execute.ts';
import type { ExecutionContext } from '../clone/execution-context.ts';
import { FileCache } from '../clone/file-cache.ts';
import { IdMap } from '../clone/id-map.ts';
import { LocalFolder } from '../clone/local-folder.ts';
import { planClone } from '../clone/planner.ts';
import { ResolutionBoard } from '../clone/resolution-board.ts';
import { verifyClone } from '../clone/verify.ts';
import { FerryError } from '../errors.ts';
import type { EventHub } from '../events/event-hub.ts';
import type { Logger } from '../logging/logger.ts';
import type { GatewayPool } from '../openai/gateway-pool.ts';
import { writeFileAtomic } from './durable-file.ts';
import { acquireJobLock } from './job-lock.ts';
import { JobRecorder } from './job-recorder.ts';
import { initialJobView, newJobId } from './job-view.ts';
import { foldJournal, Journal } from './journal.ts';
import { withPatientRetries } from '../openai/retry-budget.ts';

interface Running {
  controller: AbortController;
  recorder: JobRecorder;
  done: Promise<JobView>;
}

const RECENT_PLANS = 20;

/**
 * Clone jobs: plans made and kept for Confirm, jobs started, watched, cancelled, resumed, retried,
 * verified and cleaned up. Each job lives in its own folder under jobs/ (plan.json, the journal,
 * job.json), so it survives the process: another process can list it, resume it or clean it up.
 */
export class JobManager {
  readonly #stateDir: string;
  readonly #gateways: GatewayPool;
  readonly #events: EventHub;
  readonly #logger: Logger;
  readonly #ingestDeadlineMs: number;
  readonly #plans = new Map<string, ClonePlan>();
  readonly #running = new Map<string, Running>();
  readonly #cache: FileCache;

  constructor(options: { stateDir: string; gateways: GatewayPool; events: EventHub; logger: Logger; ingestDeadlineMs?: number }) {
    this.#stateDir = options.stateDir;
    this.#gateways = options.gateways;
    this.#events = options.events;
    this.#logger = options.logger;
    this.#ingestDeadlineMs = options.ingestDeadlineMs ?? 10 * 60_000;
    this.#cache = new FileCache(options.stateDir);
  }

  async plan(request: CloneRequestParsed, signal?: AbortSignal): Promise<ClonePlan> {
    const [source, destination] = await Promise.all([this.#gateways.get(request.from), this.#gateways.get(request.to)]);
    const folder = request.filesDir ? await LocalFolder.scan(request.filesDir, { signal }) : undefined;
    const plan = await planClone(request, { source, destination, idMap: new IdMap(this.#stateDir, source.connectionId, destination.connectionId), cache: this.#cache, folder, signal });
    if (folder) plan.warnings.push(...folder.warnings());
    this.#plans.set(plan.id, plan);
    while (this.#plans.size > RECENT_PLANS) this.#plans.delete(this.#plans.keys().next().value as string);
    return plan;
  }

  /** Starts a job from a plan made by {@link plan}; resolves with its first view while it runs on. */
  async apply(planId: string): Promise<JobView> {
    const plan = this.#plans.get(planId);
    if (!plan) throw new FerryError('not_found', 'That plan is no longer available (plans are kept for the last 20 clones of this session). Make the plan again.', { field: 'planId' });
    const actionable =
      plan.files.some((f) => f.action === 'create') ||
      plan.vectorStores.some((s) => s.action === 'create') ||
      plan.assistants.some((a) => a.action === 'create' || a.action === 'update');
    if (!actionable && plan.blockers.length > 0) {
      throw new FerryError('bad_input', `Nothing can be cloned: ${plan.blockers.join(' ')}`, { field: 'modelMap' });
    }
    const jobId = newJobId();
    const dir = this.#jobDir(jobId);
    mkdirSync(dir, { recursive: true });
    writeFileAtomic(join(dir, 'plan.json'), JSON.stringify(plan));
    this.#plans.delete(planId);
    return this.#start(jobId, plan, initialJobView(jobId, plan));
  }

  /** Runs a job again: after a crash, a cancel or failures. Nothing that exists is made again. */
  async resume(jobId: string, only?: string[]): Promise<JobView> {
    if (this.#running.has(jobId)) throw new FerryError('conflict', `Job ${jobId} is already running.`);
    const plan = this.#loadPlan(jobId);
    const view = this.#loadView(jobId) ?? initialJobView(jobId, plan);
    const keys = only ? withDependencies(plan, only) : undefined;
    for (const item of view.items) {
      if (keys && !keys.has(item.key)) continue;
      if (item.state === 'failed' || item.state === 'cancelled' || item.state === 'running' || item.state === 'pending') {
        item.state = 'pending';
        delete item.error;
      }
    }
    return this.#start(jobId, plan, view, keys);
  }

  cancel(jobId: string): JobView {
    const running = this.#running.get(jobId);
    if (!running) throw new FerryError('conflict', `Job ${jobId} is not running in this Ferry, so there is nothing to cancel here.`);
    running.recorder.setState('cancelling', 'Cancelling: stopping new work and cancelling file batches in flight');
    running.controller.abort(new FerryError('upstream', 'Cancelled.'));
    return running.recorder.view;
  }

  /** Resolves when the job's current run ends. */
  async wait(jobId: string): Promise<JobView> {
    const running = this.#running.get(jobId);
    return running ? running.done : this.get(jobId);
  }

  list(): JobView[] {
    const dir = join(this.#stateDir, 'jobs');
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((id) => id.startsWith('job-'))
      .map((id) => {
        try {
          return this.get(id);
        } catch {
          return undefined;
        }
      })
      .filter((view): view is JobView => view !== undefined)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  get(jobId: string): JobView {
    const running = this.#running.get(jobId);
    if (running) return structuredClone(running.recorder.view);
    const view = this.#loadView(jobId);
    if (!view) {
      this.#loadPlan(jobId);
      throw new FerryError('not_found', `Job ${jobId} has no saved state yet.`);
    }
    // A job that says it runs but runs nowhere was interrupted (the process died); Resume finishes it.
    if (view.state === 'running' || view.state === 'cancelling') view.state = 'interrupted';
    return view;
  }

  async verify(jobId: string, signal?: AbortSignal): Promise<VerifyReport> {
    const plan = this.#loadPlan(jobId);
    const state = foldJournal(Journal.read(join(this.#jobDir(jobId), 'journal.jsonl')));
    const [source, destination] = await Promise.all([this.#gateways.get(plan.source.id), this.#gateways.get(plan.destination.id)]);
    const report = await verifyClone(plan, resolvedIds(plan, state), source, destination, signal);
    this.#amendView(jobId, (view) => {
      view.verify = report;
    });
    return report;
  }

  async cleanup(jobId: string, signal?: AbortSignal): Promise<CleanupReport> {
    if (this.#running.has(jobId)) throw new FerryError('conflict', `Job ${jobId} is running; cancel it before cleaning up.`);
    const plan = this.#loadPlan(jobId);
    const dir = this.#jobDir(jobId);
    const release = acquireJobLock(join(dir, 'lock'), jobId);
    const journal = new Journal(join(dir, 'journal.jsonl'));
    try {
      const state = foldJournal(Journal.read(journal.path));
      const destination = await this.#gateways.get(plan.destination.id);
      const idMap = new IdMap(this.#stateDir, plan.source.id, plan.destination.id);
      const report = await cleanupJob(plan, state, destination, journal, idMap, signal);
      idMap.flush();
      this.#amendView(jobId, (view) => recordCleanup(view, report));
      return report;
    } finally {
      await journal.close();
      release();
    }
  }

  /** Cancels every running job (the app is quitting); their journals stay consistent for a later resume. */
  async dispose(): Promise<void> {
    for (const running of this.#running.values()) running.controller.abort(new FerryError('upstream', 'Ferry is quitting.'));
    await Promise.allSettled([...this.#running.values()].map((r) => r.done));
  }

  async #start(jobId: string, plan: ClonePlan, view: JobView, only?: Set<string>): Promise<JobView> {
    const dir = this.#jobDir(jobId);
    const release = acquireJobLock(join(dir, 'lock'), jobId);
    const [source, destination] = await Promise.all([this.#gateways.get(plan.source.id), this.#gateways.get(plan.destination.id)]).catch((error: unknown) => {
      release();
      throw error;
    });
    destination.assertWritable('Cloning');
    const journal = new Journal(join(dir, 'journal.jsonl'));
    const previous = foldJournal(Journal.read(journal.path));
    const recorder = new JobRecorder(view, dir, (job) => this.#events.emit({ type: 'job.updated', job }));
    const controller = new AbortController();
    recorder.setState('running', 'Starting');
    const ctx: ExecutionContext = {
      plan, source, destination, journal, previous, recorder,
      idMap: new IdMap(this.#stateDir, source.connectionId, destination.connectionId),
      cache: this.#cache,
      spoolDir: join(dir, 'spool'),
      signal: controller.signal,
      ingestDeadlineMs: this.#ingestDeadlineMs,
      logger: this.#logger,
      board: new ResolutionBoard(),
      openBatches: new Map(),
      inFlight: new Map(),
      deferred: [],
      uploadsDone: Promise.resolve(),
      only,
    };
    // A job started from a click outlives the click: it keeps the scheduler's full patience with failures.
    const done = withPatientRetries(async () => {
      try {
        const outcome = await executeClone(ctx);
        if (outcome !== 'cancelled') {
          recorder.setDetail('Verifying the clone against its source');
          try {
            recorder.setVerify(await verifyClone(plan, ctx.board.entries(), source, destination, controller.signal));
          } catch (error) {
            this.#logger.log('warn', 'Verify after clone failed', { jobId, error });
          }
        }
        recorder.setState(outcome, summary(recorder.view, outcome));
      } catch (error) {
        this.#logger.log('error', 'Clone job failed', { jobId, error });
        recorder.setState('failed', 'Stopped by an unexpected error', error instanceof Error ? error.message : String(error));
      } finally {
        await journal.close();
        ctx.idMap.flush();
        this.#cache.flush();
        rmSync(ctx.spoolDir, { recursive: true, force: true });
        release();
        this.#running.delete(jobId);
      }
      return structuredClone(recorder.view);
    });
    this.#running.set(jobId, { controller, recorder, done });
    return structuredClone(recorder.view);
  }

  /** Writes a finished job's view after a verify or a cleanup, and tells every screen (a running job's view is its recorder's). */
  #amendView(jobId: string, change: (view: JobView) => void): void {
    if (this.#running.has(jobId)) return;
    const view = this.#loadView(jobId);
    if (!view) return;
    change(view);
    view.updatedAt = new Date().toISOString();
    writeFileAtomic(join(this.#jobDir(jobId), 'job.json'), JSON.stringify(view));
    this.#events.emit({ type: 'job.updated', job: this.get(jobId) });
  }

  #jobDir(jobId: string): string {
    if (!/^job-[A-Za-z0-9-]+$/.test(jobId)) throw new FerryError('bad_input', `"${jobId}" is not a job id (they look like job-20261121-230412-k3f9; see \`ferry jobs\`).`, { field: 'id' });
    return join(this.#stateDir, 'jobs', jobId);
  }

  #loadPlan(jobId: string): ClonePlan {
    const path = join(this.#jobDir(jobId), 'plan.json');
    if (!existsSync(path)) throw new FerryError('not_found', `There is no job ${jobId}. List jobs with \`ferry jobs\`.`, { field: 'id' });
    return ClonePlan.parse(JSON.parse(readFileSync(path, 'utf8')));
  }

  #loadView(jobId: string): JobView | undefined {
    try {
      return JobView.parse(JSON.parse(readFileSync(join(this.#jobDir(jobId), 'job.json'), 'utf8')));
    } catch {
      return undefined;
    }
  }
}

/**
 * The job's closing line. It says nothing of verify: the verify report on the view says that, with its
 * time, so a later cleanup or verify cannot leave a stale "Verified" behind in this sentence.
 */
function summary(view: JobView, outcome: string): string {
  const { done, failed, skipped, cancelled, total } = view.counts;
  if (outcome === 'cancelled') return `Cancelled: ${done} of ${total} done. Resume to finish, or clean up what was created.`;
  return `${done} done, ${failed} failed, ${skipped} skipped${cancelled ? `, ${cancelled} cancelled` : ''} of ${total}.`;
}

/**
 * Keeps a cleanup's outcome on the job: its report, each item whose clone is gone, and no verify (it
 * described objects that no longer exist; the next verify says what is true now). A second run adds to
 * the first: what an earlier run deleted stays said; failures are the latest run's.
 */
export function recordCleanup(view: JobView, report: CleanupReport, at = new Date().toISOString()): void {
  const gone = new Set([...report.deleted.map((d) => d.key), ...report.alreadyGone]);
  for (const item of view.items) if (gone.has(item.key)) item.cleanedUp = true;
  const before = view.cleanup;
  view.cleanup = { at, deleted: [...(before?.deleted ?? []), ...report.deleted], alreadyGone: [...(before?.alreadyGone ?? []), ...report.alreadyGone], failed: report.failed };
  if (gone.size > 0) delete view.verify;
}

/** Destination ids of everything a job's journal says exists, plus what the plan reuses. */
export function resolvedIds(plan: ClonePlan, state: ReturnType<typeof foldJournal>): Map<string, string> {
  const resolved = new Map<string, string>();
  for (const f of plan.files) if (f.action === 'reuse' && f.destinationId) resolved.set(f.key, f.destinationId);
  for (const s of plan.vectorStores) if (s.action === 'reuse' && s.destinationId) resolved.set(s.key, s.destinationId);
  for (const [key, id] of state.created) if (!state.cleaned.has(key)) resolved.set(key, id);
  for (const [key, id] of state.updated) resolved.set(key, id);
  return resolved;
}

/** A retried item and what it needs: an assistant's files and stores, a store's files. */
function withDependencies(plan: ClonePlan, keys: string[]): Set<string> {
  const out = new Set(keys);
  for (const key of keys) {
    const assistant = plan.assistants.find((a) => a.key === key);
    if (assistant) {
      for (const k of assistant.codeInterpreterFileKeys) out.add(k);
      for (const k of assistant.fileSearchVectorStoreKeys) out.add(k);
    }
  }
  for (const key of [...out]) {
    const store = plan.vectorStores.find((s) => s.key === key);
    if (store) for (const f of store.files) out.add(f.fileKey);
  }
  return out;
}
