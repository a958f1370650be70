import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ClonePlan, CloneRequestParsed } from '../../../shared/clone.ts';
import type { JobView, VerifyReport } from '../../../shared/jobs.ts';
import { cleanupJob, type CleanupReport } from '../clone/cleanup.ts';
import { executeClone } from '../clone/execute.ts';
import type { ExecutionContext } from '../clone/execution-context.ts';
import { FileCache } from '../clone/file-cache.ts';
import { KnownDigests } from '../clone/parsed-digests.ts';
import { IdMap } from '../clone/id-map.ts';
import { LocalFolder } from '../clone/local-folder.ts';
import { planClone } from '../clone/planner.ts';
import { sentHashes } from '../clone/intent-hashes.ts';
import { newRunState, verifyRun } from '../clone/run-state.ts';
import { ResolutionBoard } from '../clone/resolution-board.ts';
import { verifyClone } from '../clone/verify.ts';
import { noteFolderExport } from './folder-export-note.ts';
import { FerryError } from '../errors.ts';
import type { EventHub } from '../events/event-hub.ts';
import type { Logger } from '../logging/logger.ts';
import type { GatewayPool } from '../openai/gateway-pool.ts';
import type { OrgGateway } from '../openai/org-gateway.ts';
import { DestinationLocks, type LockHolder } from './destination-lock.ts';
import { JobFiles } from './job-files.ts';
import { salvagePlan, withDependencies } from './job-plans.ts';
import { jobHead, JobRecorder } from './job-recorder.ts';
import { initialJobView, newJobId } from './job-view.ts';
import { foldJournal, Journal, readJournal } from '../storage/journal.ts';
import { withPatientRetries } from '../openai/retry-budget.ts';

interface Running {
  controller: AbortController;
  recorder: JobRecorder;
  done: Promise<JobView>;
}

const RECENT_PLANS = 20;

/** What a queued job says while another job writes to its destination. */
export function waitingSentence(holder: LockHolder): string {
  return `Waiting for job ${holder.jobId}, which is writing to ${holder.destination}`;
}

/**
 * Clone jobs: plans made and kept for Confirm, jobs started, watched, cancelled, resumed, retried,
 * verified and cleaned up. Each job lives in its own folder under jobs/ (plan.json, the journal,
 * job.json), so it survives the process: another process can list it, resume it or clean it up. Every
 * write into a destination happens under that destination's lock; a job that finds it taken queues.
 */
export class JobManager {
  readonly #stateDir: string;
  readonly #gateways: GatewayPool;
  readonly #events: EventHub;
  readonly #logger: Logger;
  readonly #ingestDeadlineMs: number;
  readonly #ingestPollMs: number | undefined;
  readonly #plans = new Map<string, ClonePlan>();
  readonly #running = new Map<string, Running>();
  readonly #cache: FileCache;
  /** Parsed-text digests verify has read, reused by later verifies (clone/parsed-digests.ts). */
  readonly #digests: KnownDigests;
  readonly #files: JobFiles;
  readonly #locks: DestinationLocks;

  constructor(options: {
    stateDir: string;
    gateways: GatewayPool;
    events: EventHub;
    logger: Logger;
    ingestDeadlineMs?: number;
    ingestPollMs?: number;
    locks?: DestinationLocks;
  }) {
    this.#stateDir = options.stateDir;
    this.#gateways = options.gateways;
    this.#events = options.events;
    this.#logger = options.logger;
    this.#ingestDeadlineMs = options.ingestDeadlineMs ?? 10 * 60_000;
    this.#ingestPollMs = options.ingestPollMs;
    this.#cache = new FileCache(options.stateDir);
    this.#digests = new KnownDigests(options.stateDir);
    this.#files = new JobFiles(options.stateDir);
    this.#locks = options.locks ?? new DestinationLocks({ dir: join(options.stateDir, 'locks') });
  }

  async plan(request: CloneRequestParsed, signal?: AbortSignal): Promise<ClonePlan> {
    const [source, destination] = await Promise.all([this.#gateways.get(request.from), this.#gateways.get(request.to)]);
    // The folder of originals is scanned while the plan lists both sides (19,200 files at 64x: a second).
    const folder = request.filesDir ? LocalFolder.scan(request.filesDir, { signal }) : undefined;
    const plan = await planClone(request, {
      source,
      destination,
      idMap: new IdMap(this.#stateDir, source.connectionId, destination.connectionId),
      cache: this.#cache,
      folder,
      signal,
    });
    if (folder) plan.warnings.push(...(await folder).warnings());
    this.#plans.set(plan.id, plan);
    while (this.#plans.size > RECENT_PLANS) this.#plans.delete(this.#plans.keys().next().value as string);
    return plan;
  }

  /** Starts a job from a plan made by {@link plan}; resolves with its first view (running or queued). */
  async apply(planId: string): Promise<JobView> {
    const plan = this.#plans.get(planId);
    if (!plan)
      throw new FerryError(
        'not_found',
        'That plan is no longer available (plans are kept for the last 20 clones of this session). Make the plan again.',
        { field: 'planId' },
      );
    const actionable =
      plan.files.some((f) => f.action === 'create') ||
      plan.vectorStores.some((s) => s.action === 'create') ||
      plan.assistants.some((a) => a.action === 'create' || a.action === 'update') ||
      (plan.agents ?? []).some((a) => a.action === 'create' || a.action === 'update');
    if (!actionable && plan.blockers.length > 0) {
      throw new FerryError('bad_input', `Nothing can be cloned: ${plan.blockers.join(' ')}`, { field: 'modelMap' });
    }
    const jobId = newJobId();
    this.#files.writePlan(jobId, plan);
    this.#plans.delete(planId);
    try {
      return await this.#start(jobId, plan, initialJobView(jobId, plan));
    } catch (error) {
      // Refused before it began (a read-only destination, a missing key): nothing was written, so no job.
      rmSync(this.#files.dir(jobId), { recursive: true, force: true });
      throw error;
    }
  }

  /** Runs a job again: after a crash, a cancel or failures. Nothing that exists is made again. */
  async resume(jobId: string, only?: string[]): Promise<JobView> {
    if (this.#running.has(jobId))
      throw new FerryError('conflict', `Job ${jobId} is already running or waiting to run here.`);
    const plan = this.#files.loadPlan(jobId);
    const view = this.#files.viewOf(jobId);
    const keys = only ? withDependencies(plan, only) : undefined;
    for (const item of view.items) {
      if (keys && !keys.has(item.key)) continue;
      if (
        item.state === 'failed' ||
        item.state === 'cancelled' ||
        item.state === 'running' ||
        item.state === 'pending'
      ) {
        item.state = 'pending';
        delete item.error;
      }
    }
    return this.#start(jobId, plan, view, keys);
  }

  cancel(jobId: string): JobView {
    const running = this.#running.get(jobId);
    if (!running)
      throw new FerryError(
        'conflict',
        `Job ${jobId} is not running in this Ferry, so there is nothing to cancel here.`,
      );
    const queued = running.recorder.view.state === 'queued';
    running.recorder.setState(
      'cancelling',
      queued
        ? 'Cancelling: it had not started, so nothing was written'
        : 'Cancelling: stopping new work and cancelling file batches in flight',
    );
    running.controller.abort(new FerryError('upstream', 'Cancelled.'));
    return running.recorder.view;
  }

  /** Resolves when the job's current run ends. */
  async wait(jobId: string): Promise<JobView> {
    const running = this.#running.get(jobId);
    return running ? running.done : this.get(jobId);
  }

  /** Every job, newest first; a job whose files are damaged is listed as such, never left out. */
  list(): JobView[] {
    const views: JobView[] = [];
    for (const id of this.#files.ids()) {
      try {
        views.push(this.get(id));
      } catch (error) {
        // A folder holding none of a job's files (its plan's write failed on a full disk) is not a job.
        if (!(error instanceof FerryError && error.code === 'not_found')) throw error;
      }
    }
    return views.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  get(jobId: string): JobView {
    const running = this.#running.get(jobId);
    if (running) return structuredClone(running.recorder.view);
    // Another process (the app, a terminal) that holds the destination's lock for this job is running it.
    return this.#files.viewOf(
      jobId,
      (view) => view.state !== 'queued' && this.#locks.holder(this.#lockId(view.destination.id))?.jobId === jobId,
    );
  }

  async verify(jobId: string, signal?: AbortSignal): Promise<VerifyReport> {
    const plan = this.#files.loadPlan(jobId);
    const [source, destination] = await Promise.all([
      this.#gateways.get(plan.source.id),
      this.#gateways.get(plan.destination.id),
    ]);
    const records = readJournal(this.#files.journalPath(jobId)).records;
    const resolved = resolvedIds(plan, foldJournal(records));
    const idMap = new IdMap(this.#stateDir, plan.source.id, plan.destination.id);
    const report = await verifyClone(plan, resolved, source, destination, {
      signal,
      sentHashes: sentHashes(plan, records, idMap, resolved),
      known: this.#digests,
    });
    try {
      this.#digests.flush();
    } catch (error) {
      // Only a cache of what was read: the next verify reads those texts again.
      this.#logger.log('warn', 'Could not save parsed-text digests', { jobId, error });
    }
    this.#amendView(jobId, (view) => {
      view.verify = report;
    });
    return report;
  }

  /**
   * Deletes what a job made, from whatever survives: the journal lists every created id (and its key
   * says its kind), so a damaged plan does not stop it. Refused while another job writes there.
   */
  async cleanup(jobId: string, signal?: AbortSignal): Promise<CleanupReport> {
    if (this.#running.has(jobId))
      throw new FerryError('conflict', `Job ${jobId} is running; cancel it before cleaning up.`);
    const survey = this.#files.survey(jobId);
    const ref = survey.plan?.destination ?? survey.view?.destination;
    if (!ref) {
      if (survey.problems.length === 0) this.#files.loadPlan(jobId);
      throw new FerryError(
        'storage',
        `Cannot clean up job ${jobId}: nothing says which connection it wrote to. ${survey.problems.map((p) => p.message).join(' ')}`,
      );
    }
    const plan = survey.plan ?? salvagePlan(jobId, survey.view as JobView);
    for (const problem of survey.problems)
      this.#logger.log('warn', 'Cleaning up from a damaged job', { jobId, problem: problem.message });
    const attempt = this.#locks.tryAcquire(this.#lockId(ref.id), { jobId, destination: ref.name });
    if ('heldBy' in attempt)
      throw new FerryError(
        'conflict',
        `Job ${attempt.heldBy.jobId} is writing to ${attempt.heldBy.destination} now; clean up once it has finished.`,
      );
    const journal = new Journal(this.#files.journalPath(jobId));
    try {
      const reading = readJournal(journal.path);
      for (const problem of reading.problems)
        this.#logger.log('warn', 'Journal damaged', { jobId, problem: problem.message });
      const state = foldJournal(reading.records);
      const destination = await this.#gateways.get(ref.id);
      destination.assertWritable('Cleaning up');
      const idMap = this.#idMapForCleanup(jobId, plan.source.id, ref.id);
      const report = await cleanupJob(plan, state, destination, journal, idMap, signal);
      await idMap.flush();
      this.#amendView(jobId, (view) => recordCleanup(view, report));
      return report;
    } finally {
      await journal.close();
      attempt.release();
    }
  }

  /**
   * The pair's id map, or, when it is damaged, an empty one kept in the job's folder: cleanup needs only
   * the journal, and the damaged file is left exactly as it is for the admin (its error names it).
   */
  #idMapForCleanup(jobId: string, sourceId: string, destinationId: string): IdMap {
    try {
      // The id map reads (and validates) its file as it opens: a damaged one throws here.
      return new IdMap(this.#stateDir, sourceId, destinationId);
    } catch (error) {
      if (!(error instanceof FerryError && error.code === 'storage')) throw error;
      this.#logger.log('warn', 'Cleaning up without the damaged id map', { jobId, problem: error.message });
      return new IdMap(join(this.#files.dir(jobId), 'cleanup'), sourceId, destinationId);
    }
  }

  /** The destination's lock name: one per org connection, one per folder however it is named (saved or by path). */
  #lockId(connectionId: string): string {
    return this.#gateways.destinationIdentity(connectionId);
  }

  /** Cancels every running job (the app is quitting); their journals stay consistent for a later resume. */
  async dispose(): Promise<void> {
    for (const running of this.#running.values())
      running.controller.abort(new FerryError('upstream', 'Ferry is quitting.'));
    await Promise.allSettled([...this.#running.values()].map((r) => r.done));
  }

  /**
   * Registers the job as running before its first await (so a second Resume of it is refused, not run
   * alongside), takes its destination's lock or queues for it, and runs it. The lock is released in the
   * one `finally` every path goes through, a failed read-only check included.
   */
  async #start(jobId: string, plan: ClonePlan, view: JobView, only?: Set<string>): Promise<JobView> {
    const dir = this.#files.dir(jobId);
    const controller = new AbortController();
    const recorder = new JobRecorder(
      view,
      dir,
      (update) => this.#events.emit(update),
      (error) => this.#logger.log('warn', 'Could not save job progress', { jobId, error }),
    );
    const who = { jobId, destination: plan.destination.name };
    const lockId = this.#lockId(plan.destination.id);
    const first = this.#locks.tryAcquire(lockId, who);
    let release = 'release' in first ? first.release : undefined;
    const finished = Promise.withResolvers<JobView>();
    this.#running.set(jobId, { controller, recorder, done: finished.promise });
    let source: OrgGateway;
    let destination: OrgGateway;
    try {
      [source, destination] = await Promise.all([
        this.#gateways.get(plan.source.id),
        this.#gateways.get(plan.destination.id),
      ]);
      destination.assertWritable('Cloning');
    } catch (error) {
      release?.();
      this.#running.delete(jobId);
      finished.resolve(structuredClone(recorder.view));
      throw error;
    }
    if ('heldBy' in first) recorder.setState('queued', waitingSentence(first.heldBy));
    else recorder.setState('running', 'Starting');
    // A job started from a click outlives the click: it keeps the scheduler's full patience with failures.
    const done = withPatientRetries(async () => {
      let journal: Journal | undefined;
      let ctx: ExecutionContext | undefined;
      try {
        if (!release) {
          release = await this.#locks.acquire(lockId, who, {
            signal: controller.signal,
            onWait: (holder) => recorder.setState('queued', waitingSentence(holder)),
          });
          // Another run of this job may have gone first (a second Resume elsewhere): keep what it reported.
          recorder.addProblems(this.#files.survey(jobId).view?.problems ?? []);
        }
        recorder.setState('running', 'Starting');
        // Read only now: while this job waited, another run of it may have moved its journal on.
        journal = new Journal(this.#files.journalPath(jobId));
        const reading = readJournal(journal.path);
        recorder.addProblems(reading.problems);
        ctx = {
          plan,
          source,
          destination,
          journal,
          previous: foldJournal(reading.records),
          recorder,
          idMap: new IdMap(this.#stateDir, source.connectionId, destination.connectionId),
          cache: this.#cache,
          spoolDir: join(dir, 'spool'),
          signal: controller.signal,
          ingestDeadlineMs: this.#ingestDeadlineMs,
          ingestPollMs: this.#ingestPollMs,
          logger: this.#logger,
          board: new ResolutionBoard(),
          openBatches: new Map(),
          inFlight: new Map(),
          deferred: [],
          uploadsDone: Promise.resolve(),
          ...newRunState({
            destination,
            signal: controller.signal,
            jobId,
            jobsDir: join(this.#stateDir, 'jobs'),
            known: this.#digests,
          }),
          only,
        };
        const outcome = await executeClone(ctx);
        if (destination.folder) noteFolderExport(destination.folder, plan, source, ctx.idMap);
        recorder.addProblems(journal.repairs);
        if (outcome !== 'cancelled') {
          recorder.setDetail('Verifying the clone against its source');
          try {
            recorder.setVerify(await verifyRun(ctx));
          } catch (error) {
            this.#logger.log('warn', 'Verify after clone failed', { jobId, error });
          }
        }
        recorder.setState(outcome, summary(recorder.view, outcome));
      } catch (error) {
        if (!ctx && controller.signal.aborted) {
          recorder.setState('cancelled', 'Cancelled before it started: nothing was written.');
        } else {
          this.#logger.log('error', 'Clone job failed', { jobId, error });
          recorder.setState(
            'failed',
            'Stopped by an unexpected error',
            error instanceof Error ? error.message : String(error),
          );
        }
      } finally {
        await this.#settle(jobId, recorder, journal, ctx);
        release?.();
        this.#running.delete(jobId);
      }
      return structuredClone(recorder.view);
    });
    done.then(finished.resolve, finished.reject);
    return structuredClone(recorder.view);
  }

  /** Writes a finished job's view after a verify or a cleanup, and tells every screen (a running job's view is its recorder's). */
  #amendView(jobId: string, change: (view: JobView) => void): void {
    if (this.#running.has(jobId)) return;
    const { view } = this.#files.survey(jobId);
    if (!view) return;
    change(view);
    view.updatedAt = new Date().toISOString();
    this.#files.writeView(jobId, view);
    const whole = this.get(jobId);
    this.#events.emit({ type: 'job.updated', job: jobHead(whole), items: [], after: whole.seq ?? 0, all: whole.items });
  }

  /** Closes what a run opened; a state write that fails here (a full disk) is reported, not thrown. */
  async #settle(
    jobId: string,
    recorder: JobRecorder,
    journal: Journal | undefined,
    ctx: ExecutionContext | undefined,
  ): Promise<void> {
    const steps: Array<[string, () => unknown]> = [
      ['journal', () => journal?.close()],
      ['id map', () => ctx?.idMap.flush()],
      ['file cache', () => this.#cache.flush()],
      ['parsed-text digests', () => this.#digests.flush()],
      ['spool', () => ctx && rmSync(ctx.spoolDir, { recursive: true, force: true })],
      // job.json may fail while the job runs (it only shows progress), but a job whose last state could
      // not be saved is not done: on disk it still says it runs. It says why; Resume settles it.
      [
        'saved state',
        () => {
          if (recorder.persistError) throw recorder.persistError;
        },
      ],
    ];
    for (const [what, step] of steps) {
      try {
        await step();
      } catch (error) {
        this.#logger.log('error', `Could not close the job's ${what}`, { jobId, error });
        if (recorder.view.state === 'done')
          recorder.setState(
            'failed',
            'Finished, but its state could not be saved',
            error instanceof Error ? error.message : String(error),
          );
      }
    }
  }
}

/**
 * The job's closing line. It says nothing of verify: the verify report on the view says that, with its
 * time, so a later cleanup or verify cannot leave a stale "Verified" behind in this sentence.
 */
function summary(view: JobView, outcome: string): string {
  const { done, failed, skipped, cancelled, total } = view.counts;
  if (outcome === 'cancelled')
    return `Cancelled: ${done} of ${total} done. Resume to finish, or clean up what was created.`;
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
  view.cleanup = {
    at,
    deleted: [...(before?.deleted ?? []), ...report.deleted],
    alreadyGone: [...(before?.alreadyGone ?? []), ...report.alreadyGone],
    failed: report.failed,
  };
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
