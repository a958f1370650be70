import { hostname, userInfo } from 'node:os';
import { originOf, type ConnectionView } from '../../../shared/connection.ts';
import {
  isAdminKey,
  type OrganizationInput,
  type OrganizationTestResult,
  type OrganizationView,
  type ProjectInventory,
  type ProjectView,
} from '../../../shared/organization.ts';
import type { GatewayPool } from '../openai/gateway-pool.ts';
import { organizationInventory } from './inventory.ts';
import type { z } from 'zod';
import { FerryError } from '../errors.ts';
import type { Logger } from '../logging/logger.ts';
import { fingerprint } from '../logging/fingerprint.ts';
import type { ClientOptions } from '../connections/client-factory.ts';
import type { ConnectionService } from '../connections/connection-service.ts';
import type { KeyVault } from '../connections/key-vault.ts';
import type { ConnectionRegistry, StoredConnection } from '../connections/registry.ts';
import { AdminClient, type AdminProject } from './admin-client.ts';
import { givenKey } from '../connections/admin-key-guard.ts';
import { adminFailure, explainAdmin, NOT_ADMIN_KEY_MESSAGE } from './admin-errors.ts';
import { asKeyHolder, type OrganizationRegistry, type StoredOrganization } from './organization-registry.ts';

type AddParams = z.output<typeof OrganizationInput>;

/** The service account Ferry makes in a project: recognisable in the dashboard as this user on this machine. */
export function defaultServiceAccountName(): string {
  const clean = (text: string) => text.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 40) || 'unknown';
  return `ferry-${clean(userInfo().username)}@${clean(hostname())}`;
}

/**
 * Organization connections: one admin key per org, from which Ferry lists projects and opens them as
 * project connections, each with a service account of its own. The admin key reads no project resource
 * (the API refuses it), so panes only ever use the project connections.
 */
export class OrganizationService {
  readonly #registry: OrganizationRegistry;
  readonly #connectionRegistry: ConnectionRegistry;
  readonly #connections: ConnectionService;
  readonly #vault: KeyVault;
  readonly #logger: Logger;
  readonly #changed: () => void;
  readonly #clientOptions: ClientOptions;
  readonly #accountName: () => string;

  constructor(options: {
    registry: OrganizationRegistry;
    connectionRegistry: ConnectionRegistry;
    connections: ConnectionService;
    vault: KeyVault;
    logger: Logger;
    onChanged: () => void;
    clientOptions?: ClientOptions;
    serviceAccountName?: () => string;
  }) {
    this.#registry = options.registry;
    this.#connectionRegistry = options.connectionRegistry;
    this.#connections = options.connections;
    this.#vault = options.vault;
    this.#logger = options.logger;
    this.#changed = options.onChanged;
    this.#clientOptions = options.clientOptions ?? {};
    this.#accountName = options.serviceAccountName ?? defaultServiceAccountName;
  }

  async list(): Promise<OrganizationView[]> {
    return Promise.all(this.#registry.list().map((organization) => this.#view(organization)));
  }

  async add(input: AddParams): Promise<OrganizationView> {
    const { keySource } = input;
    const given = await givenKey(this.#vault, keySource);
    if (given !== null && !isAdminKey(given))
      throw new FerryError('bad_input', NOT_ADMIN_KEY_MESSAGE, { field: 'keySource' });
    const organization = this.#registry.add(
      {
        name: input.name,
        baseUrl: input.baseUrl,
        keyOrigin: originOf(input.baseUrl),
        ...(keySource.kind === 'env'
          ? { keySource: 'env' as const, envVariable: keySource.variable }
          : { keySource: 'keychain' as const, fingerprint: fingerprint(keySource.key) }),
      },
      this.#connectionRegistry.list().map((connection) => connection.name),
    );
    if (keySource.kind === 'keychain') {
      try {
        await this.#vault.store(organization.id, keySource.key);
      } catch (error) {
        this.#registry.remove(organization.id);
        throw new FerryError(
          'keychain_unavailable',
          `The OS keychain refused to store the admin key (${error instanceof Error ? error.message : String(error)}). Unlock the keychain and try again.`,
          { field: 'keySource', cause: error },
        );
      }
    }
    this.#logger.log('info', 'Organization added', { id: organization.id, name: organization.name });
    this.#changed();
    return this.#view(organization);
  }

  async test(id: string): Promise<OrganizationTestResult> {
    const organization = this.#registry.get(id);
    const started = performance.now();
    const latencyMs = () => Math.round(performance.now() - started);
    const key = await this.#vault.resolve(asKeyHolder(organization));
    if (!key) return { ok: false, problem: 'key_missing', message: missingKey(organization), latencyMs: 0 };
    if (!isAdminKey(key)) return { ok: false, problem: 'not_admin_key', message: NOT_ADMIN_KEY_MESSAGE, latencyMs: 0 };
    const client = await AdminClient.create(organization.baseUrl, key, this.#clientOptions);
    try {
      const { projects, organizationName } = await client.projects(false);
      return { ok: true, organizationName, projectCount: projects.length, latencyMs: latencyMs() };
    } catch (error) {
      return { ok: false, latencyMs: latencyMs(), ...explainAdmin(error, organization.baseUrl) };
    }
  }

  async projects(id: string, includeArchived: boolean): Promise<ProjectView[]> {
    const organization = this.#registry.get(id);
    const projects = await this.#projects(organization, await this.#client(organization), includeArchived);
    const opened = this.#opened(organization.id);
    return projects.map((project) => {
      const connection = opened.find((c) => c.organizationLink?.projectId === project.id);
      return { ...project, ...(connection ? { connectionId: connection.id } : {}) };
    });
  }

  /** Reuses the project's connection, or makes one: a service account, its key into the keychain, the connection. */
  async openProject(
    id: string,
    wanted: string,
    readOnly: boolean,
    replace = false,
  ): Promise<{ connection: ConnectionView; created: boolean }> {
    const organization = this.#registry.get(id);
    const client = await this.#client(organization);
    const projects = await this.#projects(organization, client, true);
    const project =
      projects.find((p) => p.id === wanted) ?? projects.find((p) => p.name.toLowerCase() === wanted.toLowerCase());
    if (!project)
      throw new FerryError(
        'not_found',
        `"${organization.name}" has no project "${wanted}". Its projects: ${projects.map((p) => `"${p.name}"`).join(', ') || '(none)'}.`,
        { field: 'project' },
      );
    if (project.status === 'archived' && !readOnly)
      throw new FerryError(
        'bad_input',
        `Project "${project.name}" is archived, so Ferry will not write to it. Open it read-only, or unarchive it in the OpenAI dashboard first.`,
        { field: 'readOnly' },
      );
    const existing = this.#opened(organization.id).find((c) => c.organizationLink?.projectId === project.id);
    if (existing && replace) return this.#replaceAccount(client, existing, readOnly);
    if (existing) {
      if (existing.readOnly !== readOnly) this.#connectionRegistry.replace({ ...existing, readOnly });
      this.#changed();
      return { connection: await this.#connectionView(existing.id), created: false };
    }
    const name = `${organization.name} / ${project.name}`.slice(0, 80);
    if (this.#connectionRegistry.find(name))
      throw new FerryError('conflict', `A connection named "${name}" already exists. Rename or remove it first.`, {
        field: 'project',
      });
    const accountName = this.#accountName();
    let account: { id: string; key: string };
    try {
      account = await client.createServiceAccount(project.id, accountName);
    } catch (error) {
      throw adminFailure(error, organization.baseUrl, `create a service account in "${project.name}"`);
    }
    let connection: StoredConnection | undefined;
    try {
      connection = this.#connectionRegistry.add({
        name,
        baseUrl: organization.baseUrl,
        project: project.id,
        readOnly,
        keySource: 'keychain',
        fingerprint: fingerprint(account.key),
        keyOrigin: organization.keyOrigin,
        organizationLink: {
          organizationId: organization.id,
          projectId: project.id,
          serviceAccountId: account.id,
          serviceAccountName: accountName,
        },
      });
      await this.#vault.store(connection.id, account.key);
    } catch (error) {
      // Nothing may be left behind: neither the connection nor a service account whose key Ferry lost.
      if (connection) this.#connectionRegistry.remove(connection.id);
      await client.deleteServiceAccount(project.id, account.id).catch((cleanup: unknown) => {
        this.#logger.log('warn', 'Could not delete the service account after a failed open', {
          project: project.id,
          serviceAccount: account.id,
          error: cleanup,
        });
      });
      throw error instanceof FerryError
        ? error
        : new FerryError(
            'keychain_unavailable',
            `The key of the new service account could not be stored (${error instanceof Error ? error.message : String(error)}), so Ferry deleted the account again. Unlock the keychain and try again.`,
            { cause: error },
          );
    }
    this.#logger.log('info', 'Project opened', {
      organization: organization.name,
      project: project.id,
      serviceAccount: account.id,
    });
    this.#changed();
    return { connection: await this.#connectionView(connection.id), created: true };
  }

  /**
   * A new service account for an opened project whose key stopped working: the new key replaces the old in
   * the keychain before the link is rewritten, and the old account is deleted last (gone already is fine).
   */
  async #replaceAccount(
    client: AdminClient,
    existing: StoredConnection,
    readOnly: boolean,
  ): Promise<{ connection: ConnectionView; created: boolean }> {
    const link = existing.organizationLink!;
    const accountName = this.#accountName();
    let account: { id: string; key: string };
    try {
      account = await client.createServiceAccount(link.projectId, accountName);
    } catch (error) {
      throw adminFailure(error, client.baseUrl, `create a service account in "${existing.name}"`);
    }
    try {
      await this.#vault.store(existing.id, account.key);
    } catch (error) {
      await client.deleteServiceAccount(link.projectId, account.id).catch(() => undefined);
      throw new FerryError(
        'keychain_unavailable',
        `The new service account's key could not be stored (${error instanceof Error ? error.message : String(error)}), so Ferry deleted that account again and kept the old one. Unlock the keychain and try again.`,
        { cause: error },
      );
    }
    this.#connectionRegistry.replace({
      ...existing,
      readOnly,
      fingerprint: fingerprint(account.key),
      organizationLink: { ...link, serviceAccountId: account.id, serviceAccountName: accountName },
    });
    await client.deleteServiceAccount(link.projectId, link.serviceAccountId).catch((error: unknown) => {
      this.#logger.log('warn', 'Could not delete the replaced service account', {
        project: link.projectId,
        serviceAccount: link.serviceAccountId,
        error,
      });
    });
    this.#logger.log('info', 'Service account replaced', { project: link.projectId, serviceAccount: account.id });
    this.#changed();
    return { connection: await this.#connectionView(existing.id), created: true };
  }

  /** Removes a project connection; with deleteServiceAccount its account goes first, and a refusal removes nothing. */
  async removeProject(
    connectionId: string,
    deleteServiceAccount: boolean,
  ): Promise<{ serviceAccountDeleted: boolean }> {
    const connection = this.#connectionRegistry.get(connectionId);
    const link = connection.organizationLink;
    if (deleteServiceAccount) {
      if (!link)
        throw new FerryError(
          'bad_input',
          `"${connection.name}" was not opened from an organization, so Ferry made no service account for it. Remove it without deleting one.`,
          { field: 'deleteServiceAccount' },
        );
      const organization = this.#registry.list().find((o) => o.id === link.organizationId);
      if (!organization)
        throw new FerryError(
          'not_found',
          `The organization "${connection.name}" was opened from is no longer connected. Delete service account "${link.serviceAccountName}" in the OpenAI dashboard, or remove the connection without deleting it.`,
          { field: 'deleteServiceAccount' },
        );
      const client = await this.#client(organization);
      try {
        await client.deleteServiceAccount(link.projectId, link.serviceAccountId);
      } catch (error) {
        throw adminFailure(error, organization.baseUrl, `delete service account "${link.serviceAccountName}"`);
      }
    }
    await this.#connections.remove(connectionId);
    return { serviceAccountDeleted: deleteServiceAccount };
  }

  /** What each opened project holds, read with its own connection (see inventory.ts). */
  async inventory(id: string, gateways: GatewayPool): Promise<ProjectInventory[]> {
    this.#registry.get(id);
    return organizationInventory(gateways, await this.#connections.list(), id);
  }

  /** Removes the organization and every project connection opened from it; answers their names. */
  async remove(id: string, deleteServiceAccounts: boolean): Promise<string[]> {
    const organization = this.#registry.get(id);
    const removed: string[] = [];
    for (const connection of this.#opened(organization.id)) {
      await this.removeProject(connection.id, deleteServiceAccounts);
      removed.push(connection.name);
    }
    this.#registry.remove(id);
    await this.#vault.discard(id);
    this.#logger.log('info', 'Organization removed', { id, name: organization.name, connections: removed.length });
    this.#changed();
    return removed;
  }

  async #projects(
    organization: StoredOrganization,
    client: AdminClient,
    includeArchived: boolean,
  ): Promise<AdminProject[]> {
    try {
      return (await client.projects(includeArchived)).projects;
    } catch (error) {
      throw adminFailure(error, organization.baseUrl, `list the projects of "${organization.name}"`);
    }
  }

  #opened(organizationId: string): StoredConnection[] {
    return this.#connectionRegistry.list().filter((c) => c.organizationLink?.organizationId === organizationId);
  }

  async #connectionView(id: string): Promise<ConnectionView> {
    const view = (await this.#connections.list()).find((c) => c.id === id);
    if (!view) throw new FerryError('internal', 'The project connection vanished while it was being opened.');
    return view;
  }

  async #client(organization: StoredOrganization): Promise<AdminClient> {
    const key = await this.#vault.resolve(asKeyHolder(organization));
    if (!key) throw new FerryError('unauthorized', missingKey(organization), { field: 'id' });
    if (!isAdminKey(key)) throw new FerryError('bad_input', NOT_ADMIN_KEY_MESSAGE, { field: 'keySource' });
    return AdminClient.create(organization.baseUrl, key, this.#clientOptions);
  }

  async #view(organization: StoredOrganization): Promise<OrganizationView> {
    const holder = asKeyHolder(organization);
    const keyStatus = await this.#vault.statusOf(holder);
    let shown: string | null = null;
    if (keyStatus === 'env-set') shown = fingerprint((await this.#vault.resolve(holder)) ?? '');
    else if (keyStatus === 'stored' || keyStatus === 'session') shown = organization.fingerprint ?? null;
    return {
      id: organization.id,
      name: organization.name,
      baseUrl: organization.baseUrl,
      keySource: organization.keySource,
      ...(organization.envVariable ? { envVariable: organization.envVariable } : {}),
      keyStatus,
      fingerprint: shown,
      createdAt: organization.createdAt,
    };
  }
}

function missingKey(organization: StoredOrganization): string {
  return organization.keySource === 'env'
    ? `The environment variable ${organization.envVariable} is not set for Ferry. Set it to the admin key before starting Ferry.`
    : `No admin key is stored for "${organization.name}". Remove the organization and add it again with its admin key.`;
}
