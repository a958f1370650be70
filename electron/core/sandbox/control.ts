import type { FaultConfig, FaultInjection, Faults } from './faults.ts';
import type { RateLimiter } from './rate-limit.ts';
import { applySeed, resolveSeed, type SeedInput } from './seed/apply.ts';
import type { SeedObject } from './seed/types.ts';
import type { RequestCounts } from './server.ts';
import type { SandboxStore } from './store.ts';
import type { PublicTenant } from './types.ts';
import { batchFiles, renderAssistant, renderBatch, renderFile, renderModel, renderUpload, renderVectorStore, renderVectorStoreFile } from './views.ts';

/** Everything a tenant holds, rendered as the API would answer, plus the sandbox-only switches. */
export interface TenantSnapshot {
  name: string;
  organization: string;
  project: string;
  assistantsRetired: boolean;
  stuckFileIds: string[];
  models: Record<string, unknown>[];
  assistants: Record<string, unknown>[];
  files: Record<string, unknown>[];
  vectorStores: (Record<string, unknown> & { files: Record<string, unknown>[] })[];
  fileBatches: (Record<string, unknown> & { file_ids: string[] })[];
  uploads: Record<string, unknown>[];
}

/** The test-facing remote control. The same surface is served over HTTP under /__sandbox (loopback only). */
export interface SandboxControl {
  /** Replaces all state with a seed; tenants that keep their name keep their key. */
  seed(seed: SeedInput): Promise<PublicTenant[]>;
  /** Back to the last seed. */
  reset(): Promise<PublicTenant[]>;
  tenants(): PublicTenant[];
  setFaults(config: FaultConfig, tenant?: string): void;
  injectFault(injection: FaultInjection): void;
  clearFaults(tenant?: string): void;
  setRateLimit(rpm: number, tenant?: string): void;
  setIngestionMs(ms: number): void;
  setAssistantsRetired(tenant: string, retired: boolean): void;
  /** Keeps files in_progress in every vector store (by id, or by filename for files not uploaded yet). */
  setStuck(tenant: string, target: { fileIds?: string[]; filenames?: string[] }, stuck?: boolean): void;
  /** A restricted key; `scopes` like ['api.files.read']; null for a full key. */
  addKey(tenant: string, scopes: string[] | null): string;
  objects(tenant: string): TenantSnapshot;
  requestCounts(tenant?: string): Record<string, number>;
  clearRequestCounts(): void;
}

export function createControl(parts: {
  store: SandboxStore;
  faults: Faults;
  limiter: RateLimiter;
  requestCounts: RequestCounts;
  initialSeed: SeedObject;
}): SandboxControl {
  const { store, faults, limiter, requestCounts } = parts;
  let lastSeed = parts.initialSeed;
  const load = async (seed: SeedObject) => {
    await store.clear();
    try {
      await applySeed(store, seed);
    } catch (error) {
      // A bad seed must not leave a half-loaded world behind: restore the previous one, then report.
      await store.clear();
      await applySeed(store, lastSeed);
      throw error;
    }
    lastSeed = seed;
    return store.publicTenants();
  };
  return {
    seed: (input) => load(resolveSeed(input)),
    reset: () => load(lastSeed),
    tenants: () => store.publicTenants(),
    setFaults: (config, tenant) => faults.set(config, tenant === undefined ? undefined : store.requireTenant(tenant).name),
    injectFault: (injection) => faults.inject(injection.tenant === undefined ? injection : { ...injection, tenant: store.requireTenant(injection.tenant).name }),
    clearFaults: (tenant) => faults.clear(tenant === undefined ? undefined : store.requireTenant(tenant).name),
    setRateLimit: (rpm, tenant) => limiter.setLimit(rpm, tenant === undefined ? undefined : store.requireTenant(tenant).name),
    setIngestionMs: (ms) => {
      store.ingestionMs = ms;
    },
    setAssistantsRetired: (tenant, retired) => {
      store.requireTenant(tenant).assistantsRetired = retired;
    },
    setStuck: (name, target, stuck = true) => {
      const tenant = store.requireTenant(name);
      for (const id of target.fileIds ?? []) stuck ? tenant.stuckFileIds.add(id) : tenant.stuckFileIds.delete(id);
      for (const filename of target.filenames ?? []) stuck ? tenant.stuckFilenames.add(filename) : tenant.stuckFilenames.delete(filename);
    },
    addKey: (tenant, scopes) => store.addKey(store.requireTenant(tenant).name, scopes),
    objects: (name) => {
      const tenant = store.requireTenant(name);
      return {
        name: tenant.name,
        organization: tenant.organization,
        project: tenant.project,
        assistantsRetired: tenant.assistantsRetired,
        stuckFileIds: [...tenant.stuckFileIds],
        models: [...tenant.models.values()].map(renderModel),
        assistants: [...tenant.assistants.values()].map(renderAssistant),
        files: [...tenant.files.values()].map(renderFile),
        vectorStores: [...tenant.vectorStores.values()].map((vs) => ({
          ...renderVectorStore(tenant, vs),
          files: [...vs.files.values()].map((record) => renderVectorStoreFile(tenant, record)),
        })),
        fileBatches: [...tenant.batches.values()].map((batch) => ({ ...renderBatch(tenant, batch), file_ids: batchFiles(tenant, batch).map((record) => record.id) })),
        uploads: [...tenant.uploads.values()].map((upload) => renderUpload(tenant, upload)),
      };
    },
    requestCounts: (tenant) => requestCounts.read(tenant === undefined ? undefined : store.requireTenant(tenant).name),
    clearRequestCounts: () => requestCounts.clear(),
  };
}
