import type { z } from 'zod';
import {
  originOf,
  type ConnectionInput,
  type ConnectionPatch,
  type ConnectionTestResult,
  type ConnectionView,
  type FolderConnectionInput,
  type KeySourceInput,
} from '../../../shared/connection.ts';
import { checkFolderSource, testFolder } from '../bundles/folder-source.ts';
import { FerryError } from '../errors.ts';
import type { Logger } from '../logging/logger.ts';
import { createClient, type ClientOptions } from './client-factory.ts';
import { testConnection } from './connection-tester.ts';
import { loadHttpFetch } from './http-fetch.ts';
import { fingerprint } from '../logging/fingerprint.ts';
import type { KeyVault } from './key-vault.ts';
import type { ConnectionRegistry, StoredConnection } from './registry.ts';
import { refuseAdminKey } from './admin-key-guard.ts';

type AddParams = z.output<typeof ConnectionInput>;
type FolderParams = Omit<z.output<typeof FolderConnectionInput>, 'folder' | 'folderGrantId'> & { folder: string };
type PatchParams = z.output<typeof ConnectionPatch>;

/**
 * Connections end to end: settings for the description, the key vault for the key. Each change keeps the
 * two in step, so a failure halfway leaves neither a key without a connection nor the reverse.
 */
export class ConnectionService {
  readonly #registry: ConnectionRegistry;
  readonly #vault: KeyVault;
  readonly #logger: Logger;
  readonly #clientOptions: ClientOptions;
  readonly #changed: () => void;

  constructor(options: {
    registry: ConnectionRegistry;
    vault: KeyVault;
    logger: Logger;
    onChanged: () => void;
    clientOptions?: ClientOptions;
  }) {
    this.#registry = options.registry;
    this.#vault = options.vault;
    this.#logger = options.logger;
    this.#changed = options.onChanged;
    this.#clientOptions = options.clientOptions ?? {};
  }

  async list(): Promise<ConnectionView[]> {
    return Promise.all(this.#registry.list().map((connection) => this.#view(connection)));
  }

  async add(input: AddParams): Promise<ConnectionView> {
    const { keySource, ...fields } = input;
    await refuseAdminKey(this.#vault, keySource);
    const connection = this.#registry.add({
      ...withoutUndefined(fields),
      ...describeKeySource(keySource),
      keyOrigin: originOf(fields.baseUrl),
    });
    if (keySource.kind === 'keychain') {
      try {
        await this.#vault.store(connection.id, keySource.key);
      } catch (error) {
        this.#registry.remove(connection.id);
        throw keychainFailure(error);
      }
    }
    this.#logger.log('info', 'Connection added', { id: connection.id, name: connection.name });
    this.#changed();
    return this.#view(connection);
  }

  /** A folder connection: its folder checked as a bundle first; no key, so the keychain is not asked. */
  async addFolder(input: FolderParams): Promise<ConnectionView> {
    const checked = await checkFolderSource(input.folder);
    const connection = this.#registry.add({
      name: input.name,
      baseUrl: checked.baseUrl,
      readOnly: input.readOnly || checked.readOnly,
      keySource: 'none',
      folder: checked.folder,
    });
    this.#logger.log('info', 'Folder connection added', { id: connection.id, name: connection.name });
    this.#changed();
    return this.#view(connection);
  }

  /**
   * Applies an edit. A key is bound to its host: a new base URL on another origin (scheme, host or port)
   * drops the key unless the same patch brings one, so an edit can never send a stored key somewhere else.
   * Everything that can refuse (the name, then the keychain) is checked before anything is written.
   */
  async update(id: string, patch: PatchParams): Promise<ConnectionView> {
    const current = this.#registry.get(id);
    if (current.folder !== undefined && (patch.baseUrl !== undefined || patch.keySource !== undefined)) {
      throw new FerryError('bad_input', `"${current.name}" is a folder: it has no URL or key to change.`, {
        field: patch.keySource !== undefined ? 'keySource' : 'baseUrl',
      });
    }
    if (patch.keySource) await refuseAdminKey(this.#vault, patch.keySource);
    const next: StoredConnection = { ...current };
    if (patch.name !== undefined) next.name = patch.name;
    if (patch.baseUrl !== undefined) next.baseUrl = patch.baseUrl;
    if (patch.readOnly !== undefined) next.readOnly = patch.readOnly;
    applyClearable(next, 'organization', patch.organization);
    applyClearable(next, 'project', patch.project);
    const moved = originOf(next.baseUrl) !== (current.keyOrigin ?? originOf(current.baseUrl));
    const dropKey = moved && !patch.keySource;
    if (patch.keySource || dropKey) {
      delete next.envVariable;
      delete next.fingerprint;
      // A dropped key leaves a keychain connection with no key: "missing", until the admin enters one.
      Object.assign(next, patch.keySource ? describeKeySource(patch.keySource) : { keySource: 'keychain' });
    }
    next.keyOrigin = originOf(next.baseUrl);
    // A refused rename must not have replaced or dropped the key: check the name first.
    this.#registry.assertCanReplace(next);
    if (patch.keySource?.kind === 'keychain') {
      try {
        await this.#vault.store(id, patch.keySource.key);
      } catch (error) {
        throw keychainFailure(error);
      }
    } else if (dropKey) {
      try {
        await this.#vault.forget(id);
      } catch (error) {
        throw new FerryError(
          'keychain_unavailable',
          `The connection was not changed: its key could not be deleted from the OS keychain (${error instanceof Error ? error.message : String(error)}), and a key must not follow a connection to another host. Unlock the keychain and try again.`,
          { field: 'baseUrl', cause: error },
        );
      }
    }
    this.#registry.replace(next);
    if (patch.keySource?.kind === 'env') await this.#vault.discard(id);
    this.#logger.log('info', 'Connection updated', {
      id,
      name: next.name,
      ...(dropKey ? { keyDropped: 'the base URL moved to another host' } : {}),
    });
    this.#changed();
    return this.#view(next);
  }

  async remove(id: string): Promise<void> {
    const removed = this.#registry.remove(id);
    await this.#vault.discard(id);
    this.#logger.log('info', 'Connection removed', { id, name: removed.name });
    this.#changed();
  }

  async test(id: string): Promise<ConnectionTestResult> {
    const connection = this.#registry.get(id);
    if (connection.folder !== undefined) return testFolder(connection.folder);
    const key = await this.#vault.resolve(connection);
    if (!key) return { ok: false, problem: 'key_missing', message: missingKeyMessage(connection), latencyMs: 0 };
    let result = await testConnection(
      createClient(connection, key, { httpFetch: await loadHttpFetch(), ...this.#clientOptions }),
    );
    if (!result.ok && result.problem === 'invalid_key' && connection.organizationLink)
      result = { ...result, message: deletedAccountMessage(connection.organizationLink.serviceAccountName) };
    this.#logger.log('info', 'Connection tested', {
      id,
      name: connection.name,
      ok: result.ok,
      ...(result.ok ? {} : { problem: result.problem }),
    });
    return result;
  }

  async #view(connection: StoredConnection): Promise<ConnectionView> {
    const keyStatus = connection.keySource === 'none' ? 'none' : await this.#vault.statusOf(connection);
    let shown: string | null = null;
    if (keyStatus === 'env-set') shown = fingerprint((await this.#vault.resolve(connection)) ?? '');
    else if (keyStatus === 'stored' || keyStatus === 'session') shown = connection.fingerprint ?? null;
    return {
      id: connection.id,
      name: connection.name,
      baseUrl: connection.baseUrl,
      ...(connection.organization ? { organization: connection.organization } : {}),
      ...(connection.project ? { project: connection.project } : {}),
      readOnly: connection.readOnly,
      keySource: connection.keySource,
      ...(connection.envVariable ? { envVariable: connection.envVariable } : {}),
      keyStatus,
      ...(connection.folder !== undefined ? { folder: connection.folder } : {}),
      fingerprint: shown,
      ...(connection.demo ? { demo: true } : {}),
      ...(connection.organizationLink ? { organizationLink: linkView(connection.organizationLink) } : {}),
      createdAt: connection.createdAt,
    };
  }
}

/** What the UI may know of the link: the project and the account's name (the account id stays in the core). */
function linkView(
  link: NonNullable<StoredConnection['organizationLink']>,
): NonNullable<ConnectionView['organizationLink']> {
  return {
    organizationId: link.organizationId,
    projectId: link.projectId,
    serviceAccountName: link.serviceAccountName,
  };
}

function describeKeySource(
  source: z.output<typeof KeySourceInput>,
): Pick<StoredConnection, 'keySource' | 'envVariable' | 'fingerprint'> {
  return source.kind === 'env'
    ? { keySource: 'env', envVariable: source.variable }
    : { keySource: 'keychain', fingerprint: fingerprint(source.key) };
}

function applyClearable(
  target: StoredConnection,
  field: 'organization' | 'project',
  value: string | null | undefined,
): void {
  if (value === undefined) return;
  if (value === null) delete target[field];
  else target[field] = value;
}

function withoutUndefined<T extends Record<string, unknown>>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}

/** A project opened from an organization whose key is refused: its service account was most likely deleted. */
function deletedAccountMessage(account: string): string {
  return `The key of service account "${account}" was rejected: the account was probably deleted (in the dashboard, say). Replace it from the organization: Ferry creates a new service account and keeps its key.`;
}

function missingKeyMessage(connection: StoredConnection): string {
  if (connection.keySource === 'env') {
    return `The environment variable ${connection.envVariable} is not set for Ferry. Set it before starting Ferry, or switch the connection to a keychain key.`;
  }
  return `No key is stored for "${connection.name}" (a session-only key is forgotten when Ferry quits). Edit the connection and enter its API key again.`;
}

function keychainFailure(error: unknown): FerryError {
  const reason = error instanceof Error ? error.message : String(error);
  return new FerryError(
    'keychain_unavailable',
    `The OS keychain refused to store the key (${reason}). Unlock the keychain and try again, or use an environment variable as the key source.`,
    { field: 'keySource', cause: error },
  );
}
