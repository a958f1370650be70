import { KeychainSecretStore, probeKeychain } from '../../electron/core/connections/secret-store.ts';

/**
 * Whether a real OS keychain answers here. `npm test` starts gnome-keyring on a private D-Bus session, so
 * it does; a bare `vitest` run outside that may not. Keychain tests skip with this reason then, except in
 * CI, where a missing keychain is a broken setup and must fail loudly rather than pass by skipping.
 */
export const keychainProbe = await probeKeychain(new KeychainSecretStore('ferry-test-probe'));

export const skipKeychainReason =
  keychainProbe.available || process.env['CI'] === 'true'
    ? undefined
    : 'no OS keychain here (run `npm test`, which starts gnome-keyring on a private D-Bus session)';

/** A keychain service name of its own per test file, so parallel files never see each other's entries. */
export function testService(label: string): string {
  return `ferry-test-${label}-${process.pid}-${Date.now()}`;
}
