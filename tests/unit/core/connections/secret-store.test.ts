import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../../electron/core/core.ts';
import { KeychainSecretStore, SessionSecretStore } from '../../../../electron/core/connections/secret-store.ts';
import { keychainProbe, skipKeychainReason, testService } from '../../../support/keychain.ts';

const realKey = () =>
  `sk-test-${Array.from({ length: 40 }, () => 'abcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(Math.random() * 36)]).join('')}`;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}

describe.skipIf(skipKeychainReason !== undefined)('KeychainSecretStore against the real OS keychain', () => {
  it('is reachable (in CI this must hold: the run provides gnome-keyring)', () => {
    expect(keychainProbe.available, keychainProbe.message).toBe(true);
  });

  it('stores, reads back and deletes a key', async () => {
    const store = new KeychainSecretStore(testService('store'));
    const key = realKey();
    await store.set('conn-1', key);
    expect(await store.get('conn-1')).toBe(key);
    expect(await store.delete('conn-1')).toBe(true);
    expect(await store.get('conn-1')).toBeNull();
    expect(await store.delete('conn-1')).toBe(false);
  });

  it('keeps entries of different accounts apart', async () => {
    const store = new KeychainSecretStore(testService('accounts'));
    await store.set('a', 'sk-aaaaaaaaaaaa');
    await store.set('b', 'sk-bbbbbbbbbbbb');
    expect(await store.get('a')).toBe('sk-aaaaaaaaaaaa');
    expect(await store.get('b')).toBe('sk-bbbbbbbbbbbb');
    await store.delete('a');
    await store.delete('b');
  });
});

describe.skipIf(skipKeychainReason !== undefined)(
  'the core keeps keys in the keychain and nowhere under FERRY_HOME',
  () => {
    let home: string;
    let core: Core | undefined;
    afterEach(async () => {
      await core?.dispose();
      rmSync(home, { recursive: true, force: true });
    });

    it('adds a connection: key in the keychain, fingerprint in settings, key absent from every file', async () => {
      home = mkdtempSync(join(tmpdir(), 'ferry-home-'));
      const keychain = new KeychainSecretStore(testService('core'));
      core = await createCore({ stateDir: home, shell: 'cli', keychain });
      const key = realKey();
      const added = await core.call('connections.add', { name: 'Acme', keySource: { kind: 'keychain', key } });

      expect(added.keyStatus).toBe('stored');
      expect(added.fingerprint).toBe(`sk-…${key.slice(-4)}`);
      expect(await keychain.get(added.id)).toBe(key);
      const files = filesUnder(home);
      expect(files.some((file) => file.endsWith('settings.json'))).toBe(true);
      for (const file of files) expect(readFileSync(file, 'utf8'), file).not.toContain(key);

      await core.call('connections.remove', { id: added.id });
      expect(await keychain.get(added.id)).toBeNull();
    });
  },
);

describe('SessionSecretStore (no keychain available)', () => {
  it('holds keys in memory only and reports itself as session storage', async () => {
    const store = new SessionSecretStore();
    expect(store.kind).toBe('session');
    await store.set('x', 'sk-memorymemory');
    expect(await store.get('x')).toBe('sk-memorymemory');
    expect(await store.delete('x')).toBe(true);
    expect(await store.get('x')).toBeNull();
  });

  it('falls back to session-only keys in the core, with a message that says so', async () => {
    const home = mkdtempSync(join(tmpdir(), 'ferry-home-'));
    const core = await createCore({ stateDir: home, shell: 'cli', keychain: null });
    try {
      const info = await core.call('app.info', {});
      expect(info.keychain.available).toBe(false);
      expect(info.keychain.message).toMatch(/memory for this session only/);
      const key = realKey();
      const added = await core.call('connections.add', { name: 'Temp', keySource: { kind: 'keychain', key } });
      expect(added.keyStatus).toBe('session');
      for (const file of filesUnder(home)) expect(readFileSync(file, 'utf8')).not.toContain(key);
    } finally {
      await core.dispose();
      rmSync(home, { recursive: true, force: true });
    }
  });
});
