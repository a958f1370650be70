import type { FaultConfig, FaultInjection, Faults } from './faults.ts';
import type { InFlightCounts, Link, LinkConfig } from './link.ts';
import type { RateLimiter } from './rate-limit.ts';
import { applySeed, resolveSeed, type SeedInput } from './seed/apply.ts';
import type { SeedObject } from './seed/types.ts';
import type { RequestCounts } from './server.ts';
import type { SandboxStore } from './store.ts';
import type { PublicTenant } from './types.ts';
import {
  batchFiles,
  renderAgent,
  renderAssistant,
  renderBatch,
  renderFile,
  renderModel,
  renderUpload,
  renderVectorStore,
  renderVectorStoreFile,
} from './views.ts';

/** Everything a tenant holds, rendered as the API would answer, plus the sandbox-only switches. */
export interface TenantSnapshot {
  name: string;
  organization: string;
  project: string;
  assistantsRetired: boolean;
  agentsServed: boolean;
  organizationName: string;
  refusedDownloadPurposes: string[];
  stuckFileIds: string[];
  models: Record<string, unknown>[];
  assistants: Record<string, unknown>[];
  agents: Record<string, unknown>[];
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
  /** Holds the tenant's next `count` API requests until all have arrived, then answers them together. */
  holdRequests(tenant: string, count: number): void;
  setRateLimit(rpm: number, tenant?: string): void;
  setIngestionMs(ms: number): void;
  setAssistantsRetired(tenant: string, retired: boolean): void;
  /** Whether the tenant serves the Agents API (a second Agents org for tests, without a seed of its own). */
  setAgentsServed(tenant: string, served: boolean): void;
  /** The next ingestion of each named file fails with a server_error (once): a failure a retry fixes. */
  failIngestion(tenant: string, filenames: string[]): void;
  /** Keeps files in_progress in every vector store (by id, or by filename for files not uploaded yet). */
  setStuck(tenant: string, target: { fileIds?: string[]; filenames?: string[] }, stuck?: boolean): void;
  /** A restricted key; `scopes` like ['api.files.read']; null for a full key. */
  addKey(tenant: string, scopes: string[] | null): string;
  objects(tenant: string): TenantSnapshot;
  requestCounts(tenant?: string): Record<string, number>;
  /** Also restarts the in-flight counts (max, max before the first success). */
  clearRequestCounts(): void;
  /** Slow uplinks, bodies the server stops reading, answers without rate-limit headers. */
  setLink(config: LinkConfig, tenant?: string): void;
  clearLink(tenant?: string): void;
  /** Requests in flight: now, at most, and at most before the first success; per route ("POST /v1/files") too. */
  inFlight(tenant?: string, route?: string): InFlightCounts;
  /** Refuses downloads of these purposes (400 "Not allowed to download…") besides assistants and user_data. */
  setRefusedDownloads(tenant: string, purposes: string[]): void;
}

/** Seeds may set a tenant's link; a reseed starts from the sandbox-wide settings again. */
export function applySeedLinks(link: Link, seed: SeedObject): void {
  for (const tenant of seed.tenants) {
    link.clear(tenant.name);
    if (tenant.link) link.set(tenant.link, tenant.name);
  }
}

export function createControl(parts: {
  store: SandboxStore;
  faults: Faults;
  limiter: RateLimiter;
  requestCounts: RequestCounts;
  link: Link;
  initialSeed: SeedObject;
}): SandboxControl {
  const { store, faults, limiter, requestCounts, link } = parts;
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
    applySeedLinks(link, seed);
    return store.publicTenants();
  };
  return {
    seed: (input) => load(resolveSeed(input)),
    reset: () => load(lastSeed),
    tenants: () => store.publicTenants(),
    setFaults: (config, tenant) =>
      faults.set(config, tenant === undefined ? undefined : store.requireTenant(tenant).name),
    injectFault: (injection) =>
      faults.inject(
        injection.tenant === undefined
          ? injection
          : { ...injection, tenant: store.requireTenant(injection.tenant).name },
      ),
    clearFaults: (tenant) => faults.clear(tenant === undefined ? undefined : store.requireTenant(tenant).name),
    holdRequests: (tenant, count) => faults.hold(store.requireTenant(tenant).name, count),
    setRateLimit: (rpm, tenant) =>
      limiter.setLimit(rpm, tenant === undefined ? undefined : store.requireTenant(tenant).name),
    setIngestionMs: (ms) => {
      store.ingestionMs = ms;
    },
    setAssistantsRetired: (tenant, retired) => {
      store.requireTenant(tenant).assistantsRetired = retired;
    },
    setAgentsServed: (tenant, served) => {
      store.requireTenant(tenant).agentsServed = served;
    },
    failIngestion: (tenant, filenames) => {
      for (const filename of filenames) store.requireTenant(tenant).ingestServerErrors.add(filename);
    },
    setStuck: (name, target, stuck = true) => {
      const tenant = store.requireTenant(name);
      for (const id of target.fileIds ?? []) {
        if (stuck) tenant.stuckFileIds.add(id);
        else tenant.stuckFileIds.delete(id);
      }
      for (const filename of target.filenames ?? []) {
        if (stuck) tenant.stuckFilenames.add(filename);
        else tenant.stuckFilenames.delete(filename);
      }
    },
    addKey: (tenant, scopes) => store.addKey(store.requireTenant(tenant).name, scopes),
    objects: (name) => {
      const tenant = store.requireTenant(name);
      return {
        name: tenant.name,
        organization: tenant.organization,
        project: tenant.project,
        assistantsRetired: tenant.assistantsRetired,
        agentsServed: tenant.agentsServed,
        organizationName: tenant.organizationName,
        refusedDownloadPurposes: [...tenant.refusedDownloadPurposes],
        stuckFileIds: [...tenant.stuckFileIds],
        models: [...tenant.models.values()].map(renderModel),
        assistants: [...tenant.assistants.values()].map(renderAssistant),
        agents: [...tenant.agents.values()].map(renderAgent),
        files: [...tenant.files.values()].map(renderFile),
        vectorStores: [...tenant.vectorStores.values()].map((vs) => ({
          ...renderVectorStore(tenant, vs),
          files: [...vs.files.values()].map((record) => renderVectorStoreFile(tenant, record)),
        })),
        fileBatches: [...tenant.batches.values()].map((batch) => ({
          ...renderBatch(tenant, batch),
          file_ids: batchFiles(tenant, batch).map((record) => record.id),
        })),
        uploads: [...tenant.uploads.values()].map((upload) => renderUpload(tenant, upload)),
      };
    },
    requestCounts: (tenant) => requestCounts.read(tenant === undefined ? undefined : store.requireTenant(tenant).name),
    clearRequestCounts: () => {
      requestCounts.clear();
      link.clearInFlight();
    },
    setLink: (config, tenant) => link.set(config, tenant === undefined ? undefined : store.requireTenant(tenant).name),
    clearLink: (tenant) => link.clear(tenant === undefined ? undefined : store.requireTenant(tenant).name),
    inFlight: (tenant, route) =>
      link.inFlightCounts(tenant === undefined ? undefined : store.requireTenant(tenant).name, route),
    setRefusedDownloads: (name, purposes) => {
      const tenant = store.requireTenant(name);
      tenant.refusedDownloadPurposes = new Set(purposes);
    },
  };
}
