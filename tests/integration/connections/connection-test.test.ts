import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxWorld, type SandboxWorld } from '../../support/sandbox-core.ts';

let world: SandboxWorld;
beforeAll(async () => {
  world = await startSandboxWorld({ seed: 'demo' });
});
afterAll(() => world.stop());

async function addAndTest(fields: Record<string, unknown>) {
  const added = await world.core.call('connections.add', {
    name: `c-${Math.random().toString(36).slice(2)}`,
    baseUrl: world.sandbox.url,
    ...fields,
  } as never);
  return world.core.call('connections.test', { id: added.id });
}

describe('connections.test against a real server (the sandbox)', () => {
  it('reports the model count and latency for a working key', async () => {
    const result = await world.core.call('connections.test', { id: world.connections['Acme Production']! });
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    expect(result.modelCount).toBe(world.sandbox.control.objects('Acme Production').models.length);
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('says the key was rejected (401) for an unknown key', async () => {
    const result = await addAndTest({ keySource: { kind: 'keychain', key: 'sk-not-a-real-key-000000000000' } });
    expect(result).toMatchObject({ ok: false, problem: 'invalid_key', status: 401 });
    expect(JSON.stringify(result)).not.toContain('sk-not-a-real-key');
  });

  it('says the key lacks permissions (401 Missing scopes) for a restricted key', async () => {
    const restricted = world.sandbox.control.addKey('Acme Production', []);
    const result = await addAndTest({ keySource: { kind: 'keychain', key: restricted } });
    expect(result).toMatchObject({ ok: false, problem: 'missing_scopes', status: 401 });
    if (!result.ok) expect(result.message).toMatch(/lacks the permissions Ferry needs/);
  });

  it('says the organization does not match the key', async () => {
    const tenant = world.sandbox.tenants.find((t) => t.name === 'Acme Production')!;
    const result = await addAndTest({
      organization: 'org-someoneelse',
      keySource: { kind: 'keychain', key: tenant.key },
    });
    expect(result).toMatchObject({ ok: false, problem: 'invalid_key', status: 401 });
    if (!result.ok) expect(result.message).toMatch(/does not belong to the Organization ID or Project ID/);
  });

  it('says the server is unreachable, in words', async () => {
    // A port that was free a moment ago: nothing listens there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const result = await world.core.call('connections.test', {
      id: (
        await world.core.call('connections.add', {
          name: 'Nowhere',
          baseUrl: `http://127.0.0.1:${port}/v1`,
          keySource: { kind: 'keychain', key: 'sk-anything-000000000' },
        })
      ).id,
    });
    expect(result).toMatchObject({ ok: false, problem: 'unreachable' });
    if (!result.ok)
      expect(result.message).toContain(`Could not reach http://127.0.0.1:${port}/v1 (nothing is listening there)`);
  });

  it('says the Base URL is wrong when /models is not there (404)', async () => {
    const tenant = world.sandbox.tenants[0]!;
    const result = await addAndTest({
      baseUrl: world.sandbox.url.replace(/\/v1$/, '/v2'),
      keySource: { kind: 'keychain', key: tenant.key },
    });
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(['not_found', 'invalid_key']).toContain(result.problem);
  });
});
