import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/core.ts';
import { KeychainSecretStore } from '../../../electron/core/connections/secret-store.ts';
import { startSandbox, type Sandbox } from 'ferry-sandbox';
import { openSettings } from '../../../electron/core/settings/settings-store.ts';
import { skipKeychainReason, testService } from '../../support/keychain.ts';

/** A plain HTTP server on loopback that answers every request and records what credentials came with it. */
async function startListener(): Promise<{ url: string; authorizations: string[]; server: Server }> {
  const authorizations: string[] = [];
  const server = createServer((request, response) => {
    authorizations.push(String(request.headers.authorization ?? ''));
    response
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ object: 'list', data: [], has_more: false }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, authorizations, server };
}

let sandbox: Sandbox;
let core: Core;
let home: string;
let keychain: KeychainSecretStore;
let listener: Awaited<ReturnType<typeof startListener>>;
let tenantKey: string;

beforeAll(async () => {
  if (skipKeychainReason) return;
  sandbox = await startSandbox({ seed: 'demo', ingestionMs: 50 });
  listener = await startListener();
  home = mkdtempSync(join(tmpdir(), 'ferry-keybind-'));
  keychain = new KeychainSecretStore(testService('keybind'));
  core = await createCore({ stateDir: home, shell: 'cli', keychain, logger: { log() {} } });
  tenantKey = sandbox.tenants.find((t) => t.name === 'Acme Production')!.key;
});
afterAll(async () => {
  if (skipKeychainReason) return;
  for (const c of await core.call('connections.list', {})) await core.call('connections.remove', { id: c.id });
  await core.dispose();
  await sandbox.stop();
  await new Promise((resolve) => listener.server.close(resolve));
  rmSync(home, { recursive: true, force: true });
});

async function addProduction(name: string) {
  const tenant = sandbox.tenants.find((t) => t.name === 'Acme Production')!;
  return core.call('connections.add', {
    name,
    baseUrl: sandbox.url,
    organization: tenant.organization,
    project: tenant.project,
    keySource: { kind: 'keychain', key: tenant.key },
  });
}

function keySentToListener(key: string): boolean {
  return listener.authorizations.some((header) => header.includes(key));
}

describe.skipIf(skipKeychainReason)('a key is bound to its host (real keychain, a listener on loopback)', () => {
  it('re-pointing a keychain connection at another origin drops its key: the listener never sees it', async () => {
    const added = await addProduction('Rebound');
    expect(added.keyStatus).toBe('stored');
    expect(await core.call('connections.test', { id: added.id })).toMatchObject({ ok: true });

    const moved = await core.call('connections.update', { id: added.id, patch: { baseUrl: listener.url } });
    expect(moved).toMatchObject({
      baseUrl: listener.url,
      keySource: 'keychain',
      keyStatus: 'missing',
      fingerprint: null,
    });
    expect(await keychain.get(added.id)).toBeNull();

    expect(await core.call('connections.test', { id: added.id })).toMatchObject({ ok: false, problem: 'key_missing' });
    // Every other way a call can reach the connection's server.
    const attempts = [
      core.call('assistants.list', { connectionId: added.id }),
      core.call('files.list', { connectionId: added.id }),
      core.call('models.list', { connectionId: added.id }),
      core.call('vectorStores.list', { connectionId: added.id }),
      core.call('clone.plan', { from: added.id, to: added.id, all: true }),
      core.gateways.get(added.id),
    ];
    for (const attempt of attempts) await expect(attempt).rejects.toThrow(/no stored key/);
    expect(keySentToListener(tenantKey)).toBe(false);
    expect(listener.authorizations).toEqual([]);
  });

  it('a key entered with the move goes to the new host, and only that key', async () => {
    const added = await addProduction('Rekeyed');
    const otherKey = 'sk-listener-only-0000000000001';
    const moved = await core.call('connections.update', {
      id: added.id,
      patch: { baseUrl: listener.url, keySource: { kind: 'keychain', key: otherKey } },
    });
    expect(moved.keyStatus).toBe('stored');
    await core.call('connections.test', { id: added.id });
    expect(keySentToListener(otherKey)).toBe(true);
    expect(keySentToListener(tenantKey)).toBe(false);
  });

  it('the same origin keeps the key (another path on the same scheme, host and port)', async () => {
    const added = await addProduction('Same host');
    const elsewhere = await core.call('connections.update', {
      id: added.id,
      patch: { baseUrl: `${sandbox.url.replace(/\/v1$/, '')}/v2` },
    });
    expect(elsewhere.keyStatus).toBe('stored');
    const back = await core.call('connections.update', { id: added.id, patch: { baseUrl: sandbox.url } });
    expect(back.keyStatus).toBe('stored');
    expect(await core.call('connections.test', { id: added.id })).toMatchObject({ ok: true });
  });

  it("a base URL changed behind the core's back (settings.json edited) still never gets the key", async () => {
    const added = await addProduction('Hand edited');
    const settings = openSettings(home);
    const all = settings.get('connections') as Array<Record<string, unknown>>;
    settings.set(
      'connections',
      all.map((c) => (c['id'] === added.id ? { ...c, baseUrl: listener.url } : c)),
    );
    settings.close();
    expect(await core.call('connections.test', { id: added.id })).toMatchObject({ ok: false, problem: 'key_missing' });
    await expect(core.call('models.list', { connectionId: added.id })).rejects.toThrow(/no stored key/);
    expect(keySentToListener(tenantKey)).toBe(false);
    // The keychain entry is kept: put the URL back and the key works again.
    expect(await keychain.get(added.id)).toBe(tenantKey);
  });

  it('an environment-variable connection moved elsewhere stops reading the variable', async () => {
    const secret = 'sk-env-bound-000000000000000002';
    process.env['FERRY_TEST_BOUND_KEY'] = secret;
    try {
      const added = await core.call('connections.add', {
        name: 'From env',
        baseUrl: sandbox.url,
        keySource: { kind: 'env', variable: 'FERRY_TEST_BOUND_KEY' },
      });
      const moved = await core.call('connections.update', { id: added.id, patch: { baseUrl: listener.url } });
      expect(moved).toMatchObject({ keySource: 'keychain', keyStatus: 'missing' });
      await core.call('connections.test', { id: added.id });
      expect(keySentToListener(secret)).toBe(false);
    } finally {
      delete process.env['FERRY_TEST_BOUND_KEY'];
    }
  });

  it('a refused rename changes nothing: neither the key nor, on a move, drops it', async () => {
    const first = await addProduction('First');
    await addProduction('Second');
    await expect(
      core.call('connections.update', {
        id: first.id,
        patch: { name: 'second', keySource: { kind: 'keychain', key: 'sk-replacement-00000000000003' } },
      }),
    ).rejects.toThrow(/already exists/);
    expect(await keychain.get(first.id)).toBe(tenantKey);
    await expect(
      core.call('connections.update', { id: first.id, patch: { name: 'Second', baseUrl: listener.url } }),
    ).rejects.toThrow(/already exists/);
    expect(await keychain.get(first.id)).toBe(tenantKey);
    expect((await core.call('connections.list', {})).find((c) => c.id === first.id)).toMatchObject({
      name: 'First',
      baseUrl: sandbox.url,
      keyStatus: 'stored',
    });
  });
});
