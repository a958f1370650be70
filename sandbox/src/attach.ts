import { badRequest } from './errors.ts';
import { nextSeq, nowSeconds } from './ids.ts';
import { ingestOutcome } from './ingestion.ts';
import type { SandboxStore } from './store.ts';
import type { Attributes, ChunkingStrategy, TenantState, VectorStoreFileRecord, VectorStoreRecord } from './types.ts';

export interface AttachRequest {
  fileId: string;
  attributes: Attributes;
  chunking: ChunkingStrategy;
}

/** Checks every referenced file exists before anything is attached, so a bad id leaves no half-made batch. */
export function requireFiles(
  tenant: TenantState,
  requests: AttachRequest[],
  paramFor: (index: number) => string,
): void {
  requests.forEach((request, index) => {
    if (!tenant.files.has(request.fileId)) {
      throw badRequest(
        paramFor(index),
        `Invalid '${paramFor(index)}': file with id '${request.fileId}' not found.`,
        'invalid_value',
      );
    }
  });
}

/**
 * Attaches files to a store and starts their (simulated) ingestion: the outcome is decided now, and
 * becomes visible at readyAt. A file already in the store keeps its record, as re-adding does upstream.
 */
export async function attachFiles(
  store: SandboxStore,
  tenant: TenantState,
  vectorStore: VectorStoreRecord,
  requests: AttachRequest[],
  batchId?: string,
): Promise<VectorStoreFileRecord[]> {
  const outcomes = await Promise.all(
    requests.map((request) => {
      const file = tenant.files.get(request.fileId)!;
      // A failure of the server's own, as the real API reports now and then: attaching again succeeds.
      if (tenant.ingestServerErrors.delete(file.filename))
        return {
          status: 'failed' as const,
          error: { code: 'server_error' as const, message: 'An internal error occurred while processing the file.' },
          text: '',
        };
      return ingestOutcome(file);
    }),
  );
  const readyAt = Date.now() + store.ingestionMs;
  const records = requests.map((request, index) => {
    const existing = vectorStore.files.get(request.fileId);
    if (existing) {
      if (batchId !== undefined) existing.batchIds.push(batchId);
      return existing;
    }
    const record: VectorStoreFileRecord = {
      id: request.fileId,
      seq: nextSeq(),
      created_at: nowSeconds(),
      vector_store_id: vectorStore.id,
      attributes: request.attributes,
      chunking_strategy: request.chunking,
      readyAt,
      outcome: outcomes[index]!,
      cancelled: false,
      batchIds: batchId === undefined ? [] : [batchId],
    };
    vectorStore.files.set(record.id, record);
    return record;
  });
  vectorStore.last_active_at = nowSeconds();
  return records;
}
