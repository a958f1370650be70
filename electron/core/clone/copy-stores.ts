import type { PlanVectorStore } from '../../../shared/clone.ts';
import type { IngestCounts } from '../../../shared/jobs.ts';
import type { BatchFile, VectorStoreFile } from '../openai/vector-stores-api.ts';
import { batchChunking } from './chunking.ts';
import {
  dependencyMayRecover,
  epochSeconds,
  failurePatch,
  inScope,
  now,
  type ExecutionContext,
} from './execution-context.ts';
import { adoptByMarker } from './apply-recheck.ts';
import { comparedByText } from './parsed-digests.ts';
import { findStoreClone, newestCreated } from './reconcile.ts';
import { waitForStoreFiles } from './store-ingestion.ts';

/** Files per batch: 2000 on current servers, 500 on older ones; 500 works everywhere. */
const BATCH_SIZE = 500;

/**
 * Creates each planned vector store once, as soon as the job starts (assistants need only its id), then
 * attaches its files with their attributes and chunking when they have been uploaded, and waits for
 * ingestion while the rest of the job goes on.
 */
export async function copyStores(ctx: ExecutionContext, attached: () => void = () => {}): Promise<void> {
  const work: PlanVectorStore[] = [];
  for (const store of ctx.plan.vectorStores) {
    if (store.action === 'reuse' && store.destinationId && !inScope(ctx, store.key)) {
      ctx.board.settle(store.key, store.destinationId);
    } else if (
      (store.action === 'create' || (store.action === 'reuse' && store.destinationId)) &&
      inScope(ctx, store.key)
    ) {
      // A reused store is worked on too: it gets every file the plan wants in it (an earlier run may have
      // died before attaching them), and what is attached already is left as it is.
      work.push(store);
    } else {
      ctx.board.settle(store.key, ctx.previous.created.get(store.key));
    }
  }
  // `attached` once every store has its files attached (or has stopped trying): then nothing on the
  // critical path is left to send but ingestion's polls.
  let left = work.length;
  if (left === 0) attached();
  await Promise.all(
    work.map(async (store) => {
      let counted = false;
      const done = () => {
        if (counted) return;
        counted = true;
        if (--left === 0) attached();
      };
      try {
        await copyOne(ctx, store, done);
      } finally {
        done();
      }
    }),
  );
}

async function copyOne(ctx: ExecutionContext, store: PlanVectorStore, attached: () => void): Promise<void> {
  const previous = ctx.previous.created.get(store.key) ?? ctx.previous.updated.get(store.key);
  if (previous && ctx.previous.finished.get(store.key)?.state === 'done') {
    if (ctx.idMap.get(store.sourceId)?.destinationId !== previous)
      await ctx.idMap.set(store.sourceId, { kind: 'vector_store', destinationId: previous, at: now() });
    ctx.board.settle(store.key, previous);
    ctx.recorder.update(store.key, { state: 'done', destinationId: previous });
    return;
  }
  if (ctx.signal.aborted) {
    ctx.board.settle(store.key, undefined);
    return ctx.recorder.update(store.key, { state: 'cancelled' });
  }
  ctx.recorder.update(store.key, { state: 'running' });
  let vectorStoreId: string;
  let fresh: boolean;
  try {
    ({ id: vectorStoreId, fresh } = await ensureStore(ctx, store));
  } catch (error) {
    ctx.board.settle(store.key, undefined);
    return await fail(ctx, store, error);
  }
  ctx.board.settle(store.key, vectorStoreId);
  ctx.recorder.update(store.key, { destinationId: vectorStoreId });

  try {
    const fileIds = await Promise.all(store.files.map((f) => ctx.board.wait(f.fileKey)));
    if (ctx.signal.aborted) return ctx.recorder.update(store.key, { state: 'cancelled' });
    const missingFiles = store.files.filter((_, i) => !fileIds[i]);
    const wanted: BatchFile[] = store.files.flatMap((f, i) => {
      const id = fileIds[i];
      if (!id) return [];
      return [
        {
          file_id: id,
          ...(f.attributes ? { attributes: f.attributes } : {}),
          ...(f.chunkingStrategy
            ? { chunking_strategy: batchChunking(f.chunkingStrategy) as NonNullable<BatchFile['chunking_strategy']> }
            : {}),
        },
      ];
    });
    const listed = await attach(ctx, store, vectorStoreId, wanted, fresh);
    attached();

    const keyOfFile = new Map(store.files.map((f, i) => [fileIds[i] ?? '', f.fileKey]));
    const withMissing = (counts: IngestCounts): IngestCounts => ({
      ...counts,
      total: counts.total + missingFiles.length,
      failed: counts.failed + missingFiles.length,
    });
    const outcome = await waitForStoreFiles(
      ctx.destination,
      vectorStoreId,
      wanted.map((f) => f.file_id),
      {
        deadlineMs: ctx.ingestDeadlineMs,
        pollMs: ctx.ingestPollMs,
        signal: ctx.signal,
        onCounts: (counts) => ctx.recorder.update(store.key, { ingest: withMissing(counts) }),
        listed,
      },
    );
    // Listed after this run's last write to the store: what the closing verify compares.
    ctx.storeListings.set(vectorStoreId, outcome.listing);
    for (const key of [...ctx.openBatches.keys()]) if (key.startsWith(`${store.key}:`)) ctx.openBatches.delete(key);
    // Indexed now: read the copies' parsed texts for the verify to come, while other stores still ingest.
    const failedIds = new Set([...outcome.failed.map((f) => f.id), ...outcome.stuck]);
    // (Files this run uploaded itself are compared with the bytes it sent first; see verify-content.ts.)
    for (const f of wanted) {
      const key = keyOfFile.get(f.file_id) ?? '';
      if (!failedIds.has(f.file_id) && comparedByText(ctx, key) && !ctx.answered.has(key))
        ctx.digests.prefetch(ctx.destination, vectorStoreId, f.file_id, ctx.signal);
    }

    const fileErrors = [
      ...missingFiles.map((f) => ({
        fileKey: f.fileKey,
        message: 'The file itself could not be copied, so it was not attached.',
        retryable: dependencyMayRecover(ctx, f.fileKey),
      })),
      ...outcome.failed.map((f) => ({
        fileKey: keyOfFile.get(f.id) ?? f.id,
        message: f.message,
        retryable: f.retryable,
      })),
      ...outcome.stuck.map((id) => ({
        fileKey: keyOfFile.get(id) ?? id,
        message: `Still in progress after ${Math.round(ctx.ingestDeadlineMs / 1000)} s of waiting; Ferry stopped waiting. Check it later or retry.`,
        retryable: true,
      })),
    ];
    const ingest = withMissing(outcome.counts);
    if (fileErrors.length === 0) {
      await ctx.journal.append({ t: 'item', key: store.key, state: 'done', at: now() });
      ctx.recorder.update(store.key, { state: 'done', ingest });
    } else {
      const error = `${fileErrors.length} of ${store.files.length} files did not make it into the store.`;
      await ctx.journal.append({ t: 'item', key: store.key, state: 'failed', error, at: now() });
      // A Retry attaches the failed files again: worth offering only if one of them can come out differently.
      ctx.recorder.update(store.key, {
        state: 'failed',
        ingest,
        fileErrors,
        error,
        retryable: fileErrors.some((f) => f.retryable),
      });
    }
  } catch (error) {
    await fail(ctx, store, error);
  }
}

/**
 * Attaches what is not attached yet (a resumed job must not attach a file twice), in batches. A file an
 * earlier run left cancelled (its batch was cancelled with the job) or failed is taken out and attached
 * again: resuming means finishing, and a cancelled ingestion never finishes by itself. A store this run
 * has just created (`fresh`) holds nothing yet: only this step attaches to it, once, and the destination
 * lock keeps other jobs out, so it is not listed first (one request per store saved). Answers the store's
 * listing when nothing was attached or taken out since it was made (then it still holds), for the wait
 * for ingestion to start from.
 */
async function attach(
  ctx: ExecutionContext,
  store: PlanVectorStore,
  vectorStoreId: string,
  wanted: BatchFile[],
  fresh: boolean,
): Promise<VectorStoreFile[] | undefined> {
  const listing = fresh
    ? []
    : (plannedListing(ctx, vectorStoreId, wanted) ??
      (await ctx.destination.vectorStores.listFiles(vectorStoreId, ctx.signal)));
  const present = new Map(listing.map((f) => [f.id, f.status]));
  let changed = false;
  const wantedIds = new Set(wanted.map((f) => f.file_id));
  for (const [fileId, status] of present) {
    if (wantedIds.has(fileId) && (status === 'cancelled' || status === 'failed')) {
      await ctx.destination.vectorStores.removeFile(vectorStoreId, fileId, ctx.signal);
      present.delete(fileId);
      changed = true;
    }
  }
  const toAttach = wanted.filter((f) => !present.has(f.file_id));
  if (toAttach.length > 0) changed = true;
  const chunks: BatchFile[][] = [];
  for (let i = 0; i < toAttach.length; i += BATCH_SIZE) chunks.push(toAttach.slice(i, i + BATCH_SIZE));
  // The batches go out together: 10,000 files are 20 batches, which one after another were 20 round trips
  // on the critical path. Each holds other files, so they are independent (a lost answer's reconcile looks
  // for its own files only).
  await Promise.all(chunks.map((chunk) => attachBatch(ctx, store, vectorStoreId, chunk)));
  return fresh || changed ? undefined : listing;
}

/** One batch of files attached (journalled, so a resumed job knows it), its lost answer reconciled. */
async function attachBatch(
  ctx: ExecutionContext,
  store: PlanVectorStore,
  vectorStoreId: string,
  chunk: BatchFile[],
): Promise<void> {
  const batch = await ctx.destination.vectorStores.createBatch(vectorStoreId, chunk, {
    signal: ctx.signal,
    // A batch whose answer was lost shows as its files attached; then there is nothing to redo.
    reconcile: async () => {
      const attachedNow = new Set(
        (await ctx.destination.vectorStores.listFiles(vectorStoreId, ctx.signal)).map((f) => f.id),
      );
      return chunk.every((f) => attachedNow.has(f.file_id))
        ? ({ id: '', vector_store_id: vectorStoreId } as never)
        : undefined;
    },
  });
  if (batch.id) {
    ctx.openBatches.set(`${store.key}:${batch.id}`, { vectorStoreId, batchId: batch.id });
    await ctx.journal.append({
      t: 'batch',
      key: store.key,
      batchId: batch.id,
      fileIds: chunk.map((f) => f.file_id),
      at: now(),
    });
  }
}

/**
 * The plan's listing of a reused store (planner-listings.ts), when it shows every wanted file attached and
 * none to take out: then this run writes nothing to the store, and what the plan listed moments ago
 * stands for it, as for the verify that follows (which says when that was). Anything to change, and the
 * store is listed afresh before it is written to.
 */
function plannedListing(
  ctx: ExecutionContext,
  vectorStoreId: string,
  wanted: BatchFile[],
): VectorStoreFile[] | undefined {
  const listing = ctx.planListings?.destination.storeFiles.get(vectorStoreId);
  if (!listing) return undefined;
  const status = new Map(listing.map((f) => [f.id, f.status]));
  const attached = (f: BatchFile) => {
    const s = status.get(f.file_id);
    return s !== undefined && s !== 'failed' && s !== 'cancelled';
  };
  return wanted.every(attached) ? listing : undefined;
}

async function fail(ctx: ExecutionContext, store: PlanVectorStore, error: unknown): Promise<void> {
  if (ctx.signal.aborted) return ctx.recorder.update(store.key, { state: 'cancelled' });
  const failure = failurePatch(error);
  ctx.logger.log('warn', 'Vector store copy failed', { key: store.key, error });
  await ctx.journal.append({ t: 'item', key: store.key, state: 'failed', error: failure.error, at: now() });
  ctx.recorder.update(store.key, failure);
}

/**
 * The destination store: reused, from an earlier run, made meanwhile by another job, found after a lost
 * answer, or created now. `fresh` only for a store this run's own create made (answered, or found by its
 * reconcile: made since this attempt), which therefore holds no file yet.
 */
async function ensureStore(ctx: ExecutionContext, store: PlanVectorStore): Promise<{ id: string; fresh: boolean }> {
  const existing = (id: string) => ({ id, fresh: false });
  if (store.action === 'reuse' && store.destinationId) return existing(store.destinationId);
  const known = ctx.previous.created.get(store.key) ?? ctx.previous.updated.get(store.key);
  if (known) {
    if (ctx.idMap.get(store.sourceId)?.destinationId !== known)
      await ctx.idMap.set(store.sourceId, { kind: 'vector_store', destinationId: known, at: now() });
    return existing(known);
  }
  // What the re-check found in other jobs' journals comes first: it knows whose the store is.
  const planned = ctx.recheck.adoptable.get(store.key);
  if (planned) return existing(await record(ctx, store, planned.id, planned.own ? 'created' : 'updated'));
  const claimant = { key: store.key, claims: ctx.claims };
  // Then this job's own earlier attempt: a store it asked for and never saw answered is its own (its
  // cleanup removes it), though it carries the marker a store of another job would.
  const earlier = ctx.previous.intents.get(store.key);
  if (earlier) {
    const found = await findStoreClone(
      ctx.destination,
      store.sourceId,
      store.name,
      epochSeconds(earlier.at),
      ctx.idMap,
      ctx.signal,
      claimant,
      { index: ctx.recheck.stores },
    );
    if (found) return existing(await record(ctx, store, found.id));
  }
  const adopted = await adoptByMarker(ctx, store.key, store.sourceId, 'vector_store');
  if (adopted) return existing(await record(ctx, store, adopted.id, adopted.own ? 'created' : 'updated'));
  // What a lost answer's reconcile need not look past (reconcile.ts): taken before the create is sent.
  const seen = { newest: await newestCreated(ctx.recheck.stores) };
  const at = now();
  await ctx.journal.append({ t: 'intent', key: store.key, at });
  const find = (signal: AbortSignal) =>
    findStoreClone(ctx.destination, store.sourceId, store.name, epochSeconds(at), ctx.idMap, signal, claimant, seen);
  ctx.inFlight.set(store.key, { at, find: async (signal) => (await find(signal))?.id });
  const created = await ctx.destination.vectorStores.create(
    {
      name: store.name,
      metadata: store.metadata,
      ...(store.expiresAfter ? { expires_after: store.expiresAfter as never } : {}),
    },
    {
      signal: ctx.signal,
      reconcile: () => find(ctx.signal),
    },
  );
  ctx.claims.claim(created.id, store.key);
  ctx.recheck.stores.note(created);
  return { id: await record(ctx, store, created.id), fresh: true };
}

/** Journals the store as this job's (created) or as reused, and links it durably before anything uses it. */
async function record(
  ctx: ExecutionContext,
  store: PlanVectorStore,
  id: string,
  as: 'created' | 'updated' = 'created',
): Promise<string> {
  // The journal first: a link on disk then always has a record saying which job made the store.
  await ctx.journal.append({ t: as, key: store.key, destinationId: id, at: now() });
  if (ctx.idMap.get(store.sourceId)?.destinationId !== id)
    await ctx.idMap.set(store.sourceId, { kind: 'vector_store', destinationId: id, at: now() });
  ctx.inFlight.delete(store.key);
  return id;
}
