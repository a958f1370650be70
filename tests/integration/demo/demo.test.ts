import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/core.ts';
import { startDemoServer } from '../../../electron/demo-server.ts';

const home = mkdtempSync(join(tmpdir(), 'ferry-demo-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('Try with demo organizations', () => {
  it('starts the sandbox inside the app, adds a working connection per demo org, and brings them back after a restart', async () => {
    const first = await createCore({
      stateDir: home,
      shell: 'web',
      keychain: null,
      logger: { log() {} },
      demoServer: startDemoServer,
    });
    const { connections } = await first.call('demo.start', {});
    expect(connections.map((c) => c.name)).toEqual(['Acme Production', 'Acme Staging', 'Legacy Cloud']);
    expect(
      connections.every((c) => c.demo === true && c.keyStatus === 'session' && c.fingerprint?.startsWith('sk-…')),
    ).toBe(true);
    for (const c of connections) expect(await first.call('connections.test', { id: c.id })).toMatchObject({ ok: true });
    const prod = connections[0]!;
    const listing = await first.call('assistants.list', { connectionId: prod.id });
    expect(listing.served && listing.assistants.length).toBeGreaterThanOrEqual(12);
    const legacy = await first.call('assistants.list', { connectionId: connections[2]!.id });
    expect(legacy).toMatchObject({ served: false });
    // The demo has no control plane: nothing on its port hands out the demo's keys or changes its data.
    const origin = new URL(prod.baseUrl).origin;
    for (const path of ['/__sandbox/tenants', '/__sandbox/requests']) {
      const answer = await fetch(`${origin}${path}`);
      // Like any unknown path on the API: refused without a key (401), not found with one.
      expect([401, 404], path).toContain(answer.status);
      expect(await answer.text()).not.toMatch(/sk-sandbox-/);
    }
    expect([401, 404]).toContain((await fetch(`${origin}/__sandbox/reset`, { method: 'POST' })).status);
    // Starting again reuses the connections rather than adding more.
    await first.call('demo.start', {});
    expect(await first.call('connections.list', {})).toHaveLength(3);
    const oldUrl = (await first.call('connections.list', {}))[0]!.baseUrl;
    await first.dispose();

    const second = await createCore({
      stateDir: home,
      shell: 'web',
      keychain: null,
      logger: { log() {} },
      demoServer: startDemoServer,
    });
    try {
      const again = await second.call('connections.list', {});
      expect(again).toHaveLength(3);
      expect(again[0]!.baseUrl).not.toBe(oldUrl);
      expect(await second.call('connections.test', { id: again[0]!.id })).toMatchObject({ ok: true });
    } finally {
      await second.dispose();
    }
  });
});
