import type { LinkConfig } from '../link.ts';
import type { Attributes, Metadata } from '../types.ts';

/**
 * A seed describes tenants and their objects. Objects refer to each other by `ref` (a name local to
 * the seed), because real ids are random per start. JSON files with this shape work with --seed FILE.
 */
export interface SeedObject {
  tenants: SeedTenant[];
  /** Organizations served by the Admin API; each project is one of `tenants`, named by the tenant's name. */
  organizations?: SeedOrganization[];
}

export interface SeedOrganization {
  name: string;
  /** org-… ; random when absent. Its projects' tenants take it as their organization. */
  id?: string;
  projects: { tenant: string; archived?: boolean }[];
}

export interface SeedTenant {
  name: string;
  /** org-… ; random when absent. */
  organization?: string;
  /** proj_… ; random when absent. */
  project?: string;
  /** The org's name, answered in `openai-organization`; a slug of `name` when absent. */
  organizationName?: string;
  /** Purposes whose downloads are refused on top of `assistants` and `user_data` (reports: `fine-tune`, `evals`). */
  refuseDownloadPurposes?: string[];
  /** The tenant's network: a slow uplink, a server that stops reading, no rate-limit headers. */
  link?: LinkConfig;
  assistantsRetired?: boolean;
  /** Serves the Agents API (beta) at /agents, as api.openai.com does; elsewhere /agents is an unknown path. */
  agentsServed?: boolean;
  /** Agents as the API takes them (AgentCreateParams); only where agentsServed. */
  agents?: SeedAgent[];
  models?: (string | { id: string; owned_by?: string })[];
  files?: SeedFile[];
  vectorStores?: SeedVectorStore[];
  assistants?: SeedAssistant[];
}

export interface SeedFile {
  ref: string;
  filename: string;
  purpose: string;
  content: string;
  /** Days before now the file was created; keeps demo lists looking lived-in. */
  ageDays?: number;
}

export interface SeedVectorStore {
  ref: string;
  name: string;
  metadata?: Metadata;
  expiresAfterDays?: number;
  ageDays?: number;
  /** `chunking_strategy: {type: "other"}` makes a file indexed before chunking strategies existed. */
  files: { file: string; attributes?: Attributes; chunking_strategy?: unknown; stuck?: boolean }[];
}

export interface SeedAssistant {
  name: string | null;
  model: string;
  description?: string | null;
  instructions?: string | null;
  tools?: Record<string, unknown>[];
  /** Refs, resolved to ids at load time. */
  codeInterpreterFiles?: string[];
  fileSearchVectorStores?: string[];
  metadata?: Metadata;
  temperature?: number | null;
  top_p?: number | null;
  response_format?: unknown;
  reasoning_effort?: string | null;
  ageDays?: number;
}

/** An agent body as `POST /agents` takes it, validated the same way, plus how old it looks. */
export interface SeedAgent {
  name?: string | null;
  model: string;
  instructions?: string | null;
  metadata?: Metadata;
  tools?: Record<string, unknown>[];
  reasoning?: { effort?: string | null; summary?: string | null } | null;
  text?: { format?: Record<string, unknown> | null; verbosity?: string | null } | null;
  ageDays?: number;
}
