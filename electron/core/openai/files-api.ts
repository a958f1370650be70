import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { toStreamingFile, type default as OpenAI } from 'openai';
import { withGcNudges } from '../memory/gc-nudge.ts';
import { goneIsFine } from './api-errors.ts';
import { fileForm } from './file-form.ts';
import { segment } from './direct-call.ts';
import { DownloadPolicy } from './download-policy.ts';
import type { CallOptions, GatewayContext } from './gateway-context.ts';
import { type CursorPageLike, collectFromBothEnds } from './paginate.ts';

export type FileObject = OpenAI.FileObject;
export type FilePurpose = OpenAI.FilePurpose;

const MIME_TYPES: Record<string, string> = {
  '.txt': 'text/plain',
  '.md': 'text/markdown',
  '.json': 'application/json',
  '.jsonl': 'application/jsonl',
  '.csv': 'text/csv',
  '.pdf': 'application/pdf',
  '.html': 'text/html',
  '.py': 'text/x-python',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

export function mimeTypeOf(filename: string): string {
  return MIME_TYPES[extname(filename).toLowerCase()] ?? 'application/octet-stream';
}

/** /uploads takes these purposes only (the spec's CreateUploadRequest); others go in one request. */
const UPLOAD_PURPOSES: ReadonlySet<string> = new Set(['assistants', 'batch', 'fine-tune', 'vision']);

export interface UploadLimits {
  /** Files up to this size go in one streamed request; larger ones through /uploads. */
  singleRequestMaxBytes: number;
  /** Part size for /uploads (the API takes parts of up to 64 MB). */
  partBytes: number;
}

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = {
  singleRequestMaxBytes: 64 * 1024 * 1024,
  partBytes: 64 * 1024 * 1024,
};

export class FilesApi {
  readonly #ctx: GatewayContext;
  readonly #limits: UploadLimits;
  /** Which purposes this connection refuses to hand back, learned refusals included. */
  readonly downloads: DownloadPolicy;

  constructor(
    ctx: GatewayContext,
    limits: UploadLimits = DEFAULT_UPLOAD_LIMITS,
    downloads: DownloadPolicy = new DownloadPolicy(),
  ) {
    this.#ctx = ctx;
    this.#limits = limits;
    this.downloads = downloads;
  }

  /** Every file (optionally of one purpose). /files pages go up to 10000 and take `after` only. */
  list(options: { purpose?: string; signal?: AbortSignal } = {}): Promise<FileObject[]> {
    const { purpose, signal } = options;
    return collectFromBothEnds(
      (order, after) =>
        this.#ctx.read(
          'Listing files',
          (s) =>
            this.#ctx.direct.json<CursorPageLike<FileObject>>(
              { method: 'GET', path: '/files', query: { limit: 10_000, order, purpose, after } },
              s,
            ),
          { signal },
        ),
      signal,
    );
  }

  retrieve(id: string, signal?: AbortSignal): Promise<FileObject> {
    return this.#ctx.read(
      `Reading file ${id}`,
      (s) => this.#ctx.direct.json<FileObject>({ method: 'GET', path: `/files/${segment(id)}` }, s),
      { signal },
    );
  }

  /**
   * Uploads a file that is on disk: a small one read whole (or given as `data`, its bytes as the caller
   * read them) and sent as one buffer, a larger one streamed (the SDK encodes the multipart body lazily),
   * so memory stays flat whatever the size. Files above the single-request size go through /uploads in
   * parts: a failure then costs one part, not the whole file. Every attempt reads the file again (or sends
   * the caller's bytes again), so retries never depend on a consumed stream.
   */
  async uploadFromDisk(
    source: { path: string; filename: string; purpose: FilePurpose; bytes: number; data?: Uint8Array | undefined },
    options: CallOptions<FileObject> & { onBytes?: (sent: number) => void; onRead?: (read: number) => void } = {},
  ): Promise<FileObject> {
    const doing = `Uploading "${source.filename}"`;
    const single = { ...options, kind: 'file upload' };
    if (source.data || source.bytes <= READ_WHOLE_BYTES) {
      const type = mimeTypeOf(source.filename);
      const file = await this.#ctx.create(
        doing,
        (s) => {
          // The bytes the caller already read (and hashed) are the ones sent, on every attempt.
          const bytes = source.data ?? readFileSync(source.path);
          options.onRead?.(bytes.byteLength);
          const form = fileForm({ purpose: source.purpose }, { filename: source.filename, type, bytes });
          return this.#ctx.direct.json<FileObject>({ method: 'POST', path: '/files', form }, s);
        },
        single,
      );
      options.onBytes?.(source.bytes);
      return file;
    }
    // A purpose /uploads refuses (user_data, evals) goes in one request, which takes up to 512 MB.
    if (source.bytes <= this.#limits.singleRequestMaxBytes || !UPLOAD_PURPOSES.has(source.purpose)) {
      const body = () => {
        const chunks = withGcNudges(createReadStream(source.path));
        return options.onRead ? counted(chunks, options.onRead) : chunks;
      };
      const file = await this.#ctx.create(
        doing,
        (s) =>
          this.#ctx.client.files.create(
            {
              file: toStreamingFile(body(), source.filename, { type: mimeTypeOf(source.filename) }),
              purpose: source.purpose,
            },
            { signal: s },
          ),
        single,
      );
      options.onBytes?.(source.bytes);
      return file;
    }
    return this.#uploadInParts(source, doing, options);
  }

  async #uploadInParts(
    source: { path: string; filename: string; purpose: FilePurpose; bytes: number },
    doing: string,
    options: CallOptions<FileObject> & { onBytes?: (sent: number) => void },
  ): Promise<FileObject> {
    const { client } = this.#ctx;
    const { signal } = options;
    const partBytes = this.#limits.partBytes;
    // An upload that is created but never completed makes no file, so creating it needs no reconcile.
    const upload = await this.#ctx.create(
      doing,
      (s) =>
        client.uploads.create(
          {
            bytes: source.bytes,
            filename: source.filename,
            purpose: source.purpose,
            mime_type: mimeTypeOf(source.filename),
          },
          { signal: s },
        ),
      { signal, reconcile: async () => undefined },
    );
    const partIds: string[] = [];
    for (let offset = 0; offset < source.bytes; offset += partBytes) {
      const end = Math.min(source.bytes, offset + partBytes) - 1;
      // A part whose answer was lost is harmless: only the ids listed on complete are assembled.
      const part = await this.#ctx.create(
        `${doing} (part ${partIds.length + 1})`,
        (s) =>
          client.uploads.parts.create(
            upload.id,
            {
              data: toStreamingFile(
                withGcNudges(createReadStream(source.path, { start: offset, end }), undefined, (sent) =>
                  options.onBytes?.(offset + sent),
                ),
                'part',
              ),
            },
            { signal: s },
          ),
        { signal, reconcile: async () => undefined },
      );
      partIds.push(part.id);
      options.onBytes?.(end + 1);
    }
    const md5 = await md5OfFile(source.path);
    return this.#ctx.create(
      doing,
      async (s) => {
        const completed = await client.uploads.complete(upload.id, { part_ids: partIds, md5 }, { signal: s });
        if (!completed.file) throw new Error(`Upload ${upload.id} completed without a file.`);
        return completed.file;
      },
      options,
    );
  }

  delete(id: string, signal?: AbortSignal): Promise<boolean> {
    return this.#ctx.write(
      `Deleting file ${id}`,
      (s) => goneIsFine(this.#ctx.direct.json({ method: 'DELETE', path: `/files/${segment(id)}` }, s)),
      { signal },
    );
  }

  /**
   * The file's bytes as a web stream. Callers check `downloads.refuses(purpose)` first; a refusal the
   * policy did not foresee throws a DownloadRefusedError, and the policy remembers the purpose.
   */
  async download(id: string, signal?: AbortSignal): Promise<ReadableStream<Uint8Array>> {
    const doing = `Downloading file ${id}`;
    let response: Response;
    try {
      response = await this.#ctx.read(doing, (s) => this.#ctx.client.files.content(id, { signal: s }), { signal });
    } catch (error) {
      throw this.downloads.recognize(error, doing) ?? error;
    }
    if (!response.body) throw new Error(`The server sent no content for file ${id}.`);
    return response.body;
  }
}

/**
 * Re-yields chunks, reporting the running total read from disk. The body is pulled as the request sends
 * it (backpressure), so this tracks the bytes on their way out to within a chunk or two.
 */
async function* counted(chunks: AsyncIterable<Uint8Array>, onRead: (read: number) => void): AsyncGenerator<Uint8Array> {
  let read = 0;
  for await (const chunk of chunks) {
    read += chunk.byteLength;
    onRead(read);
    yield chunk;
  }
}

/**
 * Files up to this size are read in one go and sent as one buffer (file-form.ts) rather than streamed: a
 * read stream (open, read, close, its queue) costs about ten times the CPU of one read of a small file,
 * the SDK's streamed multipart about 0.5 ms more, and most files a clone sends are small. 96 uploads in
 * flight hold at most 24 MB this way.
 */
export const READ_WHOLE_BYTES = 256 * 1024;

async function md5OfFile(path: string): Promise<string> {
  const hash = createHash('md5');
  for await (const chunk of withGcNudges(createReadStream(path))) hash.update(chunk);
  return hash.digest('hex');
}
