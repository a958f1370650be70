import type { Blob } from './blobs.ts';
/**
 * The sandbox's in-memory records. They hold what the API returns plus the private state needed to
 * derive it (blob paths, ingestion deadlines), so response objects are always computed, never stored
 * twice — that is what keeps statuses and counts in agreement at every moment.
 */

export type Metadata = Record<string, string>;
export type Attributes = Record<string, string | number | boolean>;

export interface ModelRecord {
  id: string;
  created: number;
  owned_by: string;
}

export interface AssistantRecord {
  id: string;
  seq: number;
  created_at: number;
  name: string | null;
  description: string | null;
  model: string;
  instructions: string | null;
  tools: Record<string, unknown>[];
  tool_resources: {
    code_interpreter?: { file_ids: string[] };
    file_search?: { vector_store_ids: string[] };
  };
  metadata: Metadata;
  temperature: number | null;
  top_p: number | null;
  response_format: unknown;
  reasoning_effort?: string | null;
}

/** An agent (the Agents API, beta), held as the API answers it (the SDK's `Agent`). */
export interface AgentRecord {
  id: string;
  seq: number;
  created_at: number;
  updated_at: number;
  name: string | null;
  model: string;
  instructions: string | null;
  metadata: Metadata;
  tools: Record<string, unknown>[];
  reasoning: { effort: string | null; summary: string | null };
  text: { format: Record<string, unknown>; verbosity: string };
  service_tier: string;
  multi_agent: { enabled: boolean; max_concurrent_subagents: number | null };
  compaction: { async: boolean };
  experimental: { time_awareness: boolean };
}

export interface FileRecord {
  id: string;
  seq: number;
  created_at: number;
  filename: string;
  purpose: string;
  bytes: number;
  expires_at?: number;
  /** The bytes: in memory when small, else a file inside the instance's temp dir. */
  blob: Blob;
}

export type ChunkingStrategy =
  | { type: 'static'; static: { max_chunk_size_tokens: number; chunk_overlap_tokens: number } }
  /** What the API answers for files indexed before chunking strategies existed; never accepted on input. */
  | { type: 'other' };

export interface IngestionOutcome {
  status: 'completed' | 'failed';
  error?: { code: 'server_error' | 'unsupported_file' | 'invalid_file'; message: string };
  /** Parsed text, available once completed. */
  text: string;
}

export interface VectorStoreFileRecord {
  /** Same as the file id, as in the real API. */
  id: string;
  seq: number;
  created_at: number;
  vector_store_id: string;
  attributes: Attributes;
  chunking_strategy: ChunkingStrategy;
  /** Epoch ms when ingestion finishes; status is derived from it. */
  readyAt: number;
  outcome: IngestionOutcome;
  cancelled: boolean;
  batchIds: string[];
}

export interface VectorStoreRecord {
  id: string;
  seq: number;
  created_at: number;
  name: string;
  metadata: Metadata;
  expires_after: { anchor: 'last_active_at'; days: number } | null;
  last_active_at: number;
  /** Keyed by file id; insertion order is creation order. */
  files: Map<string, VectorStoreFileRecord>;
}

export interface FileBatchRecord {
  id: string;
  seq: number;
  created_at: number;
  vector_store_id: string;
  fileIds: string[];
  cancelled: boolean;
}

export interface UploadPartRecord {
  id: string;
  created_at: number;
  upload_id: string;
  bytes: number;
  blob: Blob;
}

export interface UploadRecord {
  id: string;
  created_at: number;
  expires_at: number;
  filename: string;
  purpose: string;
  bytes: number;
  mime_type: string;
  status: 'pending' | 'completed' | 'cancelled' | 'expired';
  parts: Map<string, UploadPartRecord>;
  fileId: string | null;
}

export interface ApiKeyRecord {
  key: string;
  tenant: string;
  /** null means an unrestricted key. */
  scopes: string[] | null;
}

export interface TenantState {
  name: string;
  organization: string;
  project: string;
  assistantsRetired: boolean;
  /** Whether /agents is served (api.openai.com's Agents beta); elsewhere it is a path the server does not know. */
  agentsServed: boolean;
  agents: Map<string, AgentRecord>;
  models: Map<string, ModelRecord>;
  assistants: Map<string, AssistantRecord>;
  files: Map<string, FileRecord>;
  vectorStores: Map<string, VectorStoreRecord>;
  batches: Map<string, FileBatchRecord>;
  uploads: Map<string, UploadRecord>;
  /** File ids whose vector-store ingestion never finishes while listed here. */
  stuckFileIds: Set<string>;
  /** Filenames that become stuck as soon as they are attached (for files not yet uploaded). */
  stuckFilenames: Set<string>;
  /** Filenames whose next ingestion fails with a server_error, once each (the kind a retry fixes). */
  ingestServerErrors: Set<string>;
  /** Purposes whose downloads this tenant refuses on top of the API's own (`fine-tune`, `evals` in reports). */
  refusedDownloadPurposes: Set<string>;
  /** What the real API answers in `openai-organization`: the org's name, not its id. */
  organizationName: string;
}

export interface PublicTenant {
  name: string;
  key: string;
  organization: string;
  project: string;
}

/** A project service account; its keys are ordinary project keys of the project's tenant. */
export interface ServiceAccountRecord {
  id: string;
  seq: number;
  created_at: number;
  name: string;
  role: 'member' | 'owner' | 'none';
  /** The API keys it holds (in `SandboxStore.keys`); deleting the account revokes them. */
  keys: string[];
}

/** A project of an organization, served by the tenant of the same name. */
export interface ProjectRecord {
  id: string;
  seq: number;
  created_at: number;
  name: string;
  archived_at: number | null;
  tenant: string;
  serviceAccounts: Map<string, ServiceAccountRecord>;
}

/** An organization as the Admin API sees it: its admin key and its projects (tenants). */
export interface OrganizationState {
  id: string;
  name: string;
  adminKey: string;
  projects: Map<string, ProjectRecord>;
}

export interface PublicOrganization {
  name: string;
  id: string;
  adminKey: string;
  projects: { id: string; name: string; archived: boolean }[];
}
