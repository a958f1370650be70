import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeWebStream } from 'node:stream/web';
import busboy from 'busboy';
import type { CallOutcome } from '../../shared/errors.ts';
import type { ShellCore } from '../core/core.ts';
import { FerryError, toErrorShape } from '../core/errors.ts';
import { safeFilename } from '../core/storage/safe-filename.ts';
import { PRIVATE_FILE_MODE } from '../core/settings/private-state.ts';

const JSON_FIELDS = new Set(['attributes', 'chunking']);

/**
 * `POST /api/upload`: a multipart body whose text fields (connectionId, uploadId, purpose, vectorStoreId,
 * attributes and chunking as JSON) come before one `file` part. The file is streamed to a staged file under
 * the state folder, never held in memory, cut off above 512 MB, and then handed to the core's
 * `files.upload`, whose outcome is the answer.
 */
export async function handleUpload(core: ShellCore, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (!request.headers['content-type']?.startsWith('multipart/form-data')) {
    return sendOutcome(response, 415, fail('bad_input', 'Send the file as multipart/form-data.', 'file'));
  }
  const declared = Number(request.headers['content-length'] ?? '0');
  const MAX_UPLOAD_BYTES = core.transfers.maxUploadBytes;
  if (declared > MAX_UPLOAD_BYTES + 1024 * 1024) {
    request.resume();
    return sendOutcome(
      response,
      413,
      fail('bad_input', 'That file is larger than 512 MB, the most a file may be.', 'file'),
    );
  }
  const { stagedId, path } = core.transfers.stageUpload();
  const fields: Record<string, unknown> = {};
  let filename: string | undefined;
  let tooLarge = false;
  let fieldError: string | undefined;
  let extraFile = false;

  try {
    await new Promise<void>((resolve, reject) => {
      const parser = busboy({
        headers: request.headers,
        limits: { files: 2, fileSize: MAX_UPLOAD_BYTES, fields: 20, fieldSize: 64 * 1024 },
      });
      let writing: Promise<void> = Promise.resolve();
      parser.on('field', (name, value) => {
        if (JSON_FIELDS.has(name)) {
          try {
            fields[name] = JSON.parse(value) as unknown;
          } catch {
            fieldError = `${name} is not valid JSON.`;
          }
        } else fields[name] = value;
      });
      // A second file would be dropped without a word; refuse the upload instead, so no one thinks it was sent.
      parser.on('filesLimit', () => (extraFile = true));
      parser.on('file', (name, stream, info) => {
        if (name !== 'file' || filename !== undefined) {
          extraFile = true;
          return void stream.resume();
        }
        filename = info.filename;
        stream.on('limit', () => (tooLarge = true));
        writing = pipeline(stream, createWriteStream(path, { mode: PRIVATE_FILE_MODE }));
        // Settled through 'close' below; an aborted upload may never get there, so mark it handled.
        writing.catch(() => undefined);
      });
      parser.on('error', reject);
      parser.on('close', () => writing.then(resolve, reject));
      request.on('aborted', () => reject(new Error('The upload was interrupted.')));
      request.pipe(parser);
    });
  } catch (error) {
    await rm(path, { force: true });
    return sendOutcome(
      response,
      400,
      fail('bad_input', error instanceof Error ? error.message : 'The upload could not be read.', 'file'),
    );
  }
  if (tooLarge || fieldError || extraFile || filename === undefined) {
    await rm(path, { force: true });
    const message = tooLarge
      ? 'That file is larger than 512 MB, the most a file may be.'
      : (fieldError ??
        (extraFile
          ? 'The upload carried more than one file part: send exactly one part named "file" per upload.'
          : 'The upload carried no file part named "file".'));
    return sendOutcome(response, tooLarge ? 413 : 400, fail('bad_input', message, 'file'));
  }
  const outcome = await core.dispatch('files.upload', {
    ...fields,
    stagedId,
    filename: typeof fields['filename'] === 'string' ? fields['filename'] : filename,
  });
  // The core removes the staged file; if validation refused the call before that, remove it here.
  await rm(path, { force: true });
  return sendOutcome(response, 200, outcome);
}

/**
 * `GET /api/download?connectionId=&fileId=`: the file's bytes streamed as an attachment, or a JSON refusal
 * (for instance the sentence on purposes the API will not hand back). With `&check=1` it answers only the
 * JSON outcome (name and size, or the refusal): the page asks that first, because a browser saves whatever
 * body a download link gets, and an error belongs on the page rather than in the Downloads folder.
 */
export async function handleDownload(
  core: ShellCore,
  url: URL,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const connectionId = url.searchParams.get('connectionId') ?? '';
  const fileId = url.searchParams.get('fileId') ?? '';
  if (!connectionId || !fileId)
    return sendOutcome(
      response,
      400,
      fail('bad_input', 'Name the connectionId and the fileId to download.', connectionId ? 'fileId' : 'connectionId'),
    );
  const abort = new AbortController();
  request.on('close', () => abort.abort());
  const refuse = (error: unknown) => {
    const shape = toErrorShape(error);
    const status = shape.code === 'not_found' ? 404 : shape.code === 'bad_input' ? 400 : 502;
    sendOutcome(response, status, { ok: false, error: shape });
  };
  if (url.searchParams.get('check') === '1') {
    try {
      return sendOutcome(response, 200, {
        ok: true,
        result: await core.transfers.describeDownload(connectionId, fileId, abort.signal),
      });
    } catch (error) {
      return refuse(error);
    }
  }
  let opened;
  try {
    opened = await core.transfers.openDownload(connectionId, fileId, abort.signal);
  } catch (error) {
    return refuse(error);
  }
  // The browser saves under this name: made safe for the admin's platform, as the desktop save dialog's is.
  const safeName = safeFilename(opened.filename);
  response.writeHead(200, {
    'content-type': 'application/octet-stream',
    'content-length': String(opened.bytes),
    'content-disposition': `attachment; filename="${safeName.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(safeName)}`,
    'cache-control': 'no-store',
  });
  await pipeline(Readable.fromWeb(opened.stream as unknown as NodeWebStream<Uint8Array>), response).catch(() =>
    response.destroy(),
  );
}

function fail(code: 'bad_input', message: string, field: string): CallOutcome<never> {
  return { ok: false, error: new FerryError(code, message, { field }).toShape() };
}

function sendOutcome(response: ServerResponse, status: number, outcome: CallOutcome<unknown>): void {
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'close',
  });
  response.end(JSON.stringify(outcome));
}
