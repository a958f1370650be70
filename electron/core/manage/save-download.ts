import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeWebStream } from 'node:stream/web';
import type { FerryEvent } from '../../../shared/events.ts';
import { FerryError } from '../errors.ts';
import type { OrgGateway } from '../openai/org-gateway.ts';
import { openDownload } from './download.ts';
import type { PartialDownloads } from './partial-downloads.ts';

export interface SaveRequest {
  fileId: string;
  downloadId: string;
  /** Where the admin chose to save it (the OS dialog has already asked about replacing a file there). */
  destination: string;
}

/**
 * Streams an org file to the admin's disk: into a hidden partial file beside the destination, renamed over
 * it only once every byte has arrived, so a failure or a killed process never leaves a truncated file under
 * the name the admin chose; `partials` lets the next start remove one a killed process left. Progress goes
 * out as `download.progress`, at most 10 times a second.
 */
export async function saveDownload(
  org: OrgGateway,
  request: SaveRequest,
  emit: (event: FerryEvent) => void,
  partials?: PartialDownloads,
  signal?: AbortSignal,
): Promise<{ path: string; bytes: number }> {
  const { destination } = request;
  if (!isAbsolute(destination))
    throw new FerryError('bad_input', 'Choose where to save the file with the save dialog.', { field: 'destination' });
  let filename = basename(destination);
  let bytesTotal = 0;
  const report = (state: 'saving' | 'done' | 'failed', bytesReceived: number, message?: string) =>
    emit({
      type: 'download.progress',
      downloadId: request.downloadId,
      connectionId: org.connectionId,
      fileId: request.fileId,
      filename,
      bytesReceived,
      bytesTotal,
      state,
      ...(message ? { message } : {}),
    });

  const partial = join(
    dirname(destination),
    `.${basename(destination)}.${randomBytes(4).toString('hex')}.ferry-partial`,
  );
  try {
    const opened = await openDownload(org, request.fileId, signal);
    filename = opened.filename;
    bytesTotal = opened.bytes;
    report('saving', 0);
    partials?.record(partial);
    let received = 0;
    let last = 0;
    const count = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        received += chunk.length;
        const now = Date.now();
        if (now - last >= 100) {
          last = now;
          report('saving', received);
        }
        done(null, chunk);
      },
    });
    await pipeline(
      Readable.fromWeb(opened.stream as unknown as NodeWebStream<Uint8Array>),
      count,
      createWriteStream(partial, { flags: 'wx', mode: 0o644 }),
      ...(signal ? [{ signal }] : []),
    ).catch((error: unknown) => {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
        throw new FerryError('bad_input', `Ferry may not write in ${dirname(destination)}; choose another folder.`, {
          field: 'destination',
        });
      if (code === 'ENOENT' || code === 'ENOTDIR')
        throw new FerryError('bad_input', `The folder ${dirname(destination)} does not exist; choose another.`, {
          field: 'destination',
        });
      if (code === 'ENOSPC')
        throw new FerryError('bad_input', `The disk holding ${dirname(destination)} is full.`, {
          field: 'destination',
        });
      if (error instanceof FerryError) throw error;
      throw new FerryError(
        'unreachable',
        `The download of "${filename}" broke off after ${received} of ${bytesTotal} bytes; try again.`,
        { cause: error },
      );
    });
    if (bytesTotal > 0 && received !== bytesTotal) {
      throw new FerryError(
        'unreachable',
        `The download of "${filename}" ended after ${received} of ${bytesTotal} bytes; try again.`,
      );
    }
    await rename(partial, destination);
    report('done', received);
    return { path: destination, bytes: received };
  } catch (error) {
    await rm(partial, { force: true });
    report('failed', 0, error instanceof Error ? error.message : String(error));
    throw error;
  } finally {
    partials?.forget(partial);
  }
}
