import { countStatuses, vectorStoreCounts, vsFileStatus, vsFileUsageBytes } from './ingestion.ts';
import type {
  AgentRecord,
  AssistantRecord,
  FileBatchRecord,
  FileRecord,
  ModelRecord,
  TenantState,
  UploadRecord,
  VectorStoreFileRecord,
  VectorStoreRecord,
} from './types.ts';

/** Wire shapes, computed from records at the moment of the answer. */

export function renderModel(model: ModelRecord): Record<string, unknown> {
  return { id: model.id, object: 'model', created: model.created, owned_by: model.owned_by };
}

export function renderAssistant(assistant: AssistantRecord): Record<string, unknown> {
  const body: Record<string, unknown> = {
    id: assistant.id,
    object: 'assistant',
    created_at: assistant.created_at,
    name: assistant.name,
    description: assistant.description,
    model: assistant.model,
    instructions: assistant.instructions,
    tools: assistant.tools,
    top_p: assistant.top_p,
    temperature: assistant.temperature,
    reasoning_effort: assistant.reasoning_effort ?? null,
    tool_resources: structuredClone(assistant.tool_resources),
    metadata: { ...assistant.metadata },
    response_format: assistant.response_format,
  };
  return body;
}

/** An agent as the SDK's `Agent` type has it; copies, so a caller cannot reach into the record. */
export function renderAgent(agent: AgentRecord): Record<string, unknown> {
  return {
    id: agent.id,
    object: 'agent',
    created_at: agent.created_at,
    updated_at: agent.updated_at,
    name: agent.name,
    model: agent.model,
    instructions: agent.instructions,
    metadata: { ...agent.metadata },
    tools: structuredClone(agent.tools),
    reasoning: { ...agent.reasoning },
    text: structuredClone(agent.text),
    service_tier: agent.service_tier,
    multi_agent: { ...agent.multi_agent },
    compaction: { ...agent.compaction },
    experimental: { ...agent.experimental },
  };
}

export function renderFile(file: FileRecord): Record<string, unknown> {
  const body: Record<string, unknown> = {
    id: file.id,
    object: 'file',
    bytes: file.bytes,
    created_at: file.created_at,
    filename: file.filename,
    purpose: file.purpose,
    // status is deprecated but required by the spec; status_details (null upstream, string in the spec) is omitted.
    status: 'processed',
  };
  if (file.expires_at !== undefined) body.expires_at = file.expires_at;
  return body;
}

export function vectorStoreExpiresAt(store: VectorStoreRecord): number | null {
  return store.expires_after ? store.last_active_at + store.expires_after.days * 86_400 : null;
}

export function renderVectorStore(tenant: TenantState, store: VectorStoreRecord): Record<string, unknown> {
  const now = Date.now();
  const counts = vectorStoreCounts(tenant, store, now);
  const expiresAt = vectorStoreExpiresAt(store);
  const status =
    expiresAt !== null && expiresAt * 1000 < now ? 'expired' : counts.in_progress > 0 ? 'in_progress' : 'completed';
  let usage = 0;
  for (const record of store.files.values()) usage += vsFileUsageBytes(tenant, record, now);
  const body: Record<string, unknown> = {
    id: store.id,
    object: 'vector_store',
    name: store.name,
    status,
    usage_bytes: usage,
    created_at: store.created_at,
    file_counts: counts,
    metadata: { ...store.metadata },
    expires_at: expiresAt,
    last_active_at: store.last_active_at,
  };
  if (store.expires_after) body.expires_after = { ...store.expires_after };
  return body;
}

export function renderVectorStoreFile(tenant: TenantState, record: VectorStoreFileRecord): Record<string, unknown> {
  const now = Date.now();
  const status = vsFileStatus(tenant, record, now);
  return {
    id: record.id,
    object: 'vector_store.file',
    usage_bytes: vsFileUsageBytes(tenant, record, now),
    created_at: record.created_at,
    vector_store_id: record.vector_store_id,
    status,
    last_error: status === 'failed' && record.outcome.error ? { ...record.outcome.error } : null,
    chunking_strategy: structuredClone(record.chunking_strategy),
    attributes: { ...record.attributes },
  };
}

export function batchFiles(tenant: TenantState, batch: FileBatchRecord): VectorStoreFileRecord[] {
  const store = tenant.vectorStores.get(batch.vector_store_id);
  if (!store) return [];
  return batch.fileIds.flatMap((id) => {
    const record = store.files.get(id);
    return record && record.batchIds.includes(batch.id) ? [record] : [];
  });
}

export function renderBatch(tenant: TenantState, batch: FileBatchRecord): Record<string, unknown> {
  const now = Date.now();
  const counts = countStatuses(batchFiles(tenant, batch).map((record) => vsFileStatus(tenant, record, now)));
  // A batch with failed files still "completes"; callers must read file_counts.failed (the SDK says so).
  const status = batch.cancelled ? 'cancelled' : counts.in_progress > 0 ? 'in_progress' : 'completed';
  return {
    id: batch.id,
    object: 'vector_store.files_batch',
    created_at: batch.created_at,
    vector_store_id: batch.vector_store_id,
    status,
    file_counts: counts,
  };
}

export function renderUpload(tenant: TenantState, upload: UploadRecord): Record<string, unknown> {
  const file = upload.fileId ? tenant.files.get(upload.fileId) : undefined;
  return {
    id: upload.id,
    object: 'upload',
    bytes: upload.bytes,
    created_at: upload.created_at,
    filename: upload.filename,
    purpose: upload.purpose,
    status: upload.status,
    expires_at: upload.expires_at,
    file: file ? renderFile(file) : null,
  };
}
