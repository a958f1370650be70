import { attachFiles, requireFiles } from '../attach.ts';
import { ApiError, badRequest } from '../errors.ts';
import { nextSeq, newId, nowSeconds } from '../ids.ts';
import { isPlainObject, ok, optionalString, readJsonObject, rejectUnknown } from '../http-io.ts';
import { paginate } from '../pagination.ts';
import type { Route } from '../router.ts';
import type { TenantState, VectorStoreRecord } from '../types.ts';
import { parseChunkingStrategy, parseMetadata, parseStringArray } from '../validation.ts';
import { renderVectorStore } from '../views.ts';

export function requireVectorStore(tenant: TenantState, id: string): VectorStoreRecord {
  const store = tenant.vectorStores.get(id);
  if (!store) throw new ApiError(404, `No vector store found with id '${id}'.`);
  return store;
}

function parseExpiresAfter(value: unknown): VectorStoreRecord['expires_after'] | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (!isPlainObject(value))
    throw badRequest('expires_after', "Invalid type for 'expires_after': expected an object.", 'invalid_type');
  if (value.anchor !== 'last_active_at')
    throw badRequest(
      'expires_after.anchor',
      "Invalid value for 'expires_after.anchor': expected 'last_active_at'.",
      'invalid_value',
    );
  const days = value.days;
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > 365) {
    throw badRequest(
      'expires_after.days',
      "Invalid 'expires_after.days': expected an integer between 1 and 365.",
      'invalid_value',
    );
  }
  return { anchor: 'last_active_at', days };
}

/** /vector_stores CRUD. `description` and `chunking_strategy` are accepted but, as upstream, not echoed. */
export const vectorStoreRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/v1/vector_stores',
    scope: 'api.vector_stores.read',
    handler: async ({ tenant, query }) =>
      ok(
        paginate(tenant.vectorStores.values(), query, { maxLimit: 100, defaultLimit: 20, allowBefore: true }, (store) =>
          renderVectorStore(tenant, store),
        ),
      ),
  },
  {
    method: 'POST',
    pattern: '/v1/vector_stores',
    scope: 'api.vector_stores.write',
    handler: async ({ tenant, request, store }) => {
      const body = await readJsonObject(request);
      rejectUnknown(body, ['file_ids', 'name', 'description', 'expires_after', 'chunking_strategy', 'metadata']);
      const name = optionalString(body, 'name', 256) ?? '';
      optionalString(body, 'description', 512);
      const metadata = parseMetadata(body.metadata) ?? {};
      const expiresAfter = parseExpiresAfter(body.expires_after) ?? null;
      const chunking = parseChunkingStrategy(body.chunking_strategy);
      const fileIds = body.file_ids === undefined ? [] : parseStringArray(body.file_ids, 'file_ids', 500, 'a file id');
      const requests = fileIds.map((fileId) => ({ fileId, attributes: {}, chunking }));
      requireFiles(tenant, requests, (index) => `file_ids[${index}]`);
      const now = nowSeconds();
      const vectorStore: VectorStoreRecord = {
        id: newId.vectorStore(),
        seq: nextSeq(),
        created_at: now,
        name,
        metadata,
        expires_after: expiresAfter,
        last_active_at: now,
        files: new Map(),
      };
      tenant.vectorStores.set(vectorStore.id, vectorStore);
      await attachFiles(store, tenant, vectorStore, requests);
      return ok(renderVectorStore(tenant, vectorStore));
    },
  },
  {
    method: 'GET',
    pattern: '/v1/vector_stores/{vector_store_id}',
    scope: 'api.vector_stores.read',
    handler: async ({ tenant, params }) =>
      ok(renderVectorStore(tenant, requireVectorStore(tenant, params.vector_store_id ?? ''))),
  },
  {
    method: 'POST',
    pattern: '/v1/vector_stores/{vector_store_id}',
    scope: 'api.vector_stores.write',
    handler: async ({ tenant, params, request }) => {
      const vectorStore = requireVectorStore(tenant, params.vector_store_id ?? '');
      const body = await readJsonObject(request);
      rejectUnknown(body, ['name', 'expires_after', 'metadata']);
      const name = optionalString(body, 'name', 256);
      const metadata = parseMetadata(body.metadata);
      const expiresAfter = parseExpiresAfter(body.expires_after);
      if (name !== undefined) vectorStore.name = name ?? '';
      if (metadata !== undefined) vectorStore.metadata = metadata ?? {};
      if (expiresAfter !== undefined) vectorStore.expires_after = expiresAfter;
      vectorStore.last_active_at = nowSeconds();
      return ok(renderVectorStore(tenant, vectorStore));
    },
  },
  {
    method: 'DELETE',
    pattern: '/v1/vector_stores/{vector_store_id}',
    scope: 'api.vector_stores.write',
    handler: async ({ tenant, params }) => {
      const vectorStore = requireVectorStore(tenant, params.vector_store_id ?? '');
      tenant.vectorStores.delete(vectorStore.id);
      for (const [id, batch] of tenant.batches) if (batch.vector_store_id === vectorStore.id) tenant.batches.delete(id);
      return ok({ id: vectorStore.id, object: 'vector_store.deleted', deleted: true });
    },
  },
];
