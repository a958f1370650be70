import { readFileSync, rmSync } from 'node:fs';
import type { PlanFile } from '../../../shared/clone.ts';
import { materialize } from './byte-source.ts';
import { describeFailure } from '../errors.ts';
import { inPool } from '../pool.ts';
import { epochSeconds, failurePatch, inScope, now, type ExecutionContext } from './execution-context.ts';
import { adoptExisting } from './apply-recheck.ts';
import { READ_WHOLE_BYTES } from '../openai/files-api.ts';
import { CACHE_MAX_FILE_BYTES, hashFile, sha256Of } from './file-cache.ts';
import { type IntentRecord } from './intent-hashes.ts';
import { findFileClone } from './reconcile.ts';
import { NoBytesError, storesHolding } from './refused-download.ts';
import { uploadPurposeFor } from './upload-purpose.ts';
import { MAX_IN_FLIGHT } from '../openai/scheduler.ts';

/**
 * Small files are latency-bound, so many go at once; large ones are bandwidth- and memory-bound (each
 * holds one 8 MB part in memory while it sends), so few do. Together they stay well under 100 MB.
 */
const SMALL_FILE_BYTES = 1024 * 1024;
const PARALLEL_SMALL = MAX_IN_FLIGHT;
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
  // What a dead run may have sent is settled before anything new goes out: a new look-alike's lost
  // answer would otherwise find the dead run's file as well as its own, and nothing tells them apart.
  const unsettled = (file: PlanFile) =>
    ctx.previous.intents.has(file.key) && !ctx.previous.created.has(file.key) && !ctx.previous.updated.has(file.key);
  try {
    await copyAll(ctx, work.filter(unsettled));
    await copyAll(
      ctx,
      work.filter((file) => !unsettled(file)),
    );
  } finally {
    uploaded();
  }
  await Promise.all(tails);
  // Now nothing on the critical path needs the disk: keep the cache copies while stores ingest.
  await inPool(ctx.deferred.splice(0), 4, (task) => task());
}

async function copyAll(ctx: ExecutionContext, files: PlanFile[]): Promise<void> {
  await Promise.all([
    inPool(
      files.filter((f) => f.bytes <= SMALL_FILE_BYTES),
      PARALLEL_SMALL,
      (file) => copyOne(ctx, file),
    ),
    inPool(
      files.filter((f) => f.bytes > SMALL_FILE_BYTES),
      PARALLEL_LARGE,
      (file) => copyOne(ctx, file),
    ),
  ]);
}

async function copyOne(ctx: ExecutionContext, file: PlanFile): Promise<void> {
  const done = ctx.previous.created.get(file.key) ?? ctx.previous.updated.get(file.key);
  if (done) {
    // The run that made it may have died before recording it in the id map, the only link a file has.
    ctx.claims.claim(done, file.key);
    const link =
      ctx.idMap.get(file.sourceId)?.destinationId !== done
        ? ctx.idMap.set(file.sourceId, {
            kind: 'file',
            destinationId: done,
            at: now(),
            ...(file.lossy ? { lossy: true } : {}),
          })
        : Promise.resolve();
    await link.catch((error: unknown) => ctx.logger.log('warn', 'Id map write failed', { key: file.key, error }));
    ctx.board.settle(file.key, done);
    ctx.recorder.update(file.key, { state: 'done', destinationId: done, bytesDone: file.bytes });
    return;
  }
  if (ctx.signal.aborted) {
    ctx.board.settle(file.key, undefined);
    return ctx.recorder.update(file.key, { state: 'cancelled' });
  }
  ctx.recorder.update(file.key, { state: 'running', bytesDone: 0 });
  let signature: string | undefined;
  try {
    // Into a folder, a file with no bytes is recorded by name, size and purpose: the folder answers its id.
    const folder = ctx.destination.folder;
    if (file.byteSource === 'none' && folder) {
      const id = folder.recordMissing({
        source_id: file.sourceId,
        filename: file.filename,
        bytes: file.bytes,
        purpose: file.purpose,
      });
      return finish(ctx, file, id, ctx.journal.append({ t: 'created', key: file.key, destinationId: id, at: now() }));
    }
    // Another job (or an interrupted run of another) may have made this file since the plan: reuse it.
    const adopted = adoptExisting(ctx, file.key, file.sourceId);
    if (adopted)
      return finish(
        ctx,
        file,
        adopted.id,
        ctx.journal.append({
          t: adopted.own ? 'created' : 'updated',
          key: file.key,
          destinationId: adopted.id,
          at: now(),
        }),
      );
    // A run that died after asking for the upload may have made the file already.
    const earlier = ctx.previous.intents.get(file.key);
    if (earlier?.filename !== undefined && earlier.bytes !== undefined) {
      const found = await lookFor(
        ctx,
        file.key,
        { filename: earlier.filename, bytes: earlier.bytes, at: earlier.at, sha256: ctx.recheck.hashes.get(file.key) },
        ctx.signal,
      );
      if (found) {
        return finish(
          ctx,
          file,
          found.id,
          ctx.journal.append({ t: 'created', key: file.key, destinationId: found.id, at: now() }),
        );
      }
    }
    const bytes = await materialize(file, {
      source: ctx.source,
      cache: ctx.cache,
      spoolDir: ctx.spoolDir,
      signal: ctx.signal,
      filesDir: ctx.plan.request.filesDir,
      storeIds: storesHolding(ctx, file),
    });
    if (bytes.lossy) file = { ...file, lossy: true };
    // What Ferry sends, by content: verify compares it with a downloadable copy, whatever the bytes' source.
    // A small file is read once: the bytes hashed are the bytes sent.
    const data = bytes.bytes <= READ_WHOLE_BYTES ? readFileSync(bytes.path) : undefined;
    const sha256 = data ? sha256Of(data) : await hashFile(bytes.path, bytes.bytes);
    const sig = signatureOf(bytes.filename, bytes.bytes);
    signature = sig;
    // From here until its answer, this file holds its name and size (see Claims): no look-alike is on its
    // way meanwhile, so a reconcile after a lost answer can only find this upload's file. The intent is
    // written while holding it, so a run that dies leaves at most one unanswered look-alike behind.
    await ctx.claims.take(sig, file.key, ctx.signal);
    const at = now();
    const intent: IntentRecord = {
      t: 'intent',
      key: file.key,
      at,
      filename: bytes.filename,
      bytes: bytes.bytes,
      sha256,
    };
    await ctx.journal.append(intent);
    const attempt = { filename: bytes.filename, bytes: bytes.bytes, at, sha256 };
    let reconciled = false;
    ctx.inFlight.set(file.key, { at, find: async (signal) => (await lookFor(ctx, file.key, attempt, signal))?.id });
    const uploaded = await ctx.destination.files.uploadFromDisk(
      { path: bytes.path, filename: bytes.filename, purpose: uploadPurposeFor(file), bytes: bytes.bytes, data },
      {
        signal: ctx.signal,
        reconcile: async () => {
          // Still holding the signature: nothing found, the upload is sent again with no look-alike between.
          const found = await lookFor(ctx, file.key, attempt, ctx.signal);
          reconciled ||= found !== undefined;
          return found;
        },
        onBytes: (sent) => ctx.recorder.update(file.key, { bytesDone: Math.round((sent / bytes.bytes) * file.bytes) }),
      },
    );
    // The answer names the file this upload made. No reconcile can have taken it (none lists while a
    // look-alike is on its way); if one ever did, two keys would share one file: the item fails instead,
    // its intent left for a resume to find (or make) a file of its own.
    const mine = ctx.claims.claim(uploaded.id, file.key);
    ctx.claims.letGo(sig, file.key);
    ctx.inFlight.delete(file.key);
    if (!mine)
      throw new Error(
        `The upload made ${uploaded.id}, but it was already recorded for ${ctx.claims.ownerOf(uploaded.id)}; resume the job to copy this file again.`,
      );
    if (!reconciled) ctx.answered.set(file.key, sha256);
    // The intent before the upload was durable; that is what makes a lost or unrecorded upload findable.
    // So the pipeline does not wait for this record's sync (it is still synced, with its neighbours), but
    // nothing uses the file until its create record and its id-map link are both on disk.
    const durable = ctx.journal.append({ t: 'created', key: file.key, destinationId: uploaded.id, at: now() });
    // Bytes the API will never give back are kept, so this file can be cloned again from either side.
    if (
      ctx.source.files.downloads.refuses(file.purpose) &&
      file.byteSource !== 'cache' &&
      bytes.bytes <= CACHE_MAX_FILE_BYTES
    ) {
      const keep = () =>
        ctx.cache
          .remember(
            bytes.path,
            [file.sourceId, uploaded.id],
            { filename: file.filename, bytes: bytes.bytes, lossy: file.lossy, sha256, data },
            bytes.temporary,
          )
          .catch((error: unknown) =>
            ctx.logger.log('warn', 'Could not keep a copy of an uploaded file', { key: file.key, error }),
          );
      // A small file's bytes are still in hand: appending them to the cache's pack now is one write, where
      // keeping it later meant reading and hashing it again on the main thread while the stores ingest.
      // A larger one is copied later, once nothing on the critical path needs the disk.
      if (data) pending.get(ctx)?.push(keep());
      else ctx.deferred.push(keep);
    } else if (bytes.temporary) {
      rmSync(bytes.path, { force: true });
    }
    finish(ctx, file, uploaded.id, durable, sha256);
  } catch (error) {
    if (signature) ctx.claims.letGo(signature, file.key);
    ctx.board.settle(file.key, undefined);
    if (ctx.signal.aborted) return ctx.recorder.update(file.key, { state: 'cancelled' });
    ctx.logger.log('warn', 'File copy failed', { key: file.key, error });
    // No byte source left (a download refused at run time, no copy elsewhere) is a skip, with its reason.
    const patch =
      error instanceof NoBytesError
        ? { state: 'skipped' as const, error: describeFailure(error) }
        : failurePatch(error);
    await ctx.journal.append({ t: 'item', key: file.key, state: patch.state, error: patch.error, at: now() });
    ctx.recorder.update(file.key, patch);
  }
}

/**
 * The file exists. Whatever waits for it goes on once its create record and then its id-map link are
 * synced (group-committed with their neighbours), so a job killed at any point leaves every file it made
 * recorded, and the next plan reuses it; the transfer pool does not wait for the disk meanwhile.
 */
function finish(
  ctx: ExecutionContext,
  file: PlanFile,
  destinationId: string,
  createDurable: Promise<void>,
  sha256?: string,
): void {
  ctx.claims.claim(destinationId, file.key);
  const known = ctx.idMap.get(file.sourceId);
  const linked = known?.destinationId === destinationId && (sha256 === undefined || known.sha256 === sha256);
  // The link goes to disk only after the journal's record: a link then always has a journal that says
  // which job made the file, so a kill between the two can never leave a file that no cleanup owns.
  const recorded = createDurable
    .then(() =>
      linked
        ? undefined
        : ctx.idMap.set(file.sourceId, {
            kind: 'file',
            destinationId,
            at: now(),
            ...(file.lossy ? { lossy: true } : {}),
            ...(sha256
              ? { sha256 }
              : known?.destinationId === destinationId && known.sha256
                ? { sha256: known.sha256 }
                : {}),
          }),
    )
    .then(
      () => {
        ctx.board.settle(file.key, destinationId);
        ctx.recorder.update(file.key, { state: 'done', destinationId, bytesDone: file.bytes });
        // A lost "done" is found again from the create on resume, so this one need not be waited for.
        return ctx.journal.append({ t: 'item', key: file.key, state: 'done', at: now() });
      },
      async (error: unknown) => {
        ctx.board.settle(file.key, undefined);
        const message = `Made as ${destinationId}, but Ferry could not record it on disk: ${describeFailure(error)}`;
        ctx.logger.log('warn', 'Journal or id map write failed', { key: file.key, error });
        ctx.recorder.update(file.key, { state: 'failed', destinationId, error: message });
      },
    )
    .catch((error: unknown) => ctx.logger.log('warn', 'Journal write failed', { key: file.key, error }));
  pending.get(ctx)?.push(recorded);
}

/** Files are told apart from look-alikes by name and size (and, where it can be read, by content). */
function signatureOf(filename: string, bytes: number): string {
  return `${filename}\u0000${bytes}`;
}

/**
 * Looks once for the file an unanswered upload of `key` made, listing only while `key` holds the file's
 * name and size (see Claims): what it finds is claimed for `key` in the same tick.
 */
async function lookFor(
  ctx: ExecutionContext,
  key: string,
  attempt: { filename: string; bytes: number; at: string; sha256: string | undefined },
  signal?: AbortSignal,
) {
  const signature = signatureOf(attempt.filename, attempt.bytes);
  // An upload's own reconcile lists while it holds the signature, and keeps it; a lookup on its own
  // (what a dead run may have made, a cancelled upload's file) takes it for the listing only.
  const holding = ctx.claims.holderOf(signature) === key;
  await ctx.claims.take(signature, key, signal);
  try {
    return await findFileClone(
      ctx.destination,
      attempt.filename,
      attempt.bytes,
      epochSeconds(attempt.at),
      ctx.idMap,
      signal,
      { key, claims: ctx.claims },
      attempt.sha256,
    );
  } finally {
    if (!holding) ctx.claims.letGo(signature, key);
  }
}

/** Per run: the id-map and journal tails of finished files, awaited before copyFiles resolves. */
const pending = new WeakMap<ExecutionContext, Promise<void>[]>();
