import type { JobState } from '../../../shared/jobs.ts';
import { recheckPlan } from './apply-recheck.ts';
import { copyAgents } from './copy-agents.ts';
import { copyAssistants } from './copy-assistants.ts';
import { copyFiles } from './copy-files.ts';
import { copyStores } from './copy-stores.ts';
import { now, type ExecutionContext } from './execution-context.ts';
import { prefetchSourceTexts } from './parsed-digests.ts';
import { takeListings } from './planner-listings.ts';
import { prefetchSourceStoreFiles } from './run-state.ts';

/**
 * One run of a clone job: files, then the vector stores that hold them, then the assistants that use both.
 * Every phase consults the journal of earlier runs, so running this again after a crash, a cancel or a
 * failure finishes the job without making anything twice.
 */
export async function executeClone(ctx: ExecutionContext): Promise<Extract<JobState, 'done' | 'failed' | 'cancelled'>> {
  await ctx.journal.append({ t: 'begin', at: now(), planId: ctx.plan.id });
  // A plan made moments ago with nothing to write hands its run what it listed (planner-listings.ts).
  if (!ctx.only) ctx.planListings = takeListings(ctx.plan);
  // The plan may be stale: look again at what exists before creating anything.
  await recheckPlan(ctx);
  // What earlier runs made is known from the start (a Retry of one assistant finds its resources there).
  for (const [key, id] of [...ctx.previous.created, ...ctx.previous.updated]) ctx.board.settle(key, id);
  // On cancel, wake everything waiting on an object that will now never be made.
  const onAbort = () => ctx.board.settleRemaining();
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  ctx.recorder.setDetail('Copying files, creating vector stores and assistants');
  let markUploadsDone!: () => void;
  ctx.uploadsDone = new Promise<void>((resolve) => (markUploadsDone = resolve));
  // The source's parsed texts and its stores' file lists, for verify, are read while the destination
  // ingests: once every store's files are attached, so that hundreds of reads do not queue the last attach
  // (the critical path) behind them at the server.
  const storesAttached = () => {
    prefetchSourceTexts(ctx);
    prefetchSourceStoreFiles(ctx);
  };
  try {
    // Files, stores and assistants run together; each waits only for the objects it points at.
    await Promise.all([
      copyFiles(ctx, markUploadsDone),
      copyStores(ctx, storesAttached),
      copyAssistants(ctx),
      copyAgents(ctx),
    ]);
  } finally {
    ctx.signal.removeEventListener('abort', onAbort);
  }

  if (ctx.signal.aborted) {
    await cancelOpenBatches(ctx);
    await recordInFlightCreates(ctx);
    for (const item of ctx.recorder.view.items)
      if (item.state === 'pending' || item.state === 'running') ctx.recorder.update(item.key, { state: 'cancelled' });
    await ctx.journal.append({ t: 'end', state: 'cancelled', at: now() });
    return 'cancelled';
  }
  const failed = ctx.recorder.view.items.some((item) => item.state === 'failed');
  await ctx.journal.append({ t: 'end', state: failed ? 'failed' : 'done', at: now() });
  return failed ? 'failed' : 'done';
}

/**
 * A cancel aborts requests, but a create the server had already received may still have been carried
 * out. Those are looked for now and journalled, so the job lists them and `cleanup` removes them.
 */
async function recordInFlightCreates(ctx: ExecutionContext): Promise<void> {
  for (const [key, pending] of ctx.inFlight) {
    try {
      const id = await pending.find(AbortSignal.timeout(20_000));
      if (!id) continue;
      await ctx.journal.append({ t: 'created', key, destinationId: id, at: now() });
      ctx.recorder.update(key, { destinationId: id });
    } catch (error) {
      ctx.logger.log('warn', 'Could not check a create that was in flight when the job was cancelled', { key, error });
    }
  }
  ctx.inFlight.clear();
}

/** Batches still ingesting when the job was cancelled are cancelled too, with a signal of their own. */
async function cancelOpenBatches(ctx: ExecutionContext): Promise<void> {
  for (const { vectorStoreId, batchId } of ctx.openBatches.values()) {
    try {
      await ctx.destination.vectorStores.cancelBatch(vectorStoreId, batchId, AbortSignal.timeout(15_000));
    } catch (error) {
      ctx.logger.log('warn', 'Could not cancel a file batch after a job was cancelled', {
        vectorStoreId,
        batchId,
        error,
      });
    }
  }
  ctx.openBatches.clear();
}
