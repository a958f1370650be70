import type OpenAI from 'openai';
import { goneIsFine } from './api-errors.ts';
import { segment } from './direct-call.ts';
import type { CallOptions, GatewayContext } from './gateway-context.ts';
import { type CursorPageLike, collectFromBothEnds } from './paginate.ts';

export type VectorStore = OpenAI.VectorStore;
export type VectorStoreCreate = OpenAI.VectorStoreCreateParams;
export type VectorStoreUpdate = OpenAI.VectorStoreUpdateParams;
export type VectorStoreFile = OpenAI.VectorStores.VectorStoreFile;
export type FileBatch = OpenAI.VectorStores.VectorStoreFileBatch;
export type BatchFile = OpenAI.VectorStores.FileBatchCreateParams.File;
export type SearchResult = OpenAI.VectorStores.VectorStoreSearchResponse;
export type SearchParams = OpenAI.VectorStoreSearchParams;

/** The header the SDK sends on every vector store path. */
const BETA = 'assistants=v2';

/** Vector stores, their files and file batches: alive on every server, the Assistants API or not. */
export class VectorStoresApi {
  readonly #ctx: GatewayContext;

  constructor(ctx: GatewayContext) {
    this.#ctx = ctx;
  }

  list(signal?: AbortSignal): Promise<VectorStore[]> {
    return collectFromBothEnds((order, after) => this.#page(order, after, signal), signal);
  }

  /** The stores newest first, one scheduled read per page, for as long as the caller reads on (reconcile.ts). */
  async *newestFirst(signal?: AbortSignal): AsyncGenerator<VectorStore[]> {
    let after: string | undefined;
    for (;;) {
      signal?.throwIfAborted();
      const page = await this.#page('desc', after, signal);
      yield page.data;
      const last = page.data.at(-1);
      if (!page.has_more || !last) return;
      after = last.id;
    }
  }

  #page(order: 'asc' | 'desc', after: string | undefined, signal: AbortSignal | undefined) {
    return this.#ctx.read(
      'Listing vector stores',
      (s) =>
        this.#ctx.direct.json<CursorPageLike<VectorStore>>(
          { method: 'GET', path: '/vector_stores', query: { limit: 100, order, after }, beta: BETA },
          s,
        ),
      { signal },
    );
  }

  retrieve(id: string, signal?: AbortSignal): Promise<VectorStore> {
    return this.#ctx.read(
      `Reading vector store ${id}`,
      (s) =>
        this.#ctx.direct.json<VectorStore>({ method: 'GET', path: `/vector_stores/${segment(id)}`, beta: BETA }, s),
      { signal },
    );
  }

  create(body: VectorStoreCreate, options: CallOptions<VectorStore> = {}): Promise<VectorStore> {
    return this.#ctx.create(
      `Creating vector store "${body.name ?? ''}"`,
      (s) => this.#ctx.direct.json<VectorStore>({ method: 'POST', path: '/vector_stores', body, beta: BETA }, s),
      options,
    );
  }

  update(id: string, body: VectorStoreUpdate, signal?: AbortSignal): Promise<VectorStore> {
    return this.#ctx.write(
      `Updating vector store ${id}`,
      (s) =>
        this.#ctx.direct.json<VectorStore>(
          { method: 'POST', path: `/vector_stores/${segment(id)}`, body, beta: BETA },
          s,
        ),
      { signal },
    );
  }

  delete(id: string, signal?: AbortSignal): Promise<boolean> {
    return this.#ctx.write(
      `Deleting vector store ${id}`,
      (s) =>
        goneIsFine(this.#ctx.direct.json({ method: 'DELETE', path: `/vector_stores/${segment(id)}`, beta: BETA }, s)),
      { signal },
    );
  }

  /** The store's files; with `filter`, only those of that status (a poll for the few still in progress). */
  listFiles(
    vectorStoreId: string,
    signal?: AbortSignal,
    filter?: 'in_progress' | 'completed' | 'failed' | 'cancelled',
  ): Promise<VectorStoreFile[]> {
    const path = `/vector_stores/${segment(vectorStoreId)}/files`;
    return collectFromBothEnds(
      (order, after) =>
        this.#ctx.read(
          `Listing the files of vector store ${vectorStoreId}`,
          (s) =>
            this.#ctx.direct.json<CursorPageLike<VectorStoreFile>>(
              { method: 'GET', path, query: { limit: 100, order, filter, after }, beta: BETA },
              s,
            ),
          { signal },
        ),
      signal,
    );
  }

  /** Removes a file from a store (the file itself stays). */
  removeFile(vectorStoreId: string, fileId: string, signal?: AbortSignal): Promise<boolean> {
    return this.#ctx.write(
      `Removing file ${fileId} from vector store ${vectorStoreId}`,
      (s) =>
        goneIsFine(this.#ctx.direct.json({ method: 'DELETE', path: storeFile(vectorStoreId, fileId), beta: BETA }, s)),
      { signal },
    );
  }

  retrieveFile(vectorStoreId: string, fileId: string, signal?: AbortSignal): Promise<VectorStoreFile> {
    return this.#ctx.read(
      `Reading file ${fileId} of vector store ${vectorStoreId}`,
      (s) =>
        this.#ctx.direct.json<VectorStoreFile>(
          { method: 'GET', path: storeFile(vectorStoreId, fileId), beta: BETA },
          s,
        ),
      { signal },
    );
  }

  /** Attaches one existing file with its attributes and chunking. Attaching the same file twice is harmless. */
  attachFile(vectorStoreId: string, file: BatchFile, signal?: AbortSignal): Promise<VectorStoreFile> {
    return this.#ctx.write(
      `Adding file ${file.file_id} to vector store ${vectorStoreId}`,
      (s) =>
        this.#ctx.direct.json<VectorStoreFile>(
          { method: 'POST', path: `/vector_stores/${segment(vectorStoreId)}/files`, body: file, beta: BETA },
          s,
        ),
      { signal },
    );
  }

  /** Replaces a store file's attributes. */
  updateFileAttributes(
    vectorStoreId: string,
    fileId: string,
    attributes: Record<string, string | number | boolean>,
    signal?: AbortSignal,
  ): Promise<VectorStoreFile> {
    return this.#ctx.write(
      `Updating the attributes of file ${fileId} in vector store ${vectorStoreId}`,
      (s) =>
        this.#ctx.direct.json<VectorStoreFile>(
          { method: 'POST', path: storeFile(vectorStoreId, fileId), body: { attributes }, beta: BETA },
          s,
        ),
      { signal },
    );
  }

  /**
   * Adds files with their own attributes and chunking (`files[]`), the only way to recreate both: the vector
   * store object itself does not report its chunking strategy.
   */
  createBatch(vectorStoreId: string, files: BatchFile[], options: CallOptions<FileBatch> = {}): Promise<FileBatch> {
    return this.#ctx.create(
      `Adding ${files.length} files to vector store ${vectorStoreId}`,
      (s) =>
        this.#ctx.direct.json<FileBatch>(
          {
            method: 'POST',
            path: `/vector_stores/${segment(vectorStoreId)}/file_batches`,
            body: { files },
            beta: BETA,
          },
          s,
        ),
      options,
    );
  }

  retrieveBatch(vectorStoreId: string, batchId: string, signal?: AbortSignal): Promise<FileBatch> {
    return this.#ctx.read(
      `Reading file batch ${batchId}`,
      (s) =>
        this.#ctx.direct.json<FileBatch>({ method: 'GET', path: storeBatch(vectorStoreId, batchId), beta: BETA }, s),
      { signal },
    );
  }

  cancelBatch(vectorStoreId: string, batchId: string, signal?: AbortSignal): Promise<FileBatch> {
    return this.#ctx.write(
      `Cancelling file batch ${batchId}`,
      (s) =>
        this.#ctx.direct.json<FileBatch>(
          { method: 'POST', path: `${storeBatch(vectorStoreId, batchId)}/cancel`, beta: BETA },
          s,
        ),
      { signal },
    );
  }

  /**
   * The parsed text of a file in a store, its parts joined: the last-resort source of a file's content. The
   * endpoint answers one page (the SDK reads it as a page with no next), so this is one read.
   */
  async parsedText(vectorStoreId: string, fileId: string, signal?: AbortSignal): Promise<string> {
    const page = await this.#ctx.read(
      `Reading the parsed text of file ${fileId}`,
      (s) =>
        this.#ctx.direct.json<{ data: FileContent[] }>(
          { method: 'GET', path: `${storeFile(vectorStoreId, fileId)}/content`, beta: BETA },
          s,
        ),
      { signal },
    );
    return (page.data ?? []).map((part) => part.text ?? '').join('');
  }

  async search(vectorStoreId: string, params: SearchParams, signal?: AbortSignal): Promise<SearchResult[]> {
    const page = await this.#ctx.read(
      `Searching vector store ${vectorStoreId}`,
      (s) => this.#ctx.client.vectorStores.search(vectorStoreId, params, { signal: s }),
      { signal },
    );
    return page.data;
  }
}

type FileContent = OpenAI.VectorStores.FileContentResponse;

const storeFile = (vectorStoreId: string, fileId: string) =>
  `/vector_stores/${segment(vectorStoreId)}/files/${segment(fileId)}`;

const storeBatch = (vectorStoreId: string, batchId: string) =>
  `/vector_stores/${segment(vectorStoreId)}/file_batches/${segment(batchId)}`;
