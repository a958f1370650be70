import { attachFiles, requireFiles } from '../attach.ts';
import { ApiError, badRequest } from '../errors.ts';
import { nowSeconds } from '../ids.ts';
import { vsFileStatus } from '../ingestion.ts';
import { integerParam, ok, readJsonObject, rejectUnknown } from '../http-io.ts';
import { paginate } from '../pagination.ts';
import type { Route } from '../router.ts';
import { chunkText, matchesFilter, parseFilter, queryTerms, scoreChunk } from '../search.ts';
import type { TenantState, VectorStoreFileRecord, VectorStoreRecord } from '../types.ts';
import { parseAttributes, parseChunkingStrategy, parseRankingOptions, searchRankers } from '../validation.ts';
import { renderVectorStoreFile } from '../views.ts';
import { requireVectorStore } from './vector-stores.ts';

const statusFilters = ['in_progress', 'completed', 'failed', 'cancelled'];

function requireVsFile(store: VectorStoreRecord, fileId: string): VectorStoreFileRecord {
  const record = store.files.get(fileId);
  if (!record) throw new ApiError(404, `No file found with id '${fileId}' in vector store '${store.id}'.`);
  return record;
}

/** The `filter` query parameter of vector-store and batch file lists. */
export function listVsFiles(tenant: TenantState, records: VectorStoreFileRecord[], query: URLSearchParams) {
  const filter = query.get('filter');
  if (filter !== null && !statusFilters.includes(filter)) {
    throw badRequest(
      'filter',
      `Invalid value for 'filter': '${filter}'. Supported values are: ${statusFilters.map((s) => `'${s}'`).join(', ')}.`,
      'invalid_value',
    );
  }
  const now = Date.now();
  const selected = filter === null ? records : records.filter((record) => vsFileStatus(tenant, record, now) === filter);
  return paginate(selected, query, { maxLimit: 100, defaultLimit: 20, allowBefore: true }, (record) =>
    renderVectorStoreFile(tenant, record),
  );
}

export const vectorStoreFileRoutes: Route[] = [
  {
    method: 'POST',
    pattern: '/v1/vector_stores/{vector_store_id}/files',
    scope: 'api.vector_stores.write',
    handler: async ({ tenant, params, request, store }) => {
      const vectorStore = requireVectorStore(tenant, params.vector_store_id ?? '');
      const body = await readJsonObject(request);
      rejectUnknown(body, ['file_id', 'attributes', 'chunking_strategy']);
      if (typeof body.file_id !== 'string')
        throw badRequest('file_id', "Missing required parameter: 'file_id'.", 'missing_required_parameter');
      const attach = {
        fileId: body.file_id,
        attributes: parseAttributes(body.attributes) ?? {},
        chunking: parseChunkingStrategy(body.chunking_strategy),
      };
      requireFiles(tenant, [attach], () => 'file_id');
      const [record] = await attachFiles(store, tenant, vectorStore, [attach]);
      return ok(renderVectorStoreFile(tenant, record!));
    },
  },
  {
    method: 'GET',
    pattern: '/v1/vector_stores/{vector_store_id}/files',
    scope: 'api.vector_stores.read',
    handler: async ({ tenant, params, query }) => {
      const vectorStore = requireVectorStore(tenant, params.vector_store_id ?? '');
      return ok(listVsFiles(tenant, [...vectorStore.files.values()], query));
    },
  },
  {
    method: 'GET',
    pattern: '/v1/vector_stores/{vector_store_id}/files/{file_id}',
    scope: 'api.vector_stores.read',
    handler: async ({ tenant, params }) => {
      const vectorStore = requireVectorStore(tenant, params.vector_store_id ?? '');
      return ok(renderVectorStoreFile(tenant, requireVsFile(vectorStore, params.file_id ?? '')));
    },
  },
  {
    method: 'POST',
    pattern: '/v1/vector_stores/{vector_store_id}/files/{file_id}',
    scope: 'api.vector_stores.write',
    handler: async ({ tenant, params, request }) => {
      const vectorStore = requireVectorStore(tenant, params.vector_store_id ?? '');
      const record = requireVsFile(vectorStore, params.file_id ?? '');
      const body = await readJsonObject(request);
      rejectUnknown(body, ['attributes']);
      if (!('attributes' in body))
        throw badRequest('attributes', "Missing required parameter: 'attributes'.", 'missing_required_parameter');
      record.attributes = parseAttributes(body.attributes) ?? {};
      vectorStore.last_active_at = nowSeconds();
      return ok(renderVectorStoreFile(tenant, record));
    },
  },
  {
    method: 'DELETE',
    pattern: '/v1/vector_stores/{vector_store_id}/files/{file_id}',
    scope: 'api.vector_stores.write',
    handler: async ({ tenant, params }) => {
      const vectorStore = requireVectorStore(tenant, params.vector_store_id ?? '');
      const record = requireVsFile(vectorStore, params.file_id ?? '');
      // Detaching keeps the File itself, as upstream: only the store's index entry goes.
      vectorStore.files.delete(record.id);
      return ok({ id: record.id, object: 'vector_store.file.deleted', deleted: true });
    },
  },
  {
    method: 'GET',
    pattern: '/v1/vector_stores/{vector_store_id}/files/{file_id}/content',
    scope: 'api.vector_stores.read',
    handler: async ({ tenant, params }) => {
      const vectorStore = requireVectorStore(tenant, params.vector_store_id ?? '');
      const record = requireVsFile(vectorStore, params.file_id ?? '');
      // Only an indexed file has parsed text; before that (or after a failure) the page is empty.
      const text = vsFileStatus(tenant, record) === 'completed' ? record.outcome.text : '';
      return ok({
        object: 'vector_store.file_content.page',
        data: text === '' ? [] : [{ type: 'text', text }],
        has_more: false,
        next_page: null,
      });
    },
  },
  {
    method: 'POST',
    pattern: '/v1/vector_stores/{vector_store_id}/search',
    scope: 'api.vector_stores.read',
    handler: async ({ tenant, params, request }) => {
      const vectorStore = requireVectorStore(tenant, params.vector_store_id ?? '');
      const body = await readJsonObject(request);
      rejectUnknown(body, ['query', 'rewrite_query', 'max_num_results', 'filters', 'ranking_options']);
      const queries =
        typeof body.query === 'string'
          ? [body.query]
          : Array.isArray(body.query) && body.query.every((q) => typeof q === 'string')
            ? (body.query as string[])
            : null;
      if (queries === null)
        throw badRequest(
          'query',
          body.query === undefined
            ? "Missing required parameter: 'query'."
            : "Invalid type for 'query': expected a string or an array of strings.",
          body.query === undefined ? 'missing_required_parameter' : 'invalid_type',
        );
      const max =
        body.max_num_results === undefined ? 10 : integerParam(body.max_num_results, 'max_num_results', 1, 50);
      const filter = body.filters === undefined || body.filters === null ? null : parseFilter(body.filters);
      const threshold =
        parseRankingOptions(body.ranking_options, 'ranking_options', searchRankers)?.score_threshold ?? 0;
      const terms = queryTerms(queries);
      const now = Date.now();
      const results: {
        file_id: string;
        filename: string;
        score: number;
        attributes: Record<string, unknown>;
        content: { type: 'text'; text: string }[];
      }[] = [];
      for (const record of vectorStore.files.values()) {
        if (vsFileStatus(tenant, record, now) !== 'completed') continue;
        if (filter && !matchesFilter(filter, record.attributes)) continue;
        const file = tenant.files.get(record.id);
        for (const chunk of chunkText(record.outcome.text, record.chunking_strategy)) {
          const score = scoreChunk(terms, chunk);
          if (score > 0 && score >= threshold) {
            results.push({
              file_id: record.id,
              filename: file?.filename ?? '',
              score,
              attributes: { ...record.attributes },
              content: [{ type: 'text', text: chunk }],
            });
          }
        }
      }
      results.sort((a, b) => b.score - a.score);
      vectorStore.last_active_at = nowSeconds();
      return ok({
        object: 'vector_store.search_results.page',
        search_query: queries,
        data: results.slice(0, max),
        has_more: false,
        next_page: null,
      });
    },
  },
];
