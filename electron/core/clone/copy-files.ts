import { rmSync } from 'node:fs';
import type { PlanFile } from '../../../shared/clone.ts';
import { materialize } from './byte-source.ts';
import { CACHE_MAX_FILE_BYTES } from './file-cache.ts';
import { describeFailure, epochSeconds, inPool, inScope, now, type ExecutionContext } from './execution-context.ts';
import { findFileClone } from './reconcile.ts';
import { NoBytesError, storesHolding } from './refused-download.ts';
import { uploadPurposeFor } from './upload-purpose.ts';

/**
 * Small files are latency-bound, so many go at once; large ones are bandwidth- and memory-bound (each
 * holds one 8 MB part in memory while it sends), so few do. Together they stay well under 100 MB.
 */
const SMALL_FILE_BYTES = 1024 * 1024;
const PARALLEL_SMALL = 96;
const PARALLEL_LARGE = 3;

/** Uploads every planned file once: journal intent, upload (reconciling lost answers), journal created. */
export async function copyFiles(ctx: ExecutionContext, uploaded: () => void = () => {}): Promise<void> {
  const tails: Promise<void>[] = [];
  pending.set(ctx, tails);
  const work: PlanFile[] = [];
  for (const file of ctx.plan.files) {
    if (file.action === 'reuse' && file.destinationId) {
      ctx.board.settle(file.key, file.destinationId);
      ctx.recorder.update(file.key, { state: 'done', destinationId: file.destinationId });
    } else if (file.action === 'create' && inScope(ctx, file.key)) {
      work.push(file);
    } else {
      // Skipped, or outside a Retry's scope: whatever an earlier run made stands.
      ctx.board.settle(file.key, ctx.previous.created.get(file.key));
    }
  }
  try {
    await Promise.all([
      inPool(work.filter((f) => f.bytes <= SMALL_FILE_BYTES), PARALLEL_SMALL, (file) => copyOne(ctx, file)),
      inPool(work.filter((f) => f.bytes > SMALL_FILE_BYTES), PARALLEL_LARGE, (file) => copyOne(ctx, file)),
    ]);
  } finally {
    uploaded();
  }
  await Promise.all(tails);
  // Now nothing on the critical path needs the disk: keep the cache copies while stores ingest.
  await inPool(ctx.deferred.splice(0), 4, (task) => task());
}

async function copyOne(ctx: ExecutionContext, file: PlanFile): Promise<void> {
  const done = ctx.previous.created.get(file.key);
  if (done) {
    // The run that made it may have died before recording it in the id map, the only link a file has.
    if (ctx.idMap.get(file.sourceId)?.destinationId !== done) ctx.idMap.set(file.sourceId, { kind: 'file', destinationId: done, at: now(), ...(file.lossy ? { lossy: true } : {}) });
    ctx.board.settle(file.key, done);
    ctx.recorder.update(file.key, { state: 'done', destinationId: done, bytesDone: file.bytes });
    return;
  }
  if (ctx.signal.aborted) {
    ctx.board.settle(file.key, undefined);
    return ctx.recorder.update(file.key, { state: 'cancelled' });
  }
  ctx.recorder.update(file.key, { state: 'running', bytesDone: 0 });
  try {
    // A run that died after asking for the upload may have made the file already.
    const earlier = ctx.previous.intents.get(file.key);
    if (earlier?.filename !== undefined && earlier.bytes !== undefined) {
      const found = await findFileClone(ctx.destination, earlier.filename, earlier.bytes, epochSeconds(earlier.at), ctx.idMap, ctx.signal);
      if (found) {
        return finish(ctx, file, found.id, ctx.journal.append({ t: 'created', key: file.key, destinationId: found.id, at: now() }));
      }
    }
    const bytes = await materialize(file, { source: ctx.source, cache: ctx.cache, spoolDir: ctx.spoolDir, signal: ctx.signal, filesDir: ctx.plan.request.filesDir, storeIds: storesHolding(ctx, file) });
    if (bytes.lossy) file = { ...file, lossy: true };
    const at = now();
    await ctx.journal.append({ t: 'intent', key: file.key, at, filename: bytes.filename, bytes: bytes.bytes });
    ctx.inFlight.set(file.key, { at, find: async (signal) => (await findFileClone(ctx.destination, bytes.filename, bytes.bytes, epochSeconds(at), ctx.idMap, signal))?.id });
    const uploaded = await ctx.destination.files.uploadFromDisk(
      { path: bytes.path, filename: bytes.filename, purpose: uploadPurposeFor(file), bytes: bytes.bytes },
      {
        signal: ctx.signal,
        reconcile: () => findFileClone(ctx.destination, bytes.filename, bytes.bytes, epochSeconds(at), ctx.idMap, ctx.signal),
        onBytes: (sent) => ctx.recorder.update(file.key, { bytesDone: Math.round((sent / bytes.bytes) * file.bytes) }),
      },
    );
    // The intent before the upload was durable; that is what makes a lost or unrecorded upload findable.
    // So the pipeline does not wait for this record's sync (it is still synced, with its neighbours), but
    // the id map hears of the file only once it is: an id-map entry always has a durable create behind it.
    const durable = ctx.journal.append({ t: 'created', key: file.key, destinationId: uploaded.id, at: now() });
    ctx.inFlight.delete(file.key);
    // Bytes the API will never give back are kept, so this file can be cloned again from either side.
    // Bytes the API will never give back are kept, so this file can be cloned again from either side.
    if (ctx.source.files.downloads.refuses(file.purpose) && file.byteSource !== 'cache' && bytes.bytes <= CACHE_MAX_FILE_BYTES) {
      ctx.deferred.push(() =>
        ctx.cache
          .remember(bytes.path, [file.sourceId, uploaded.id], { filename: file.filename, bytes: bytes.bytes, lossy: file.lossy }, bytes.temporary)
          .catch((error: unknown) => ctx.logger.log('warn', 'Could not keep a copy of an uploaded file', { key: file.key, error })),
      );
    } else if (bytes.temporary) {
      rmSync(bytes.path, { force: true });
    }
    finish(ctx, file, uploaded.id, durable);
  } catch (error) {
    ctx.board.settle(file.key, undefined);
    if (ctx.signal.aborted) return ctx.recorder.update(file.key, { state: 'cancelled' });
    const message = describeFailure(error);
    ctx.logger.log('warn', 'File copy failed', { key: file.key, error });
    // No byte source left (a download refused at run time, no copy elsewhere) is a skip, with its reason.
    const state = error instanceof NoBytesError ? 'skipped' : 'failed';
    await ctx.journal.append({ t: 'item', key: file.key, state, error: message, at: now() });
    ctx.recorder.update(file.key, { state, error: message });
  }
}

/**
 * The file exists: whatever waits for it goes on now. Its id-map entry waits until the create record is
 * synced (an id-map entry always has a durable create behind it), without holding up the transfer pool.
 */
function finish(ctx: ExecutionContext, file: PlanFile, destinationId: string, createDurable: Promise<void>): void {
  ctx.board.settle(file.key, destinationId);
  ctx.recorder.update(file.key, { state: 'done', destinationId, bytesDone: file.bytes });
  const recorded = createDurable.then(
    () => {
      ctx.idMap.set(file.sourceId, { kind: 'file', destinationId, at: now(), ...(file.lossy ? { lossy: true } : {}) });
      // A lost "done" is found again from the create on resume, so this one need not be waited for.
      return ctx.journal.append({ t: 'item', key: file.key, state: 'done', at: now() });
    },
  ).catch((error: unknown) => ctx.logger.log('warn', 'Journal write failed', { key: file.key, error }));
  pending.get(ctx)?.push(recorded);
}

/** Per run: the id-map and journal tails of finished files, awaited before copyFiles resolves. */
const pending = new WeakMap<ExecutionContext, Promise<void>[]>();
