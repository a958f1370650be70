import { isAdminKey } from '../../../shared/organization.ts';
import { FerryError } from '../errors.ts';
import type { KeyVault } from './key-vault.ts';

export const ADMIN_KEY_IN_CONNECTION_MESSAGE =
  'This is an admin key (sk-admin-…): it manages the organization but cannot read project resources. Add it as an organization instead; Ferry then opens its projects for you, each with a key of its own.';

/** The key a key source gives now: the pasted one, or the environment variable's value (null when unset). */
export async function givenKey(
  vault: KeyVault,
  source: { kind: 'keychain'; key: string } | { kind: 'env'; variable: string },
): Promise<string | null> {
  if (source.kind === 'keychain') return source.key;
  return vault.resolve({
    id: '',
    name: '',
    baseUrl: '',
    readOnly: true,
    keySource: 'env',
    envVariable: source.variable,
    createdAt: '',
  });
}

/** A connection reads project resources, which an admin key cannot: refused before anything is written. */
export async function refuseAdminKey(
  vault: KeyVault,
  source: { kind: 'keychain'; key: string } | { kind: 'env'; variable: string },
): Promise<void> {
  const key = await givenKey(vault, source);
  if (key !== null && isAdminKey(key))
    throw new FerryError('bad_input', ADMIN_KEY_IN_CONNECTION_MESSAGE, { field: 'keySource' });
}
