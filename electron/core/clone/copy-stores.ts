import type { PlanVectorStore } from '../../../shared/clone.ts';
import type { IngestCounts } from '../../../shared/jobs.ts';
import type { BatchFile } from '../openai/vector-stores-api.ts';
import { describeFailure, epochSeconds, inPool, now, type ExecutionContext } from './execution-context.ts';
import { waitForStoreFiles } from './store-ingestion.ts';
import { findStoreClone } from './reconcile.ts';

/** Files per batch: 2000 on current servers, 500 on older ones; 500 works everywhere. */
const BATCH_SIZE = 500;
const PARALLEL_STORES = 4;

/** Creates each planned vector store once, attaches its files with their attributes and chunking, and waits for ingestion. */
export async function copyStores(ctx: ExecutionContext): Promise<void> {
  for (const store of ctx.plan.vectorStores) {
    if (store.action === 'reuse' && store.destinationId) {
      ctx.resolved.set(store.key, store.destinationId);
      ctx.recorder.update(store.key, { state: 'done', destinationId: store.destinationId });
    }
  }
  const work = ctx.plan.vectorStores.filter((s) => s.action === 'create' && (!ctx.only || ctx.only.has(s.key)));
  await inPool(work, PARALLEL_STORES, (store) => copyOne(ctx, store));
}

async function copyOne(ctx: ExecutionContext, store: PlanVectorStore): Promise<void> {
  if (ctx.previous.finished.get(store.key)?.state === 'done' && ctx.previous.created.has(store.key)) {
    const id = ctx.previous.created.get(store.key)!;
    ctx.resolved.set(store.key, id);
    ctx.recorder.update(store.key, { state: 'done', destinationId: id });
    return;
  }
  if (ctx.signal.aborted) return ctx.recorder.update(store.key, { state: 'cancelled' });
  ctx.recorder.update(store.key, { state: 'running' });
  try {
    const vectorStoreId = await ensureStore(ctx, store);
    ctx.recorder.update(store.key, { destinationId: vectorStoreId });

    const missingFiles = store.files.filter((f) => !ctx.resolved.has(f.fileKey));
    const wanted: BatchFile[] = store.files
      .filter((f) => ctx.resolved.has(f.fileKey))
      .map((f) => ({
        file_id: ctx.resolved.get(f.fileKey)!,
        ...(f.attributes ? { attributes: f.attributes } : {}),
        ...(f.chunkingStrategy ? { chunking_strategy: f.chunkingStrategy as NonNullable<BatchFile['chunking_strategy']> } : {}),
      }));
    // Attach only what is not attached yet: a resumed job must not attach a file twice.
    const attached = new Set((await ctx.destination.vectorStores.listFiles(vectorStoreId, ctx.signal)).map((f) => f.id));
    const toAttach = wanted.filter((f) => !attached.has(f.file_id));
    for (let i = 0; i < toAttach.length; i += BATCH_SIZE) {
      const chunk = toAttach.slice(i, i + BATCH_SIZE);
      const batch = await ctx.destination.vectorStores.createBatch(vectorStoreId, chunk, {
        signal: ctx.signal,
        // A batch whose answer was lost shows as its files attached; then there is nothing to redo.
        reconcile: async () => {
          const attachedNow = new Set((await ctx.destination.vectorStores.listFiles(vectorStoreId, ctx.signal)).map((f) => f.id));
          return chunk.every((f) => attachedNow.has(f.file_id)) ? ({ id: '', vector_store_id: vectorStoreId } as never) : undefined;
        },
      });
      if (batch.id) {
        ctx.openBatches.set(`${store.key}:${batch.id}`, { vectorStoreId, batchId: batch.id });
        ctx.journal.append({ t: 'batch', key: store.key, batchId: batch.id, fileIds: chunk.map((f) => f.file_id), at: now() });
      }
    }

    const fileNames = new Map(store.files.map((f) => [ctx.resolved.get(f.fileKey) ?? '', f.fileKey]));
    const outcome = await waitForStoreFiles(ctx.destination, vectorStoreId, wanted.map((f) => f.file_id), {
      deadlineMs: ctx.ingestDeadlineMs,
      signal: ctx.signal,
      onCounts: (counts: IngestCounts) => ctx.recorder.update(store.key, { ingest: { ...counts, total: counts.total + missingFiles.length, failed: counts.failed + missingFiles.length } }),
    });
    for (const key of [...ctx.openBatches.keys()]) if (key.startsWith(`${store.key}:`)) ctx.openBatches.delete(key);

    const fileErrors = [
      ...missingFiles.map((f) => ({ fileKey: f.fileKey, message: 'The file itself could not be copied, so it was not attached.' })),
      ...outcome.failed.map((f) => ({ fileKey: fileNames.get(f.id) ?? f.id, message: f.message })),
      ...outcome.stuck.map((id) => ({ fileKey: fileNames.get(id) ?? id, message: `Still in progress after ${Math.round(ctx.ingestDeadlineMs / 1000)} s of waiting; Ferry stopped waiting. Check it later or retry.` })),
    ];
    const ingest = { ...outcome.counts, total: outcome.counts.total + missingFiles.length, failed: outcome.counts.failed + missingFiles.length };
    if (fileErrors.length === 0) {
      ctx.journal.append({ t: 'item', key: store.key, state: 'done', at: now() });
      ctx.recorder.update(store.key, { state: 'done', ingest });
    } else {
      const error = `${fileErrors.length} of ${store.files.length} files did not make it into the store.`;
      ctx.journal.append({ t: 'item', key: store.key, state: 'failed', error, at: now() });
      ctx.recorder.update(store.key, { state: 'failed', ingest, fileErrors, error });
    }
  } catch (error) {
    if (ctx.signal.aborted) return ctx.recorder.update(store.key, { state: 'cancelled' });
    const message = describeFailure(error);
    ctx.logger.log('warn', 'Vector store copy failed', { key: store.key, error });
    ctx.journal.append({ t: 'item', key: store.key, state: 'failed', error: message, at: now() });
    ctx.recorder.update(store.key, { state: 'failed', error: message });
  }
}

/** The destination store: from an earlier run, found after a lost answer, or created now. */
async function ensureStore(ctx: ExecutionContext, store: PlanVectorStore): Promise<string> {
  const known = ctx.previous.created.get(store.key) ?? ctx.resolved.get(store.key);
  if (known) {
    ctx.resolved.set(store.key, known);
    return known;
  }
  const earlier = ctx.previous.intents.get(store.key);
  if (earlier) {
    const found = await findStoreClone(ctx.destination, store.sourceId, store.name, epochSeconds(earlier.at), ctx.idMap, ctx.signal);
    if (found) return record(ctx, store, found.id);
  }
  const at = now();
  ctx.journal.append({ t: 'intent', key: store.key, at });
  const created = await ctx.destination.vectorStores.create(
    { name: store.name, metadata: store.metadata, ...(store.expiresAfter ? { expires_after: store.expiresAfter as never } : {}) },
    { signal: ctx.signal, reconcile: () => findStoreClone(ctx.destination, store.sourceId, store.name, epochSeconds(at), ctx.idMap, ctx.signal) },
  );
  return record(ctx, store, created.id);
}

function record(ctx: ExecutionContext, store: PlanVectorStore, id: string): string {
  ctx.journal.append({ t: 'created', key: store.key, destinationId: id, at: now() });
  ctx.idMap.set(store.sourceId, { kind: 'vector_store', destinationId: id, at: now() });
  ctx.resolved.set(store.key, id);
  return id;
}
