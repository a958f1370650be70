import type { KeyVault } from '../connections/key-vault.ts';
import { originOf } from '../../../shared/connection.ts';
import { fingerprint } from '../logging/fingerprint.ts';
import type { ConnectionRegistry, StoredConnection } from '../connections/registry.ts';
import type { Logger } from '../logging/logger.ts';
import { FerryError } from '../errors.ts';

/** What the demo needs of a server: where it is, one organization per tenant with its key, and a stop. */
export interface DemoServer {
  url: string;
  readonly tenants: Array<{ name: string; organization: string; project: string; key: string }>;
  stop(): Promise<void>;
}

/**
 * Starts the demo organizations' server. The shells pass it in (they start Ferry's sandbox): the core never
 * imports the sandbox, so a shell without a demo ships none of it.
 */
export type StartDemoServer = () => Promise<DemoServer>;

/**
 * "Try with demo organizations": Ferry's own sandbox, started inside the app, with a connection per demo
 * organization. The sandbox lives in memory, so each start gives fresh demo data on a new port with new
 * keys; the demo connections are kept and re-pointed, and their keys are held for the session only.
 */
export class DemoService {
  readonly #registry: ConnectionRegistry;
  readonly #vault: KeyVault;
  readonly #logger: Logger;
  readonly #changed: () => void;
  readonly #startServer: StartDemoServer | undefined;
  #sandbox: Promise<DemoServer> | null = null;

  constructor(options: {
    registry: ConnectionRegistry;
    vault: KeyVault;
    logger: Logger;
    onChanged: () => void;
    startServer?: StartDemoServer | undefined;
  }) {
    this.#startServer = options.startServer;
    this.#registry = options.registry;
    this.#vault = options.vault;
    this.#logger = options.logger;
    this.#changed = options.onChanged;
  }

  get running(): boolean {
    return this.#sandbox !== null;
  }

  /** Starts the demo organizations (once per process) and returns their connections' ids. */
  async start(): Promise<string[]> {
    const startServer = this.#startServer;
    if (!startServer) throw new FerryError('not_found', 'This Ferry has no demo organizations built in.');
    this.#sandbox ??= startServer().catch((error: unknown) => {
      this.#sandbox = null;
      throw error;
    });
    const sandbox = await this.#sandbox;
    const ids: string[] = [];
    for (const tenant of sandbox.tenants) {
      const existing = this.#registry.list().find((c) => c.demo && c.name.replace(/ \(demo\)$/, '') === tenant.name);
      const fields = {
        baseUrl: sandbox.url,
        keyOrigin: originOf(sandbox.url),
        organization: tenant.organization,
        project: tenant.project,
        fingerprint: fingerprint(tenant.key),
      };
      let connection: StoredConnection;
      if (existing) {
        connection = this.#registry.replace({ ...existing, ...fields });
      } else {
        const taken = this.#registry.find(tenant.name);
        connection = this.#registry.add({
          name: taken ? `${tenant.name} (demo)` : tenant.name,
          readOnly: false,
          keySource: 'keychain',
          demo: true,
          ...fields,
        });
      }
      await this.#vault.storeForSession(connection.id, tenant.key);
      ids.push(connection.id);
    }
    this.#logger.log('info', 'Demo organizations started', { url: sandbox.url });
    this.#changed();
    return ids;
  }

  /** At start-up: if demo connections exist, bring their sandbox back so they work. */
  async resumeIfConfigured(): Promise<void> {
    if (!this.#registry.list().some((c) => c.demo)) return;
    try {
      await this.start();
    } catch (error) {
      this.#logger.log('warn', 'Could not restart the demo organizations', { error });
    }
  }

  async stop(): Promise<void> {
    const sandbox = this.#sandbox;
    this.#sandbox = null;
    if (sandbox) await (await sandbox).stop();
  }
}
