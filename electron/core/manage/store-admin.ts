import type { Attributes, Chunking, SearchFilter, SearchHit } from '../../../shared/contract/manage.ts';
import { ingestFailureInWords, ingestRetryHelps } from '../../../shared/ingest-errors.ts';
import { FerryError } from '../errors.ts';
import type { OrgGateway } from '../openai/org-gateway.ts';
import type { BatchFile, VectorStoreFile } from '../openai/vector-stores-api.ts';

/** The API's chunking strategy from the contract's camel-cased one. */
export function toChunkingStrategy(chunking: Chunking | undefined): BatchFile['chunking_strategy'] {
  if (!chunking) return undefined;
  if (chunking.type === 'auto') return { type: 'auto' };
  return {
    type: 'static',
    static: { max_chunk_size_tokens: chunking.maxChunkSizeTokens, chunk_overlap_tokens: chunking.chunkOverlapTokens },
  };
}

export function toBatchFile(
  fileId: string,
  attributes: Attributes | undefined,
  chunking: Chunking | undefined,
): BatchFile {
  const strategy = toChunkingStrategy(chunking);
  return {
    file_id: fileId,
    ...(attributes && Object.keys(attributes).length > 0 ? { attributes } : {}),
    ...(strategy ? { chunking_strategy: strategy } : {}),
  };
}

export function toExpiresAfter(
  days: number | null | undefined,
): { anchor: 'last_active_at'; days: number } | null | undefined {
  if (days === undefined) return undefined;
  return days === null ? null : { anchor: 'last_active_at', days };
}

/**
 * A failed file again: detach it, then attach the same file with the attributes and chunking it had (the
 * store reports them per file, and `other` or missing chunking means the server's default).
 */
export async function retryStoreFile(org: OrgGateway, vectorStoreId: string, fileId: string): Promise<VectorStoreFile> {
  org.assertWritable(`Retrying file ${fileId}`);
  const current = await org.vectorStores.retrieveFile(vectorStoreId, fileId);
  if (current.status === 'completed' || current.status === 'in_progress') {
    throw new FerryError(
      'conflict',
      `File ${fileId} is ${current.status.replace('_', ' ')} in this store; only failed or cancelled files are retried.`,
      { field: 'fileId' },
    );
  }
  // The same bytes would fail the same way: detaching and attaching them again only loses the record.
  if (!ingestRetryHelps(current.status, current.last_error)) {
    throw new FerryError(
      'bad_input',
      `File ${fileId} failed in a way retrying cannot fix. ${ingestFailureInWords(current.status, current.last_error)}`,
      { field: 'fileId' },
    );
  }
  const strategy = current.chunking_strategy;
  const chunking: BatchFile['chunking_strategy'] =
    strategy?.type === 'static' ? { type: 'static', static: strategy.static } : undefined;
  await org.vectorStores.removeFile(vectorStoreId, fileId);
  return org.vectorStores.attachFile(vectorStoreId, {
    file_id: fileId,
    ...(current.attributes && Object.keys(current.attributes).length > 0 ? { attributes: current.attributes } : {}),
    ...(chunking ? { chunking_strategy: chunking } : {}),
  });
}

type ApiFilter =
  { type: SearchFilter['op']; key: string; value: string | number | boolean } | { type: 'and'; filters: ApiFilter[] };

export function toApiFilter(filters: SearchFilter[]): ApiFilter | undefined {
  const comparisons: ApiFilter[] = filters.map((f) => ({ type: f.op, key: f.key, value: f.value }));
  if (comparisons.length === 0) return undefined;
  return comparisons.length === 1 ? comparisons[0] : { type: 'and', filters: comparisons };
}

export async function searchStore(
  org: OrgGateway,
  vectorStoreId: string,
  query: string,
  filters: SearchFilter[],
  maxResults: number,
): Promise<SearchHit[]> {
  const filter = toApiFilter(filters);
  const results = await org.vectorStores.search(vectorStoreId, {
    query,
    max_num_results: maxResults,
    ...(filter ? { filters: filter as never } : {}),
  });
  return results
    .map((r) => ({
      fileId: r.file_id,
      filename: r.filename,
      score: r.score,
      text: r.content.map((c) => c.text).join('\n'),
      attributes: (r.attributes ?? null) as Record<string, unknown> | null,
    }))
    .sort((a, b) => b.score - a.score);
}
