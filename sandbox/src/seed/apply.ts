import { readFileSync } from 'node:fs';
import { newAgentRecord } from '../agent-input.ts';
import { blobOf } from '../blobs.ts';
import { newAssistantRecord } from '../assistant-input.ts';
import { ApiError } from '../errors.ts';
import { nextSeq, newId, nowSeconds } from '../ids.ts';
import { ingestOutcome } from '../ingestion.ts';
import { organizationSlug, type SandboxStore } from '../store.ts';
import type { ChunkingStrategy, FileRecord, OrganizationState, TenantState, VectorStoreRecord } from '../types.ts';
import { parseAttributes, parseChunkingStrategy, parseMetadata } from '../validation.ts';
import { demoSeed } from './demo.ts';
import type { SeedObject, SeedTenant } from './types.ts';

export type SeedInput = 'demo' | 'empty' | SeedObject | string;

export function resolveSeed(input: SeedInput): SeedObject {
  if (input === 'demo') return demoSeed();
  if (input === 'empty') return { tenants: [{ name: 'Sandbox' }] };
  if (typeof input === 'string') {
    const parsed = JSON.parse(readFileSync(input, 'utf8')) as SeedObject;
    if (!parsed || !Array.isArray(parsed.tenants)) throw new Error(`Seed file ${input} has no "tenants" array.`);
    return parsed;
  }
  return input;
}

/**
 * Loads a seed into an empty store. Seeded objects pass the same validation as API writes (an
 * assistant over the limits fails loudly here), and seeded vector-store files are already ingested.
 */
export async function applySeed(store: SandboxStore, seed: SeedObject): Promise<void> {
  const projectOf = seedOrganizations(store, seed);
  for (const spec of seed.tenants) {
    const membership = projectOf.get(spec.name);
    const tenant = store.createTenant(spec.name, {
      organization: membership?.organization.id ?? spec.organization,
      project: spec.project,
      organizationName:
        spec.organizationName ?? (membership ? organizationSlug(membership.organization.name) : undefined),
    });
    if (membership) {
      const now = nowSeconds();
      membership.organization.projects.set(tenant.project, {
        id: tenant.project,
        seq: nextSeq(),
        created_at: now,
        name: tenant.name,
        archived_at: membership.archived ? now : null,
        tenant: tenant.name,
        serviceAccounts: new Map(),
      });
    }
    tenant.assistantsRetired = spec.assistantsRetired ?? false;
    tenant.agentsServed = spec.agentsServed ?? false;
    for (const purpose of spec.refuseDownloadPurposes ?? []) tenant.refusedDownloadPurposes.add(purpose);
    try {
      await loadTenant(store, tenant, spec);
    } catch (error) {
      const detail = error instanceof ApiError ? `${error.message} (param ${error.param})` : (error as Error).message;
      throw new Error(`Seed for tenant "${spec.name}" is invalid: ${detail}`, { cause: error });
    }
  }
}

/** Creates the seed's organizations and answers, per tenant name, the organization whose project it is. */
function seedOrganizations(
  store: SandboxStore,
  seed: SeedObject,
): Map<string, { organization: OrganizationState; archived: boolean }> {
  const projectOf = new Map<string, { organization: OrganizationState; archived: boolean }>();
  const names = new Set(seed.tenants.map((tenant) => tenant.name));
  for (const spec of seed.organizations ?? []) {
    const organization = store.createOrganization(spec.name, spec.id);
    for (const project of spec.projects) {
      if (!names.has(project.tenant))
        throw new Error(`Seed organization "${spec.name}" names project "${project.tenant}", which is no tenant.`);
      if (projectOf.has(project.tenant)) throw new Error(`Seed puts tenant "${project.tenant}" in two organizations.`);
      projectOf.set(project.tenant, { organization, archived: project.archived ?? false });
    }
  }
  return projectOf;
}

async function loadTenant(store: SandboxStore, tenant: TenantState, spec: SeedTenant): Promise<void> {
  const now = nowSeconds();
  const ago = (days: number | undefined) => now - Math.round((days ?? 0) * 86_400);
  for (const model of spec.models ?? []) {
    const id = typeof model === 'string' ? model : model.id;
    const ownedBy = typeof model === 'string' ? undefined : model.owned_by;
    tenant.models.set(id, {
      id,
      created: 1_715_367_049,
      owned_by: ownedBy ?? (id.startsWith('ft:') ? tenant.organization : 'system'),
    });
  }
  const fileIds = new Map<string, string>();
  for (const file of spec.files ?? []) {
    const record: FileRecord = {
      id: newId.file(),
      seq: nextSeq(),
      created_at: ago(file.ageDays),
      filename: file.filename,
      purpose: file.purpose,
      bytes: Buffer.byteLength(file.content),
      blob: await blobOf(Buffer.from(file.content), () => store.newBlobPath()),
    };
    tenant.files.set(record.id, record);
    fileIds.set(file.ref, record.id);
  }
  const storeIds = new Map<string, string>();
  for (const vs of spec.vectorStores ?? []) {
    const createdAt = ago(vs.ageDays);
    const record: VectorStoreRecord = {
      id: newId.vectorStore(),
      seq: nextSeq(),
      created_at: createdAt,
      name: vs.name,
      metadata: parseMetadata(vs.metadata) ?? {},
      expires_after: vs.expiresAfterDays ? { anchor: 'last_active_at', days: vs.expiresAfterDays } : null,
      last_active_at: createdAt,
      files: new Map(),
    };
    for (const entry of vs.files) {
      const fileId = resolveRef(fileIds, entry.file, 'file');
      if (entry.stuck) tenant.stuckFileIds.add(fileId);
      record.files.set(fileId, {
        id: fileId,
        seq: nextSeq(),
        created_at: createdAt,
        vector_store_id: record.id,
        attributes: parseAttributes(entry.attributes) ?? {},
        chunking_strategy: seededChunking(entry.chunking_strategy),
        readyAt: 0,
        outcome: await ingestOutcome(tenant.files.get(fileId)!),
        cancelled: false,
        batchIds: [],
      });
    }
    tenant.vectorStores.set(record.id, record);
    storeIds.set(vs.ref, record.id);
  }
  for (const assistant of spec.assistants ?? []) {
    const body: Record<string, unknown> = { ...assistant };
    delete body.codeInterpreterFiles;
    delete body.fileSearchVectorStores;
    delete body.ageDays;
    const resources: Record<string, unknown> = {};
    if (assistant.codeInterpreterFiles)
      resources.code_interpreter = {
        file_ids: assistant.codeInterpreterFiles.map((ref) => resolveRef(fileIds, ref, 'file')),
      };
    if (assistant.fileSearchVectorStores)
      resources.file_search = {
        vector_store_ids: assistant.fileSearchVectorStores.map((ref) => resolveRef(storeIds, ref, 'vector store')),
      };
    body.tool_resources = resources;
    const record = newAssistantRecord(body, tenant, ago(assistant.ageDays));
    tenant.assistants.set(record.id, record);
  }
  if (spec.agents && spec.agents.length > 0 && !tenant.agentsServed)
    throw new Error('it seeds agents but does not serve the Agents API (set agentsServed)');
  for (const agent of spec.agents ?? []) {
    const { ageDays, ...body } = agent;
    const record = newAgentRecord(body, tenant, ago(ageDays));
    tenant.agents.set(record.id, record);
  }
}

/** A seed, unlike a request, may hold the response-only `other` (a file indexed before chunking strategies). */
function seededChunking(value: unknown): ChunkingStrategy {
  if (typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'other')
    return { type: 'other' };
  return parseChunkingStrategy(value);
}

function resolveRef(ids: Map<string, string>, ref: string, kind: string): string {
  const id = ids.get(ref);
  if (id === undefined) throw new Error(`unknown ${kind} ref "${ref}"`);
  return id;
}
