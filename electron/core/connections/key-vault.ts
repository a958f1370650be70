import { originOf, type KeyStatus } from '../../../shared/connection.ts';
import type { Logger } from '../logging/logger.ts';
import type { Redactor } from '../logging/redactor.ts';
import type { StoredConnection } from './registry.ts';
import { SessionSecretStore, type KeychainProbe, type SecretStore } from './secret-store.ts';

/**
 * Resolves and keeps connection keys. Keychain keys go to the OS keychain when it is available and to
 * session memory when it is not; environment keys are read from the named variable at each use. Every
 * key that passes through is handed to the redactor so it can never be logged.
 */
export class KeyVault {
  readonly #keychain: SecretStore | null;
  readonly #session = new SessionSecretStore();
  readonly #env: NodeJS.ProcessEnv;
  readonly #redactor: Redactor;
  readonly #logger: Logger;
  #status: KeychainProbe;

  constructor(options: {
    keychain: SecretStore | null;
    status: KeychainProbe;
    env: NodeJS.ProcessEnv;
    redactor: Redactor;
    logger: Logger;
  }) {
    this.#keychain = options.status.available ? options.keychain : null;
    this.#status = options.status;
    this.#env = options.env;
    this.#redactor = options.redactor;
    this.#logger = options.logger;
  }

  get status(): KeychainProbe {
    return this.#status;
  }

  /** Stores a key for a connection; answers where it went. */
  async store(connectionId: string, key: string): Promise<'stored' | 'session'> {
    this.#redactor.remember(key);
    if (this.#keychain) {
      await this.#keychain.set(connectionId, key);
      await this.#session.delete(connectionId);
      return 'stored';
    }
    await this.#session.set(connectionId, key);
    return 'session';
  }

  /** Holds a key in memory only, keychain or not: for keys that are renewed every session (the demo's). */
  async storeForSession(connectionId: string, key: string): Promise<void> {
    this.#redactor.remember(key);
    await this.#session.set(connectionId, key);
  }

  async discard(connectionId: string): Promise<void> {
    await this.#session.delete(connectionId);
    if (!this.#keychain) return;
    try {
      await this.#keychain.delete(connectionId);
    } catch (error) {
      // The connection is gone from settings either way; an orphaned keychain entry is only clutter.
      this.#logger.log('warn', 'Could not delete a key from the keychain', { connectionId, error });
    }
  }

  /**
   * Deletes a key and fails loudly if the keychain keeps it: for a key that must not outlive a change (a
   * connection re-pointed at another host), where {@link discard}'s "only clutter" does not hold.
   */
  async forget(connectionId: string): Promise<void> {
    await this.#session.delete(connectionId);
    if (!this.#keychain) return;
    await this.#keychain.delete(connectionId);
    if ((await this.#keychain.get(connectionId)) !== null)
      throw new Error('the keychain still holds the key after deleting it');
  }

  /** The key to call the API with, or null when there is none to be had (or it was given for another host). */
  async resolve(connection: StoredConnection): Promise<string | null> {
    if (!keyBoundHere(connection)) return null;
    const key =
      connection.keySource === 'env'
        ? this.#env[connection.envVariable ?? '']?.trim() || null
        : ((await this.#session.get(connection.id)) ??
          (this.#keychain ? await this.#keychain.get(connection.id) : null));
    if (key) this.#redactor.remember(key);
    return key;
  }

  async statusOf(connection: StoredConnection): Promise<KeyStatus> {
    if (!keyBoundHere(connection)) return connection.keySource === 'env' ? 'env-unset' : 'missing';
    if (connection.keySource === 'env')
      return this.#env[connection.envVariable ?? '']?.trim() ? 'env-set' : 'env-unset';
    if (await this.#session.get(connection.id)) return 'session';
    if (!this.#keychain) return 'missing';
    try {
      const key = await this.#keychain.get(connection.id);
      if (key) this.#redactor.remember(key);
      return key ? 'stored' : 'missing';
    } catch (error) {
      this.#logger.log('warn', 'The keychain could not be read', { connectionId: connection.id, error });
      return 'missing';
    }
  }
}

/** Whether the connection's base URL is still on the origin its key was given for. */
export function keyBoundHere(connection: StoredConnection): boolean {
  return connection.keyOrigin === undefined || connection.keyOrigin === originOf(connection.baseUrl);
}
