import type OpenAI from 'openai';
import { goneIsFine } from './api-errors.ts';
import type { CallOptions, GatewayContext } from './gateway-context.ts';
import { collectFromBothEnds } from './paginate.ts';

export type VectorStore = OpenAI.VectorStore;
export type VectorStoreCreate = OpenAI.VectorStoreCreateParams;
export type VectorStoreUpdate = OpenAI.VectorStoreUpdateParams;
export type VectorStoreFile = OpenAI.VectorStores.VectorStoreFile;
export type FileBatch = OpenAI.VectorStores.VectorStoreFileBatch;
export type BatchFile = OpenAI.VectorStores.FileBatchCreateParams.File;
export type SearchResult = OpenAI.VectorStores.VectorStoreSearchResponse;
export type SearchParams = OpenAI.VectorStoreSearchParams;

/** Vector stores, their files and file batches: alive on every server, the Assistants API or not. */
export class VectorStoresApi {
  readonly #ctx: GatewayContext;

  constructor(ctx: GatewayContext) {
    this.#ctx = ctx;
  }

  list(signal?: AbortSignal): Promise<VectorStore[]> {
    const c = this.#ctx.client;
    return collectFromBothEnds(
      (order, after) =>
        this.#ctx.read(
          'Listing vector stores',
          (s) => c.vectorStores.list({ limit: 100, order, ...(after ? { after } : {}) }, { signal: s }),
          { signal },
        ),
      signal,
    );
  }

  /** The stores newest first, one scheduled read per page, for as long as the caller reads on (reconcile.ts). */
  async *newestFirst(signal?: AbortSignal): AsyncGenerator<VectorStore[]> {
    const c = this.#ctx.client;
    let after: string | undefined;
    for (;;) {
      signal?.throwIfAborted();
      const page = await this.#ctx.read(
        'Listing vector stores',
        (s) => c.vectorStores.list({ limit: 100, order: 'desc', ...(after ? { after } : {}) }, { signal: s }),
        { signal },
      );
      yield page.data;
      const last = page.data.at(-1);
      if (!page.has_more || !last) return;
      after = last.id;
    }
  }

  retrieve(id: string, signal?: AbortSignal): Promise<VectorStore> {
    return this.#ctx.read(
      `Reading vector store ${id}`,
      (s) => this.#ctx.client.vectorStores.retrieve(id, { signal: s }),
      { signal },
    );
  }

  create(body: VectorStoreCreate, options: CallOptions<VectorStore> = {}): Promise<VectorStore> {
    return this.#ctx.create(
      `Creating vector store "${body.name ?? ''}"`,
      (s) => this.#ctx.client.vectorStores.create(body, { signal: s }),
      options,
    );
  }

  update(id: string, body: VectorStoreUpdate, signal?: AbortSignal): Promise<VectorStore> {
    return this.#ctx.write(
      `Updating vector store ${id}`,
      (s) => this.#ctx.client.vectorStores.update(id, body, { signal: s }),
      { signal },
    );
  }

  delete(id: string, signal?: AbortSignal): Promise<boolean> {
    return this.#ctx.write(
      `Deleting vector store ${id}`,
      (s) => goneIsFine(this.#ctx.client.vectorStores.delete(id, { signal: s })),
      { signal },
    );
  }

  /** The store's files; with `filter`, only those of that status (a poll for the few still in progress). */
  listFiles(
    vectorStoreId: string,
    signal?: AbortSignal,
    filter?: 'in_progress' | 'completed' | 'failed' | 'cancelled',
  ): Promise<VectorStoreFile[]> {
    const c = this.#ctx.client;
    return collectFromBothEnds(
      (order, after) =>
        this.#ctx.read(
          `Listing the files of vector store ${vectorStoreId}`,
          (s) =>
            c.vectorStores.files.list(
              vectorStoreId,
              { limit: 100, order, ...(filter ? { filter } : {}), ...(after ? { after } : {}) },
              { signal: s },
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
        goneIsFine(
          this.#ctx.client.vectorStores.files.delete(fileId, { vector_store_id: vectorStoreId }, { signal: s }),
        ),
      { signal },
    );
  }

  retrieveFile(vectorStoreId: string, fileId: string, signal?: AbortSignal): Promise<VectorStoreFile> {
    return this.#ctx.read(
      `Reading file ${fileId} of vector store ${vectorStoreId}`,
      (s) => this.#ctx.client.vectorStores.files.retrieve(fileId, { vector_store_id: vectorStoreId }, { signal: s }),
      { signal },
    );
  }

  /** Attaches one existing file with its attributes and chunking. Attaching the same file twice is harmless. */
  attachFile(vectorStoreId: string, file: BatchFile, signal?: AbortSignal): Promise<VectorStoreFile> {
    return this.#ctx.write(
      `Adding file ${file.file_id} to vector store ${vectorStoreId}`,
      (s) => this.#ctx.client.vectorStores.files.create(vectorStoreId, file, { signal: s }),
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
        this.#ctx.client.vectorStores.files.update(
          fileId,
          { vector_store_id: vectorStoreId, attributes },
          { signal: s },
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
      (s) => this.#ctx.client.vectorStores.fileBatches.create(vectorStoreId, { files }, { signal: s }),
      options,
    );
  }

  retrieveBatch(vectorStoreId: string, batchId: string, signal?: AbortSignal): Promise<FileBatch> {
    return this.#ctx.read(
      `Reading file batch ${batchId}`,
      (s) =>
        this.#ctx.client.vectorStores.fileBatches.retrieve(batchId, { vector_store_id: vectorStoreId }, { signal: s }),
      { signal },
    );
  }

  cancelBatch(vectorStoreId: string, batchId: string, signal?: AbortSignal): Promise<FileBatch> {
    return this.#ctx.write(
      `Cancelling file batch ${batchId}`,
      (s) =>
        this.#ctx.client.vectorStores.fileBatches.cancel(batchId, { vector_store_id: vectorStoreId }, { signal: s }),
      { signal },
    );
  }

  /** The parsed text of a file in a store, all pages joined: the last-resort source of a file's content. */
  async parsedText(vectorStoreId: string, fileId: string, signal?: AbortSignal): Promise<string> {
    const c = this.#ctx.client;
    const page = await this.#ctx.read(
      `Reading the parsed text of file ${fileId}`,
      (s) => c.vectorStores.files.content(fileId, { vector_store_id: vectorStoreId }, { signal: s }),
      { signal },
    );
    const parts = page.data.map((part) => part.text ?? '');
    let current = page;
    while (current.hasNextPage()) {
      current = await this.#ctx.read(`Reading the parsed text of file ${fileId}`, () => current.getNextPage(), {
        signal,
      });
      parts.push(...current.data.map((part) => part.text ?? ''));
    }
    return parts.join('');
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
