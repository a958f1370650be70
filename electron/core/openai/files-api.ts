import { createHash } from 'node:crypto';
import { open, readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import OpenAI, { toFile } from 'openai';
import { goneIsFine } from './api-errors.ts';
import type { CallOptions, GatewayContext } from './gateway-context.ts';
import { collectPages } from './paginate.ts';

export type FileObject = OpenAI.FileObject;
export type FilePurpose = OpenAI.FilePurpose;

/** Files up to this size go in one request (read into memory once); larger ones go through /uploads. */
export const SINGLE_REQUEST_MAX_BYTES = 8 * 1024 * 1024;
/** Part size for /uploads (the API allows up to 64 MB); small enough to keep memory flat. */
export const PART_BYTES = 8 * 1024 * 1024;

const MIME_TYPES: Record<string, string> = {
  '.txt': 'text/plain', '.md': 'text/markdown', '.json': 'application/json', '.jsonl': 'application/jsonl', '.csv': 'text/csv',
  '.pdf': 'application/pdf', '.html': 'text/html', '.py': 'text/x-python', '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

export function mimeTypeOf(filename: string): string {
  return MIME_TYPES[extname(filename).toLowerCase()] ?? 'application/octet-stream';
}

/** Purposes whose bytes the API will not hand back (400 "Not allowed to download files of purpose: …"). */
export const UNDOWNLOADABLE_PURPOSES: ReadonlySet<string> = new Set(['assistants', 'user_data']);

export class FilesApi {
  readonly #ctx: GatewayContext;

  constructor(ctx: GatewayContext) {
    this.#ctx = ctx;
  }

  /** Every file (optionally of one purpose). /files pages go up to 10000 and take `after` only. */
  list(options: { purpose?: string; signal?: AbortSignal } = {}): Promise<FileObject[]> {
    const c = this.#ctx.client;
    const { purpose, signal } = options;
    return collectPages(
      (after) =>
        this.#ctx.read('Listing files', (s) => c.files.list({ limit: 10_000, order: 'asc', ...(purpose ? { purpose } : {}), ...(after ? { after } : {}) }, { signal: s }), { signal }),
      signal,
    );
  }

  retrieve(id: string, signal?: AbortSignal): Promise<FileObject> {
    return this.#ctx.read(`Reading file ${id}`, (s) => this.#ctx.client.files.retrieve(id, { signal: s }), { signal });
  }

  /**
   * Uploads a file that is on disk. Small files go in one request; larger ones through /uploads in parts
   * read one at a time, so memory stays flat whatever the size (the SDK's multipart helper would read a
   * whole file into memory). Retries re-read from disk, which a stream could not offer.
   */
  async uploadFromDisk(
    source: { path: string; filename: string; purpose: FilePurpose; bytes: number },
    options: CallOptions<FileObject> & { onBytes?: (sent: number) => void } = {},
  ): Promise<FileObject> {
    const doing = `Uploading "${source.filename}"`;
    if (source.bytes <= SINGLE_REQUEST_MAX_BYTES) {
      const file = await this.#ctx.create(
        doing,
        async (s) => this.#ctx.client.files.create({ file: await toFile(await readFile(source.path), source.filename), purpose: source.purpose }, { signal: s }),
        options,
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
    // An upload that is created but never completed makes no file, so creating it needs no reconcile.
    const upload = await this.#ctx.create(
      doing,
      (s) => client.uploads.create({ bytes: source.bytes, filename: source.filename, purpose: source.purpose, mime_type: mimeTypeOf(source.filename) }, { signal: s }),
      { signal, reconcile: async () => undefined },
    );
    const md5 = createHash('md5');
    const partIds: string[] = [];
    const handle = await open(source.path, 'r');
    try {
      let sent = 0;
      for (let offset = 0; offset < source.bytes; offset += PART_BYTES) {
        const length = Math.min(PART_BYTES, source.bytes - offset);
        const chunk = Buffer.alloc(length);
        await handle.read(chunk, 0, length, offset);
        md5.update(chunk);
        // A part whose answer was lost is harmless: only the ids listed on complete are assembled.
        const part = await this.#ctx.create(`${doing} (part ${partIds.length + 1})`, async (s) => client.uploads.parts.create(upload.id, { data: await toFile(chunk, 'part') }, { signal: s }), { signal, reconcile: async () => undefined });
        partIds.push(part.id);
        sent += length;
        options.onBytes?.(sent);
      }
    } finally {
      await handle.close();
    }
    const digest = md5.digest('hex');
    return this.#ctx.create(
      doing,
      async (s) => {
        const completed = await client.uploads.complete(upload.id, { part_ids: partIds, md5: digest }, { signal: s });
        if (!completed.file) throw new Error(`Upload ${upload.id} completed without a file.`);
        return completed.file;
      },
      options,
    );
  }

  delete(id: string, signal?: AbortSignal): Promise<boolean> {
    return this.#ctx.write(`Deleting file ${id}`, (s) => goneIsFine(this.#ctx.client.files.delete(id, { signal: s })), { signal });
  }

  /** The file's bytes as a web stream. Callers check the purpose first: some purposes cannot be downloaded. */
  async download(id: string, signal?: AbortSignal): Promise<ReadableStream<Uint8Array>> {
    const response = await this.#ctx.read(`Downloading file ${id}`, (s) => this.#ctx.client.files.content(id, { signal: s }), { signal });
    if (!response.body) throw new Error(`The server sent no content for file ${id}.`);
    return response.body;
  }
}
