import { createWriteStream, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeWebStream } from 'node:stream/web';
import type { PlanFile } from '../../../shared/clone.ts';
import { FerryError } from '../errors.ts';
import { isOutOfSpace, stateWriteError } from '../storage/durable-file.ts';
import type { OrgGateway } from '../openai/org-gateway.ts';
import { safeFilename } from '../storage/safe-filename.ts';
import { DownloadRefusedError } from '../openai/download-policy.ts';
import { mkdirPrivate, PRIVATE_FILE_MODE } from '../settings/private-state.ts';
import { sizeOf, type FileCache } from './file-cache.ts';
import { afterRefusedDownload, reconstructedName } from './refused-download.ts';

export interface Materialized {
  path: string;
  bytes: number;
  /** The filename to upload under (a reconstructed binary gets .txt). */
  filename: string;
  /** A spool file of this job's, which may be moved into the cache or deleted after the upload. */
  temporary: boolean;
  /** Set when a refused download fell through to a lossy source the plan did not foresee. */
  lossy?: boolean;
}

/**
 * Puts a planned file's bytes on local disk, from wherever the plan said they come from. Downloads and
 * reconstructions are spooled to the job's folder rather than held in memory, so a 500 MB file costs disk,
 * not RAM, and a retried upload re-reads the spool instead of downloading again.
 */
export async function materialize(
  file: PlanFile,
  ctx: {
    source: OrgGateway;
    cache: FileCache;
    spoolDir: string;
    signal?: AbortSignal | undefined;
    filesDir?: string | undefined;
    storeIds?: string[];
  },
): Promise<Materialized> {
  // Only downloads, reconstructions and the cache's packed files are spooled: a file from a folder costs
  // no folder check and no name cleaning (most files of a clone, each a few system calls fewer).
  const spoolPath = () => {
    mkdirPrivate(ctx.spoolDir);
    // The id comes from the API: made a plain file name before it names anything on disk.
    return join(ctx.spoolDir, safeFilename(file.sourceId));
  };
  switch (file.byteSource) {
    case 'download': {
      const spool = spoolPath();
      let body: ReadableStream<Uint8Array>;
      try {
        body = await ctx.source.files.download(file.sourceId, ctx.signal);
      } catch (error) {
        if (!(error instanceof DownloadRefusedError)) throw error;
        return afterRefusedDownload(file, error, { ...ctx, spool, storeIds: ctx.storeIds ?? [] });
      }
      await pipeline(
        Readable.fromWeb(body as NodeWebStream),
        createWriteStream(spool, { mode: PRIVATE_FILE_MODE }),
        ctx.signal ? { signal: ctx.signal } : {},
      ).catch((error: unknown) => {
        // A full disk is said as such (which file, how many bytes), and leaves no partial spool behind.
        if (!isOutOfSpace(error)) throw error;
        rmSync(spool, { force: true });
        throw stateWriteError(spool, file.bytes, error);
      });
      const bytes = statSync(spool).size;
      if (bytes !== file.bytes)
        throw new FerryError(
          'upstream',
          `Downloading "${file.filename}" gave ${bytes} bytes where the source file has ${file.bytes}; it will be retried.`,
        );
      return { path: spool, bytes, filename: file.filename, temporary: true };
    }
    case 'local': {
      const path = file.localPath ?? '';
      if (sizeOf(path) !== file.bytes) {
        throw new FerryError(
          'not_found',
          `The local copy "${path}" of "${file.filename}" is gone or has changed size since the plan was made. Plan again.`,
        );
      }
      return { path, bytes: file.bytes, filename: file.filename, temporary: false };
    }
    case 'cache': {
      const hit = await ctx.cache.open(file.sourceId, file.bytes, spoolPath());
      if (!hit)
        throw new FerryError(
          'not_found',
          `Ferry's cached copy of "${file.filename}" is gone. Plan again, or point Ferry at a folder holding the original.`,
        );
      return { path: hit.path, bytes: file.bytes, filename: file.filename, temporary: hit.temporary };
    }
    case 'reconstruct': {
      const spool = spoolPath();
      const text = await ctx.source.vectorStores.parsedText(file.reconstructFrom ?? '', file.sourceId, ctx.signal);
      if (text.length === 0)
        throw new FerryError(
          'upstream',
          `The parsed text of "${file.filename}" is empty, so it cannot be reconstructed.`,
        );
      try {
        writeFileSync(spool, text, { mode: PRIVATE_FILE_MODE });
      } catch (error) {
        rmSync(spool, { force: true });
        throw stateWriteError(spool, Buffer.byteLength(text), error);
      }
      return { path: spool, bytes: statSync(spool).size, filename: reconstructedName(file.filename), temporary: true };
    }
    case 'none':
      throw new FerryError('bad_input', `"${file.filename}" has no source of bytes: ${file.reason ?? 'skipped'}.`);
  }
}
