import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { OrganizationLink } from '../../../shared/organization.ts';
import { FerryError } from '../errors.ts';
import type { SettingsStore } from '../settings/settings-store.ts';

/**
 * A connection as settings.json holds it: everything but the key. `fingerprint` is kept so lists need
 * not read the keychain for display (the keychain is still asked whether the key is present).
 */
export const StoredConnection = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  baseUrl: z.string().min(1),
  organization: z.string().optional(),
  project: z.string().optional(),
  readOnly: z.boolean(),
  keySource: z.enum(['keychain', 'env', 'none']),
  envVariable: z.string().optional(),
  /** A folder connection's absolute path (keySource "none"): a bundle folder or an assistants JSON file. */
  folder: z.string().optional(),
  fingerprint: z.string().optional(),
  /**
   * The origin (scheme://host:port) the key was given for. The vault hands the key out only while the base
   * URL is on that origin, so a connection re-pointed by any path (a hand-edited settings file included)
   * never sends its key elsewhere. Absent on connections saved before keys were bound: their base URL's.
   */
  keyOrigin: z.string().optional(),
  /** Points at the built-in demo sandbox; its URL and key are renewed each time Ferry starts it. */
  demo: z.boolean().optional(),
  /** Opened from an organization connection: which project, and the service account whose key this is. */
  organizationLink: OrganizationLink.optional(),
  createdAt: z.string(),
});
export type StoredConnection = z.infer<typeof StoredConnection>;

const KEY = 'connections';

/** The list of connections in settings, with unique names (case-insensitive) and stable ids. */
export class ConnectionRegistry {
  readonly #settings: SettingsStore;

  constructor(settings: SettingsStore) {
    this.#settings = settings;
  }

  list(): StoredConnection[] {
    const raw = this.#settings.get(KEY) ?? [];
    const parsed = z.array(StoredConnection).safeParse(raw);
    if (!parsed.success) {
      throw new FerryError(
        'internal',
        'The connections in settings.json are malformed (was it edited by hand?). Fix or remove the ' +
          '"connections" entry in the settings file, then restart Ferry.',
      );
    }
    return parsed.data;
  }

  get(id: string): StoredConnection {
    const found = this.list().find((connection) => connection.id === id);
    if (!found)
      throw new FerryError('not_found', `No connection has the id "${id}". It may have been removed.`, { field: 'id' });
    return found;
  }

  /** Finds by id, or by name (case-insensitive), which is how the CLI names connections. */
  find(idOrName: string): StoredConnection | undefined {
    const wanted = idOrName.trim().toLowerCase();
    const all = this.list();
    return all.find((c) => c.id === idOrName) ?? all.find((c) => c.name.toLowerCase() === wanted);
  }

  add(fields: Omit<StoredConnection, 'id' | 'createdAt'>): StoredConnection {
    const all = this.list();
    this.#assertNameFree(all, fields.name);
    const connection: StoredConnection = { ...fields, id: randomUUID(), createdAt: new Date().toISOString() };
    this.#settings.set(KEY, [...all, connection]);
    return connection;
  }

  /** Throws the clash `replace` would, without writing: lets a caller check before it touches the keychain. */
  assertCanReplace(next: StoredConnection): void {
    const all = this.list();
    if (!all.some((c) => c.id === next.id)) this.get(next.id);
    this.#assertNameFree(all, next.name, next.id);
  }

  replace(next: StoredConnection): StoredConnection {
    this.assertCanReplace(next);
    const all = this.list();
    this.#settings.set(
      KEY,
      all.map((c) => (c.id === next.id ? next : c)),
    );
    return next;
  }

  remove(id: string): StoredConnection {
    const removed = this.get(id);
    this.#settings.set(
      KEY,
      this.list().filter((c) => c.id !== id),
    );
    return removed;
  }

  #assertNameFree(all: StoredConnection[], name: string, exceptId?: string): void {
    const clash = all.find((c) => c.id !== exceptId && c.name.toLowerCase() === name.toLowerCase());
    if (clash) {
      throw new FerryError('conflict', `A connection named "${clash.name}" already exists. Choose another name.`, {
        field: 'name',
      });
    }
  }
}
