import type { KeyVault } from '../connections/key-vault.ts';
import { originOf } from '../../../shared/connection.ts';
import { fingerprint } from '../connections/fingerprint.ts';
import type { ConnectionRegistry, StoredConnection } from '../connections/registry.ts';
import type { Logger } from '../logging/logger.ts';
import { startSandbox, type Sandbox } from '../sandbox/index.ts';

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
  #sandbox: Promise<Sandbox> | null = null;

  constructor(options: { registry: ConnectionRegistry; vault: KeyVault; logger: Logger; onChanged: () => void }) {
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
    this.#sandbox ??= startSandbox({ seed: 'demo' }).catch((error: unknown) => {
      this.#sandbox = null;
      throw error;
    });
    const sandbox = await this.#sandbox;
    const ids: string[] = [];
    for (const tenant of sandbox.tenants) {
      const existing = this.#registry.list().find((c) => c.demo && c.name.replace(/ \(demo\)$/, '') === tenant.name);
      const fields = { baseUrl: sandbox.url, keyOrigin: originOf(sandbox.url), organization: tenant.organization, project: tenant.project, fingerprint: fingerprint(tenant.key) };
      let connection: StoredConnection;
      if (existing) {
        connection = this.#registry.replace({ ...existing, ...fields });
      } else {
        const taken = this.#registry.find(tenant.name);
        connection = this.#registry.add({ name: taken ? `${tenant.name} (demo)` : tenant.name, readOnly: false, keySource: 'keychain', demo: true, ...fields });
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
