import { attachFiles, requireFiles, type AttachRequest } from '../attach.ts';
import { ApiError, badRequest } from '../errors.ts';
import { nextSeq, newId, nowSeconds } from '../ids.ts';
import { vsFileStatus } from '../ingestion.ts';
import { isPlainObject, ok, readJsonObject, rejectUnknown } from '../http-io.ts';
import type { Route } from '../router.ts';
import type { FileBatchRecord, TenantState } from '../types.ts';
import { limits, parseAttributes, parseChunkingStrategy, parseStringArray } from '../validation.ts';
import { batchFiles, renderBatch } from '../views.ts';
import { listVsFiles } from './vector-store-files.ts';
import { requireVectorStore } from './vector-stores.ts';

function requireBatch(tenant: TenantState, vectorStoreId: string, batchId: string): FileBatchRecord {
  const batch = tenant.batches.get(batchId);
  if (!batch || batch.vector_store_id !== vectorStoreId)
    throw new ApiError(404, `No file batch found with id '${batchId}' in vector store '${vectorStoreId}'.`);
  return batch;
}

function parseBatchFiles(body: Record<string, unknown>): AttachRequest[] {
  if (body.file_ids !== undefined && body.files !== undefined) {
    throw badRequest('files', "Only one of 'file_ids' or 'files' may be provided.", 'invalid_value');
  }
  if (body.files !== undefined) {
    // Per-file settings travel inside files[]; the spec says top-level attributes and chunking_strategy
    // are then ignored, and the API accepts the request without applying them.
    if (!Array.isArray(body.files))
      throw badRequest('files', "Invalid type for 'files': expected an array.", 'invalid_type');
    if (body.files.length < 1 || body.files.length > limits.batchFiles) {
      throw badRequest(
        'files',
        `Invalid 'files': expected between 1 and ${limits.batchFiles} entries, but got ${body.files.length}.`,
        'invalid_value',
      );
    }
    return body.files.map((entry, index) => {
      const param = `files[${index}]`;
      if (!isPlainObject(entry))
        throw badRequest(param, `Invalid type for '${param}': expected an object.`, 'invalid_type');
      rejectUnknown(entry, ['file_id', 'attributes', 'chunking_strategy']);
      if (typeof entry.file_id !== 'string')
        throw badRequest(
          `${param}.file_id`,
          `Missing required parameter: '${param}.file_id'.`,
          'missing_required_parameter',
        );
      return {
        fileId: entry.file_id,
        attributes: parseAttributes(entry.attributes, `${param}.attributes`) ?? {},
        chunking: parseChunkingStrategy(entry.chunking_strategy, `${param}.chunking_strategy`),
      };
    });
  }
  if (body.file_ids === undefined)
    throw badRequest(
      'file_ids',
      "Missing required parameter: one of 'file_ids' or 'files'.",
      'missing_required_parameter',
    );
  const ids = parseStringArray(body.file_ids, 'file_ids', limits.batchFiles, 'a file id');
  if (ids.length === 0) throw badRequest('file_ids', "Invalid 'file_ids': expected at least 1 entry.", 'invalid_value');
  const attributes = parseAttributes(body.attributes) ?? {};
  const chunking = parseChunkingStrategy(body.chunking_strategy);
  return ids.map((fileId) => ({ fileId, attributes: { ...attributes }, chunking }));
}

export const fileBatchRoutes: Route[] = [
  {
    method: 'POST',
    pattern: '/v1/vector_stores/{vector_store_id}/file_batches',
    scope: 'api.vector_stores.write',
    handler: async ({ tenant, params, request, store }) => {
      const vectorStore = requireVectorStore(tenant, params.vector_store_id ?? '');
      const body = await readJsonObject(request);
      rejectUnknown(body, ['file_ids', 'files', 'attributes', 'chunking_strategy']);
      const requests = parseBatchFiles(body);
      requireFiles(tenant, requests, (index) =>
        body.files !== undefined ? `files[${index}].file_id` : `file_ids[${index}]`,
      );
      const batch: FileBatchRecord = {
        id: newId.batch(),
        seq: nextSeq(),
        created_at: nowSeconds(),
        vector_store_id: vectorStore.id,
        fileIds: [...new Set(requests.map((request) => request.fileId))],
        cancelled: false,
      };
      tenant.batches.set(batch.id, batch);
      await attachFiles(store, tenant, vectorStore, requests, batch.id);
      return ok(renderBatch(tenant, batch));
    },
  },
  {
    method: 'GET',
    pattern: '/v1/vector_stores/{vector_store_id}/file_batches/{batch_id}',
    scope: 'api.vector_stores.read',
    handler: async ({ tenant, params }) =>
      ok(renderBatch(tenant, requireBatch(tenant, params.vector_store_id ?? '', params.batch_id ?? ''))),
  },
  {
    method: 'POST',
    pattern: '/v1/vector_stores/{vector_store_id}/file_batches/{batch_id}/cancel',
    scope: 'api.vector_stores.write',
    handler: async ({ tenant, params }) => {
      requireVectorStore(tenant, params.vector_store_id ?? '');
      const batch = requireBatch(tenant, params.vector_store_id ?? '', params.batch_id ?? '');
      const files = batchFiles(tenant, batch);
      const now = Date.now();
      const pending = files.filter((record) => vsFileStatus(tenant, record, now) === 'in_progress');
      if (batch.cancelled || pending.length === 0) {
        throw badRequest(
          'batch_id',
          `Cannot cancel file batch ${batch.id}: it is already ${renderBatch(tenant, batch).status}.`,
          'invalid_state',
        );
      }
      // Files still in flight are cancelled; finished ones keep their outcome, as upstream.
      for (const record of pending) record.cancelled = true;
      batch.cancelled = true;
      return ok(renderBatch(tenant, batch));
    },
  },
  {
    method: 'GET',
    pattern: '/v1/vector_stores/{vector_store_id}/file_batches/{batch_id}/files',
    scope: 'api.vector_stores.read',
    handler: async ({ tenant, params, query }) => {
      requireVectorStore(tenant, params.vector_store_id ?? '');
      const batch = requireBatch(tenant, params.vector_store_id ?? '', params.batch_id ?? '');
      return ok(listVsFiles(tenant, batchFiles(tenant, batch), query));
    },
  },
];
