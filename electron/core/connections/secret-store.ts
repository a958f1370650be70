import { AsyncEntry } from '@napi-rs/keyring';

/** The keychain service every Ferry key is filed under; the account is the connection id. */
export const KEYCHAIN_SERVICE = 'ferry';

/** Somewhere to keep API keys. Only the SecretStore ever holds a key at rest. */
export interface SecretStore {
  readonly kind: 'keychain' | 'session';
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  /** Resolves true when something was deleted. */
  delete(account: string): Promise<boolean>;
}

/** The OS keychain (macOS Keychain, Windows Credential Manager, Secret Service on Linux). */
export class KeychainSecretStore implements SecretStore {
  readonly kind = 'keychain';
  readonly #service: string;

  constructor(service: string = KEYCHAIN_SERVICE) {
    this.#service = service;
  }

  get(account: string): Promise<string | null> {
    return new AsyncEntry(this.#service, account).getPassword();
  }

  set(account: string, secret: string): Promise<void> {
    return new AsyncEntry(this.#service, account).setPassword(secret);
  }

  delete(account: string): Promise<boolean> {
    return new AsyncEntry(this.#service, account).deletePassword();
  }
}

/**
 * Keys held in this process's memory only, for machines without a keychain (headless Linux with no
 * Secret Service). They vanish when Ferry quits, which is the point: nothing plaintext reaches disk.
 */
export class SessionSecretStore implements SecretStore {
  readonly kind = 'session';
  readonly #secrets = new Map<string, string>();

  async get(account: string): Promise<string | null> {
    return this.#secrets.get(account) ?? null;
  }

  async set(account: string, secret: string): Promise<void> {
    this.#secrets.set(account, secret);
  }

  async delete(account: string): Promise<boolean> {
    return this.#secrets.delete(account);
  }
}

export interface KeychainProbe {
  available: boolean;
  message: string;
}

/**
 * Writes, reads back and deletes a probe entry. A read alone is not enough: with a Secret Service address
 * that leads nowhere, reads quietly answer "none" while writes fail, and finding that out only when the
 * user saves a key is too late.
 */
export async function probeKeychain(store: SecretStore = new KeychainSecretStore()): Promise<KeychainProbe> {
  const account = `__ferry_probe_${process.pid}__`;
  try {
    await store.set(account, 'probe');
    const readBack = await store.get(account);
    await store.delete(account);
    if (readBack !== 'probe') throw new Error('a value written could not be read back');
    return { available: true, message: 'API keys are stored in the OS keychain.' };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      available: false,
      message:
        `No OS keychain is available (${reason}). Keys you enter are kept in memory for this session only ` +
        'and must be entered again after a restart; Ferry never writes a key to disk. On Linux, install and ' +
        'unlock a Secret Service such as gnome-keyring, or use an environment variable as the key source.',
    };
  }
}
