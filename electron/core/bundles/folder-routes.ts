import { randomUUID } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import type { Bundle, BundleAssistant, BundleStore, MissingFile, StoreFileEntry } from './bundle.ts';
import type { ManifestFile } from './bundle-format.ts';
import { assistantBody, assistantPatch, chunkingOf, storeFields } from './folder-input.ts';
import { badRequest, json, jsonBody, notFound, page, type FolderRequest } from './folder-wire.ts';
import { FolderUploads } from './folder-uploads.ts';

interface FolderRoute {
  method: string;
  pattern: string;
  handler: (request: FolderRequest) => Promise<Response> | Response;
}

/** The routes of the API the core calls, answered from the bundle. */
export function folderRoutes(bundle: Bundle): FolderRoute[] {
  const createdAt = Math.floor(Date.parse(bundle.createdAt) / 1000) || 0;
  const uploads = new FolderUploads(bundle, createdAt);
  const batches = new Map<string, { storeId: string; fileIds: string[]; cancelled: boolean }>();

  const assistant = (id: string): BundleAssistant => bundle.assistant(id) ?? throwing(notFound(`assistant '${id}'`));
  const store = (id: string): BundleStore => bundle.store(id) ?? throwing(notFound(`vector store '${id}'`));
  const file = (id: string): ManifestFile => bundle.file(id) ?? throwing(notFound(`file '${id}'`));
  /** A file with bytes, or one recorded without them (listed, attached and referenced like any other). */
  const anyFile = (id: string): ManifestFile | MissingFile =>
    bundle.file(id) ?? bundle.missingFile(id) ?? throwing(notFound(`file '${id}'`));
  const allFiles = (): Array<ManifestFile | MissingFile> =>
    [...bundle.files(), ...bundle.missingFiles()].sort((a, b) => a.id.localeCompare(b.id));
  const bytesOf = (id: string) => bundle.file(id)?.bytes ?? bundle.missingFile(id)?.bytes ?? 0;
  const storeFile = (s: BundleStore, id: string): StoreFileEntry =>
    s.files.get(id) ?? throwing(notFound(`file '${id}' in vector store '${s.id}'`));

  const renderAssistant = (a: BundleAssistant) => ({ ...a.body, object: 'assistant', created_at: createdAt });
  const renderFile = (f: ManifestFile | MissingFile) => ({
    id: f.id,
    object: 'file',
    bytes: f.bytes,
    created_at: createdAt,
    filename: f.filename,
    purpose: f.purpose,
    status: 'processed',
  });
  const renderStoreFile = (s: BundleStore, entry: StoreFileEntry) => ({
    id: entry.file_id,
    object: 'vector_store.file',
    usage_bytes: bytesOf(entry.file_id),
    created_at: createdAt,
    vector_store_id: s.id,
    status: 'completed',
    last_error: null,
    chunking_strategy: entry.chunking_strategy,
    attributes: entry.attributes,
  });
  const counts = (n: number) => ({ in_progress: 0, completed: n, failed: 0, cancelled: 0, total: n });
  const renderStore = (s: BundleStore) => ({
    id: s.id,
    object: 'vector_store',
    name: s.name,
    status: 'completed',
    usage_bytes: [...s.files.keys()].reduce((sum, id) => sum + bytesOf(id), 0),
    created_at: createdAt,
    file_counts: counts(s.files.size),
    metadata: s.metadata,
    expires_at: null,
    last_active_at: createdAt,
    ...(s.expires_after !== undefined ? { expires_after: s.expires_after } : {}),
  });
  const attach = (s: BundleStore, fileId: string, body: Record<string, unknown>) => {
    anyFile(fileId);
    const entry: StoreFileEntry = {
      file_id: fileId,
      attributes: (body.attributes as Record<string, unknown> | undefined) ?? {},
      chunking_strategy: chunkingOf(body.chunking_strategy),
    };
    bundle.putStoreFile(s, entry);
    return entry;
  };
  const renderBatch = (id: string, b: { storeId: string; fileIds: string[]; cancelled: boolean }) => ({
    id,
    object: 'vector_store.files_batch',
    created_at: createdAt,
    vector_store_id: b.storeId,
    status: b.cancelled ? 'cancelled' : 'completed',
    file_counts: counts(b.fileIds.length),
  });
  const models = () => [...new Set(bundle.assistants().map((a) => String(a.body.model)))].sort().map((id) => ({ id }));

  return [
    {
      method: 'GET',
      pattern: '/models',
      handler: () =>
        json({
          object: 'list',
          data: models().map(({ id }) => ({ id, object: 'model', created: createdAt, owned_by: 'ferry-bundle' })),
        }),
    },
    {
      method: 'GET',
      pattern: '/assistants',
      handler: ({ query }) => page(bundle.assistants(), query, renderAssistant),
    },
    {
      method: 'POST',
      pattern: '/assistants',
      handler: async ({ request }) =>
        json(renderAssistant(bundle.putAssistant(assistantBody(await jsonBody(request))))),
    },
    {
      method: 'GET',
      pattern: '/assistants/{id}',
      handler: ({ params }) => json(renderAssistant(assistant(params.id!))),
    },
    {
      method: 'POST',
      pattern: '/assistants/{id}',
      handler: async ({ request, params }) => {
        const current = assistant(params.id!);
        const next = assistantPatch(current.body, await jsonBody(request));
        return json(renderAssistant(bundle.putAssistant(next, current.id)));
      },
    },
    {
      method: 'DELETE',
      pattern: '/assistants/{id}',
      handler: ({ params }) => {
        assistant(params.id!);
        bundle.deleteAssistant(params.id!);
        return json({ id: params.id, object: 'assistant.deleted', deleted: true });
      },
    },
    { method: 'GET', pattern: '/vector_stores', handler: ({ query }) => page(bundle.stores(), query, renderStore) },
    {
      method: 'POST',
      pattern: '/vector_stores',
      handler: async ({ request }) => {
        const body = await jsonBody(request);
        const created = bundle.putStore(storeFields(body));
        for (const id of (body.file_ids as string[] | undefined) ?? []) attach(created, id, body);
        return json(renderStore(created));
      },
    },
    { method: 'GET', pattern: '/vector_stores/{id}', handler: ({ params }) => json(renderStore(store(params.id!))) },
    {
      method: 'POST',
      pattern: '/vector_stores/{id}',
      handler: async ({ request, params }) => {
        const current = store(params.id!);
        const body = await jsonBody(request);
        const fields = storeFields({
          name: current.name,
          metadata: current.metadata,
          ...(current.expires_after !== undefined ? { expires_after: current.expires_after } : {}),
          ...body,
        });
        return json(renderStore(bundle.putStore(fields, current.id)));
      },
    },
    {
      method: 'DELETE',
      pattern: '/vector_stores/{id}',
      handler: ({ params }) => {
        store(params.id!);
        bundle.deleteStore(params.id!);
        return json({ id: params.id, object: 'vector_store.deleted', deleted: true });
      },
    },
    {
      method: 'GET',
      pattern: '/vector_stores/{id}/files',
      handler: ({ params, query }) => {
        const s = store(params.id!);
        const filter = query.get('filter');
        const entries = filter && filter !== 'completed' ? [] : [...s.files.values()];
        return page(
          entries.map((e) => ({ ...e, id: e.file_id })),
          query,
          (e) => renderStoreFile(s, e),
        );
      },
    },
    {
      method: 'POST',
      pattern: '/vector_stores/{id}/files',
      handler: async ({ request, params }) => {
        const s = store(params.id!);
        const body = await jsonBody(request);
        if (typeof body.file_id !== 'string') throw badRequest("Missing required parameter: 'file_id'.", 'file_id');
        return json(renderStoreFile(s, attach(s, body.file_id, body)));
      },
    },
    {
      method: 'GET',
      pattern: '/vector_stores/{id}/files/{file}',
      handler: ({ params }) => {
        const s = store(params.id!);
        return json(renderStoreFile(s, storeFile(s, params.file!)));
      },
    },
    {
      method: 'POST',
      pattern: '/vector_stores/{id}/files/{file}',
      handler: async ({ request, params }) => {
        const s = store(params.id!);
        const entry = storeFile(s, params.file!);
        const body = await jsonBody(request);
        const next = { ...entry, attributes: (body.attributes as Record<string, unknown> | null) ?? {} };
        bundle.putStoreFile(s, next);
        return json(renderStoreFile(s, next));
      },
    },
    {
      method: 'DELETE',
      pattern: '/vector_stores/{id}/files/{file}',
      handler: ({ params }) => {
        const s = store(params.id!);
        storeFile(s, params.file!);
        bundle.deleteStoreFile(s, params.file!);
        return json({ id: params.file, object: 'vector_store.file.deleted', deleted: true });
      },
    },
    {
      method: 'GET',
      pattern: '/vector_stores/{id}/files/{file}/content',
      handler: ({ params }) => {
        const s = store(params.id!);
        const id = storeFile(s, params.file!).file_id;
        // A file with no bytes has no parsed text either: nothing to rebuild it from.
        const f = bundle.file(id);
        if (!f) return json({ object: 'vector_store.file_content.page', data: [], has_more: false });
        const text = bundle.bytesOf(f).toString('utf8');
        return json({ object: 'vector_store.file_content.page', data: [{ type: 'text', text }], has_more: false });
      },
    },
    {
      method: 'POST',
      pattern: '/vector_stores/{id}/file_batches',
      handler: async ({ request, params }) => {
        const s = store(params.id!);
        const body = await jsonBody(request);
        const items = Array.isArray(body.files)
          ? (body.files as Array<Record<string, unknown>>)
          : ((body.file_ids as string[] | undefined) ?? []).map((file_id) => ({ ...body, file_id }));
        if (items.length === 0) throw badRequest("Missing required parameter: one of 'file_ids' or 'files'.");
        for (const item of items) anyFile(String(item.file_id));
        for (const item of items) attach(s, String(item.file_id), item);
        const id = `vsfb_${randomUUID().replace(/-/g, '')}`;
        const batch = { storeId: s.id, fileIds: items.map((i) => String(i.file_id)), cancelled: false };
        batches.set(id, batch);
        return json(renderBatch(id, batch));
      },
    },
    {
      method: 'GET',
      pattern: '/vector_stores/{id}/file_batches/{batch}',
      handler: ({ params }) => {
        const batch = batches.get(params.batch!);
        if (!batch || batch.storeId !== params.id) throw notFound(`file batch '${params.batch}'`);
        return json(renderBatch(params.batch!, batch));
      },
    },
    {
      method: 'POST',
      pattern: '/vector_stores/{id}/file_batches/{batch}/cancel',
      handler: ({ params }) => {
        const batch = batches.get(params.batch!);
        if (!batch || batch.storeId !== params.id) throw notFound(`file batch '${params.batch}'`);
        return json(renderBatch(params.batch!, batch));
      },
    },
    {
      method: 'GET',
      pattern: '/files',
      handler: ({ query }) => {
        const purpose = query.get('purpose');
        return page(
          allFiles().filter((f) => !purpose || f.purpose === purpose),
          query,
          renderFile,
          10_000,
        );
      },
    },
    {
      method: 'POST',
      pattern: '/files',
      handler: async ({ request }) => {
        const form = await request.formData();
        const upload = form.get('file');
        const purpose = form.get('purpose');
        if (!(upload instanceof Blob)) throw badRequest("Missing required parameter: 'file'.", 'file');
        if (typeof purpose !== 'string') throw badRequest("Missing required parameter: 'purpose'.", 'purpose');
        const filename = upload instanceof File ? upload.name : 'upload';
        return json(renderFile(bundle.addFile(filename, purpose, new Uint8Array(await upload.arrayBuffer()))));
      },
    },
    { method: 'GET', pattern: '/files/{id}', handler: ({ params }) => json(renderFile(anyFile(params.id!))) },
    {
      method: 'DELETE',
      pattern: '/files/{id}',
      handler: ({ params }) => {
        anyFile(params.id!);
        if (!bundle.deleteFile(params.id!)) bundle.deleteMissing(params.id!);
        return json({ id: params.id, object: 'file', deleted: true });
      },
    },
    {
      method: 'GET',
      pattern: '/files/{id}/content',
      // Streamed from disk: a 256 MB file is never whole in memory.
      handler: ({ params }) => {
        // No bytes to hand back: refused as the API refuses it, so a clone from the folder takes the
        // original from a folder of originals (or leaves it out, saying so), by the engine's ordinary rule.
        const missing = bundle.missingFile(params.id!);
        if (missing) throw badRequest(`Not allowed to download files of purpose: ${missing.purpose}`);
        const f = file(params.id!);
        return new Response(fileStream(bundle.pathOf(f)), {
          headers: { 'content-type': 'application/octet-stream', 'content-length': String(f.bytes) },
        });
      },
    },
    ...uploads.routes(renderFile),
  ];
}

function throwing(error: Error): never {
  throw error;
}

/**
 * A file as a body read a megabyte per pull, with no queue ahead of the reader: the consumer's pace is the
 * disk's, so a download that is spooled (or hashed) slowly holds one chunk, not the file.
 */
function fileStream(path: string): ReadableStream<Uint8Array> {
  let handle: FileHandle | undefined;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        handle ??= await open(path, 'r');
        const buffer = Buffer.allocUnsafe(1024 * 1024);
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
        if (bytesRead === 0) {
          await handle.close();
          controller.close();
          return;
        }
        controller.enqueue(buffer.subarray(0, bytesRead));
      },
      async cancel() {
        await handle?.close();
      },
    },
    { highWaterMark: 0 },
  );
}
