import { createHash } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { createClient, type ClientOptions } from '../connections/client-factory.ts';
import { loadHttpFetch, type HttpFetch } from '../connections/http-fetch.ts';
import type { KeyVault } from '../connections/key-vault.ts';
import type { ConnectionRegistry, StoredConnection } from '../connections/registry.ts';
import { FerryError } from '../errors.ts';
import type { DownloadPolicy } from './download-policy.ts';
import type { UploadLimits } from './files-api.ts';
import { openFolderGateway } from './folder-gateway.ts';
import { OrgGateway } from './org-gateway.ts';
import { FOLDER_REF } from '../../../shared/bundle-ref.ts';
import { RequestScheduler, type SchedulerOptions } from './scheduler.ts';

/**
 * One gateway per connection, built on demand. A connection keeps one scheduler for everything that talks
 * to it (panes, jobs, the CLI in this process), because the rate limit belongs to the org, not to a caller.
 * Editing a connection drops its gateway so the next call uses the new URL, ids or key.
 */
export class GatewayPool {
  readonly #registry: ConnectionRegistry;
  readonly #vault: KeyVault;
  readonly #clientOptions: ClientOptions;
  readonly #schedulerOptions: SchedulerOptions;
  readonly #uploadLimits: UploadLimits | undefined;
  readonly #gateways = new Map<string, { gateway: OrgGateway; signature: string }>();
  readonly #adHocFolders: boolean;

  constructor(options: {
    registry: ConnectionRegistry;
    vault: KeyVault;
    clientOptions?: ClientOptions;
    schedulerOptions?: SchedulerOptions;
    uploadLimits?: UploadLimits;
    /**
     * Takes `folder:/absolute/path` as a connection: the CLI's `ferry export` and `ferry import` name a
     * folder that need not be saved. Only the CLI's, where the caller owns the files: a window's page may
     * not name a path the OS dialog did not grant.
     */
    adHocFolders?: boolean;
  }) {
    this.#registry = options.registry;
    this.#vault = options.vault;
    this.#clientOptions = options.clientOptions ?? {};
    this.#schedulerOptions = options.schedulerOptions ?? {};
    this.#uploadLimits = options.uploadLimits;
    this.#adHocFolders = options.adHocFolders ?? false;
  }

  /** The gateway for a connection, by id or by name (case-insensitive). */
  async get(idOrName: string): Promise<OrgGateway> {
    const adHoc = this.#adHocFolders ? adHocFolder(idOrName) : undefined;
    if (adHoc) {
      const stored: StoredConnection = {
        id: adHocId(adHoc),
        name: adHoc,
        baseUrl: `${FOLDER_REF}${adHoc}`,
        readOnly: false,
        keySource: 'none',
        createdAt: '',
      };
      return this.#folder(stored, adHoc);
    }
    const connection = this.#registry.find(idOrName);
    if (!connection) {
      const known = this.#registry
        .list()
        .map((c) => `"${c.name}"`)
        .join(', ');
      throw new FerryError(
        'bad_input',
        `No connection is named "${idOrName}".${known ? ` Known connections: ${known}.` : ' Add one first.'}`,
        { field: 'connection' },
      );
    }
    if (connection.folder !== undefined) return this.#folder(connection, connection.folder);
    const key = await this.#vault.resolve(connection);
    if (!key) {
      throw new FerryError(
        'unauthorized',
        connection.keySource === 'env'
          ? `"${connection.name}" reads its key from $${connection.envVariable}, which is not set for Ferry.`
          : `"${connection.name}" has no stored key (a session-only key is forgotten when Ferry quits). Edit the connection and enter its key.`,
        { field: 'connection' },
      );
    }
    // What the gateway was built from; the key only as a digest, so nothing key-like is kept twice.
    const keyDigest = createHash('sha256').update(key).digest('hex');
    const signature = JSON.stringify([
      connection.baseUrl,
      connection.organization,
      connection.project,
      connection.readOnly,
      connection.name,
      keyDigest,
    ]);
    const cached = this.#gateways.get(connection.id);
    if (cached && cached.signature === signature) return cached.gateway;
    // The scheduler (the org's rate limit) and the refusals learned (the org's download rules) outlive an edit.
    const gateway = this.#build(
      connection,
      key,
      await loadHttpFetch(),
      cached?.gateway.scheduler,
      cached?.gateway.files.downloads,
    );
    this.#gateways.set(connection.id, { gateway, signature });
    return gateway;
  }

  /**
   * Which destination a connection writes to, for its lock: an org's connection id, or for a folder (saved
   * or named `folder:/path`) the folder's canonical real path, so two names of one folder are one writer.
   */
  destinationIdentity(idOrName: string): string {
    const adHoc = this.#adHocFolders ? adHocFolder(idOrName) : undefined;
    const folder = adHoc ?? this.#registry.find(idOrName)?.folder;
    return folder === undefined ? idOrName : folderIdentity(folder);
  }

  /** A folder connection's gateway, opened (and its bundle checked) again after an edit. */
  async #folder(connection: StoredConnection, folder: string): Promise<OrgGateway> {
    const signature = JSON.stringify([folder, connection.readOnly, connection.name]);
    const cached = this.#gateways.get(connection.id);
    if (cached && cached.signature === signature) return cached.gateway;
    const gateway = await openFolderGateway({
      connectionId: connection.id,
      name: connection.name,
      folder,
      readOnly: connection.readOnly,
      scheduler: cached?.gateway.scheduler ?? new RequestScheduler(this.#schedulerOptions),
      uploadLimits: this.#uploadLimits,
    });
    this.#gateways.set(connection.id, { gateway, signature });
    return gateway;
  }

  #build(
    connection: StoredConnection,
    key: string,
    httpFetch: HttpFetch,
    scheduler?: RequestScheduler,
    downloads?: DownloadPolicy,
  ): OrgGateway {
    const sched = scheduler ?? new RequestScheduler(this.#schedulerOptions);
    const client = createClient(connection, key, {
      httpFetch,
      ...this.#clientOptions,
      observe: (status, headers) => sched.observe(status, headers),
    });
    return new OrgGateway({
      connectionId: connection.id,
      name: connection.name,
      readOnly: connection.readOnly,
      organization: connection.organization,
      client,
      scheduler: sched,
      ...(this.#uploadLimits ? { uploadLimits: this.#uploadLimits } : {}),
      ...(downloads ? { downloads } : {}),
      ...(this.#schedulerOptions.now ? { now: this.#schedulerOptions.now } : {}),
    });
  }
}

/**
 * The path of a `folder:/absolute/path` reference, or of the connection id it becomes: the path in
 * base64url, so the id is file-safe (id maps and locks are named after it) and a resume finds the folder.
 */
function adHocFolder(ref: string): string | undefined {
  let path: string | undefined;
  if (ref.startsWith(FOLDER_REF)) path = ref.slice(FOLDER_REF.length);
  else if (ref.startsWith(AD_HOC_ID)) path = Buffer.from(ref.slice(AD_HOC_ID.length), 'base64url').toString('utf8');
  return path !== undefined && isAbsolute(path) ? path : undefined;
}

const AD_HOC_ID = 'folder-';
const adHocId = (path: string) => `${AD_HOC_ID}${Buffer.from(path, 'utf8').toString('base64url')}`;

/**
 * A folder as one writer's identity: its real path (symlinks and `..` resolved; for a folder not made yet,
 * its nearest existing parent's real path and the rest), hashed so a long path still names a lock file.
 */
export function folderIdentity(folder: string): string {
  let existing = resolve(folder);
  const rest: string[] = [];
  while (!existsSync(existing) && dirname(existing) !== existing) {
    rest.unshift(basename(existing));
    existing = dirname(existing);
  }
  const canonical = join(realpathSync.native(existing), ...rest);
  return `bundle-${createHash('sha256').update(canonical).digest('hex').slice(0, 32)}`;
}
