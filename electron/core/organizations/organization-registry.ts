import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { FerryError } from '../errors.ts';
import type { StoredConnection } from '../connections/registry.ts';
import type { SettingsStore } from '../settings/settings-store.ts';

/**
 * An organization connection as settings.json holds it: everything but the admin key, which lives in the
 * keychain under this id (a UUID, so it never meets a project connection's entry).
 */
export const StoredOrganization = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  baseUrl: z.string().min(1),
  keySource: z.enum(['keychain', 'env']),
  envVariable: z.string().optional(),
  fingerprint: z.string().optional(),
  /** The origin the admin key was given for; the vault hands the key out nowhere else. */
  keyOrigin: z.string(),
  createdAt: z.string(),
});
export type StoredOrganization = z.infer<typeof StoredOrganization>;

const KEY = 'organizations';

/** The organization connections in settings, beside (not inside) "connections", which panes read from. */
export class OrganizationRegistry {
  readonly #settings: SettingsStore;

  constructor(settings: SettingsStore) {
    this.#settings = settings;
  }

  list(): StoredOrganization[] {
    const parsed = z.array(StoredOrganization).safeParse(this.#settings.get(KEY) ?? []);
    if (!parsed.success)
      throw new FerryError(
        'internal',
        'The organizations in settings.json are malformed (was it edited by hand?). Fix or remove the "organizations" entry in the settings file, then restart Ferry.',
      );
    return parsed.data;
  }

  get(id: string): StoredOrganization {
    const found = this.list().find((organization) => organization.id === id);
    if (!found)
      throw new FerryError('not_found', `No organization connection has the id "${id}". It may have been removed.`, {
        field: 'id',
      });
    return found;
  }

  /** Names are unique among organizations and connections alike, so one name always means one thing. */
  add(fields: Omit<StoredOrganization, 'id' | 'createdAt'>, connectionNames: string[]): StoredOrganization {
    const all = this.list();
    const wanted = fields.name.toLowerCase();
    const clash = [...all.map((o) => o.name), ...connectionNames].find((name) => name.toLowerCase() === wanted);
    if (clash)
      throw new FerryError(
        'conflict',
        `A connection or organization named "${clash}" already exists. Choose another name.`,
        {
          field: 'name',
        },
      );
    const organization: StoredOrganization = { ...fields, id: randomUUID(), createdAt: new Date().toISOString() };
    this.#settings.set(KEY, [...all, organization]);
    return organization;
  }

  remove(id: string): StoredOrganization {
    const removed = this.get(id);
    this.#settings.set(
      KEY,
      this.list().filter((organization) => organization.id !== id),
    );
    return removed;
  }
}

/** The vault resolves keys per connection; an organization is one for that purpose (never listed as one). */
export function asKeyHolder(organization: StoredOrganization): StoredConnection {
  return { ...organization, readOnly: true };
}
