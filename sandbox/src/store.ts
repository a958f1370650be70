import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discardBlob, type Blob } from './blobs.ts';
import { newId, randomBase62 } from './ids.ts';
import type { ApiKeyRecord, OrganizationState, PublicOrganization, PublicTenant, TenantState } from './types.ts';

/**
 * Every tenant's state plus the temp dir that holds uploaded bytes. One store per sandbox instance, so
 * parallel test files never share state or disk.
 */
export class SandboxStore {
  readonly dir: string;
  readonly tenants = new Map<string, TenantState>();
  readonly keys = new Map<string, ApiKeyRecord>();
  /** Organizations by id, and their admin keys (which work on /organization/* only, never on project routes). */
  readonly organizations = new Map<string, OrganizationState>();
  readonly adminKeys = new Map<string, string>();
  /** An organization keeps its id and admin key across reset and reseed, as a tenant keeps its key. */
  private readonly organizationIdentities = new Map<string, { id: string; adminKey: string }>();
  /** A tenant keeps its key and ids across reset and reseed, so clients configured once keep working. */
  private readonly primaryKeys = new Map<string, string>();
  private readonly identities = new Map<string, { organization: string; project: string }>();
  ingestionMs: number;
  /** 512 MB, as upstream; lowerable so tests can reach the 413 without sending half a gigabyte. */
  maxFileBytes = 512 * 1024 * 1024;

  constructor(ingestionMs: number) {
    this.dir = mkdtempSync(join(tmpdir(), 'ferry-sandbox-'));
    mkdirSync(join(this.dir, 'blobs'));
    this.ingestionMs = ingestionMs;
  }

  newBlobPath(): string {
    return join(this.dir, 'blobs', randomBase62(20));
  }

  createTenant(
    name: string,
    ids: {
      organization?: string | undefined;
      project?: string | undefined;
      organizationName?: string | undefined;
    } = {},
  ): TenantState {
    if (this.tenants.has(name)) throw new Error(`Seed names tenant "${name}" twice.`);
    const previous = this.identities.get(name);
    const tenant: TenantState = {
      name,
      organization: ids.organization ?? previous?.organization ?? newId.organization(),
      project: ids.project ?? previous?.project ?? newId.project(),
      assistantsRetired: false,
      agentsServed: false,
      agents: new Map(),
      models: new Map(),
      assistants: new Map(),
      files: new Map(),
      vectorStores: new Map(),
      batches: new Map(),
      uploads: new Map(),
      stuckFileIds: new Set(),
      stuckFilenames: new Set(),
      ingestServerErrors: new Set(),
      refusedDownloadPurposes: new Set(),
      organizationName: ids.organizationName ?? organizationSlug(name),
    };
    this.tenants.set(name, tenant);
    this.identities.set(name, { organization: tenant.organization, project: tenant.project });
    const key = this.primaryKeys.get(name) ?? newId.key();
    this.primaryKeys.set(name, key);
    this.keys.set(key, { key, tenant: name, scopes: null });
    return tenant;
  }

  /** Adds a restricted key (e.g. without `api.model.read`) for testing "Missing scopes" answers. */
  addKey(tenantName: string, scopes: string[] | null): string {
    this.requireTenant(tenantName);
    const key = newId.key();
    this.keys.set(key, { key, tenant: tenantName, scopes });
    return key;
  }

  requireTenant(nameOrId: string): TenantState {
    const byName = this.tenants.get(nameOrId);
    if (byName) return byName;
    for (const tenant of this.tenants.values()) {
      if (tenant.organization === nameOrId || tenant.project === nameOrId) return tenant;
    }
    const keyRecord = this.keys.get(nameOrId);
    if (keyRecord) return this.requireTenant(keyRecord.tenant);
    throw new Error(
      `No sandbox tenant named "${nameOrId}". Tenants: ${[...this.tenants.keys()].join(', ') || '(none)'}.`,
    );
  }

  /** Creates an organization (by name, with a stable id and admin key); its projects come with its tenants. */
  createOrganization(name: string, id?: string): OrganizationState {
    const previous = this.organizationIdentities.get(name);
    const organization: OrganizationState = {
      id: id ?? previous?.id ?? newId.organization(),
      name,
      adminKey: previous?.adminKey ?? newId.adminKey(),
      projects: new Map(),
    };
    if (this.organizations.has(organization.id)) throw new Error(`Seed names organization "${name}" twice.`);
    this.organizations.set(organization.id, organization);
    this.adminKeys.set(organization.adminKey, organization.id);
    this.organizationIdentities.set(name, { id: organization.id, adminKey: organization.adminKey });
    return organization;
  }

  publicOrganizations(): PublicOrganization[] {
    return [...this.organizations.values()].map((organization) => ({
      name: organization.name,
      id: organization.id,
      adminKey: organization.adminKey,
      projects: [...organization.projects.values()].map((project) => ({
        id: project.id,
        name: project.name,
        archived: project.archived_at !== null,
      })),
    }));
  }

  publicTenants(): PublicTenant[] {
    return [...this.tenants.values()].map((tenant) => ({
      name: tenant.name,
      key: this.primaryKeys.get(tenant.name) ?? '',
      organization: tenant.organization,
      project: tenant.project,
    }));
  }

  /** Drops every tenant and its bytes; keys and ids survive for tenants that come back by name. */
  async clear(): Promise<void> {
    const blobs: Blob[] = [];
    for (const tenant of this.tenants.values()) {
      for (const file of tenant.files.values()) blobs.push(file.blob);
      for (const upload of tenant.uploads.values()) for (const part of upload.parts.values()) blobs.push(part.blob);
    }
    this.tenants.clear();
    this.keys.clear();
    this.organizations.clear();
    this.adminKeys.clear();
    await Promise.all(blobs.map(discardBlob));
  }

  destroy(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The org's name as api.openai.com sends it in `openai-organization`: a lowercase slug ("acme-corp"). */
export function organizationSlug(name: string): string {
  return (
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'org'
  );
}
