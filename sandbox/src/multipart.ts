import busboy from 'busboy';
import { unlink } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import type { Readable, Writable } from 'node:stream';
import { BlobSink, type Blob } from './blobs.ts';
import { ApiError, badRequest } from './errors.ts';
import { nudgeYoungGc } from './memory.ts';

/** How much upload data may pass between two young-generation collections (see memory.ts). */
const gcEveryBytes = 8 * 1024 * 1024;

export interface ReceivedFile {
  filename: string;
  mimeType: string;
  bytes: number;
  /** Set once the body has been read whole. */
  blob: Blob;
}

export interface MultipartResult {
  fields: Record<string, string>;
  file: ReceivedFile | null;
}

/**
 * Streams a multipart body: text fields into memory, the one file field into a blob (memory when small,
 * else straight to `blobPath` with backpressure, so a 512 MB upload costs a few buffers of RAM, not 512 MB). Over `maxBytes` the write
 * stops, the partial blob is removed and the caller gets a 413 like OpenAI's.
 */
export async function receiveMultipart(
  request: IncomingMessage,
  options: { fileField: string; maxBytes: number; blobPath: string },
): Promise<MultipartResult> {
  const contentType = request.headers['content-type'] ?? '';
  if (!/^multipart\/form-data/i.test(contentType)) {
    throw badRequest(
      options.fileField,
      `Invalid Content-Type header (${contentType || 'none'}), expected multipart/form-data. (HINT: If you're using curl, you can pass -F 'purpose=...' -F '${options.fileField}=@path' to send a multipart request.)`,
    );
  }
  let parser: busboy.Busboy;
  try {
    // UTF-8 filenames: clients (the SDK, browsers) send them raw, not RFC 2231-encoded. The size limit is
    // one past the maximum because busboy's limit trips at the limit itself, and exactly 512 MB is allowed.
    parser = busboy({
      headers: request.headers,
      defParamCharset: 'utf8',
      limits: { fileSize: options.maxBytes + 1, files: 1, fields: 50, fieldSize: 64 * 1024 },
    });
  } catch (error) {
    throw badRequest(options.fileField, `Could not parse multipart body: ${(error as Error).message}`);
  }
  const fields: Record<string, string> = {};
  let file: ReceivedFile | null = null;
  let tooLarge = false;
  const writes: Promise<void>[] = [];

  parser.on('field', (name, value) => {
    fields[name] = value;
  });
  parser.on('file', (name, stream, info) => {
    if (name !== options.fileField || file !== null) {
      stream.resume();
      return;
    }
    const received: ReceivedFile = {
      filename: info.filename ?? 'upload',
      mimeType: info.mimeType,
      bytes: 0,
      blob: { path: options.blobPath },
    };
    file = received;
    let sinceGc = 0;
    stream.on('data', (chunk: Buffer) => {
      received.bytes += chunk.length;
      sinceGc += chunk.length;
      if (sinceGc >= gcEveryBytes) {
        sinceGc = 0;
        nudgeYoungGc();
      }
    });
    stream.on('limit', () => {
      tooLarge = true;
    });
    const sink = new BlobSink(options.blobPath);
    const write = pump(stream, sink).then(() => {
      received.blob = sink.blob;
    });
    // Awaited below; when the client drops the connection first, that await is skipped, and a rejection
    // nobody handles would take the process down.
    write.catch(() => undefined);
    writes.push(write);
  });

  try {
    await pump(request, parser);
    await Promise.all(writes);
  } catch (error) {
    if (file) await unlink(options.blobPath).catch(() => undefined);
    if (error instanceof ApiError) throw error;
    throw badRequest(options.fileField, `Could not parse multipart body: ${(error as Error).message}`);
  }
  if (tooLarge) {
    await unlink(options.blobPath).catch(() => undefined);
    throw new ApiError(413, `Maximum content size limit (${options.maxBytes}) exceeded.`, {
      param: options.fileField,
      code: 'file_too_large',
    });
  }
  return { fields, file };
}

/**
 * `source.pipe(dest)`, settled once `dest` has finished, failing (and destroying both) when either fails
 * or the source closes before its end (a client that went away mid-body). It is what stream.pipeline does
 * here without what pipeline makes per call (an AbortController, a DOMException when it finishes, end-of-
 * stream watchers): an upload made two pipelines, and a clone sends hundreds of small files at once to a
 * server that, on a test machine, shares the client's cores.
 */
function pump(source: Readable, dest: Writable): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      source.unpipe(dest);
      source.destroy();
      dest.destroy();
      reject(error);
    };
    source.once('error', fail);
    dest.once('error', fail);
    source.once('close', () => {
      if (!source.readableEnded) fail(new Error('The body ended before it was whole.'));
    });
    dest.once('finish', () => {
      if (settled) return;
      settled = true;
      resolve();
    });
    source.pipe(dest);
  });
}
