import OpenAI, { toFile } from 'openai';
import type { Readable } from 'node:stream';
import { goneIsFine } from './api-errors.ts';
import type { CallOptions, GatewayContext } from './gateway-context.ts';
import { collectPages } from './paginate.ts';

export type FileObject = OpenAI.FileObject;
export type FilePurpose = OpenAI.FilePurpose;

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
   * Uploads a file from a stream made fresh for each attempt (a stream can be read once; a retry needs
   * another). The SDK streams the multipart body, so memory stays flat whatever the size.
   */
  upload(
    source: { filename: string; purpose: FilePurpose; open: () => Readable },
    options: CallOptions<FileObject> = {},
  ): Promise<FileObject> {
    return this.#ctx.create(
      `Uploading "${source.filename}"`,
      async (s) => this.#ctx.client.files.create({ file: await toFile(source.open(), source.filename), purpose: source.purpose }, { signal: s }),
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
