import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxWorld, type SandboxWorld } from '../../support/sandbox-core.ts';

/**
 * A keep-alive connection the server closes for idleness while a create is on its way. The server
 * announces `Keep-Alive: timeout=4`; undici retires an idle socket 2 s before that, but on its own coarse
 * clock (for timeouts over a second), which stands still while the event loop is busy: a client whose loop
 * was blocked for most of the timeout still takes the socket for the create. The server, itself late, closes the socket before
 * it reads the request (its idle timer runs before its read), so the create fails with the connection
 * reset although the server never saw it, and Ferry, which cannot know that, reconciles. Retiring sockets
 * by the wall clock before they are used avoids both the failure and the reconcile.
 */
const KEEP_ALIVE_MS = 4000;

let world: SandboxWorld;
beforeAll(async () => {
  world = await startSandboxWorld({
    seed: { tenants: [{ name: 'Sandbox', models: ['gpt-4o'] }] },
    keepAliveMs: KEEP_ALIVE_MS,
  });
});
afterAll(() => world.stop());

/** Holds the whole process (client and in-process server alike) until `until` (performance.now()). */
function blockUntil(until: number): void {
  while (performance.now() < until) {
    // busy: a loop that lags is the condition under test
  }
}

describe('a keep-alive socket the server is about to close', () => {
  it('is not used for a create, so no create fails, none is reconciled and none is made twice', async () => {
    const gateway = await world.core.gateways.get('Sandbox');
    let reconciles = 0;
    const reconcile = async () => {
      reconciles += 1;
      return undefined;
    };
    // One answered request leaves one idle keep-alive socket, idle from now.
    const listing = await gateway.assistants.list();
    expect(listing.served).toBe(true);
    const idleFrom = performance.now();
    // A turn of the loop hands the socket back to the pool as idle (right after an answer it is not yet).
    await new Promise((resolve) => setTimeout(resolve, 20));
    // The loop lags for most of the server's timeout: undici's own idle clock barely moves meanwhile.
    blockUntil(idleFrom + KEEP_ALIVE_MS - 150);
    // Once the create's bytes are written, the process lags on past the server's deadline, so the server's
    // idle timer fires before its read: a socket still in use then is reset under the create.
    const lagAfterSend = () => blockUntil(idleFrom + KEEP_ALIVE_MS + 150);
    subscribe('undici:request:bodySent', lagAfterSend);
    try {
      const before = gateway.scheduler.stats.retries;
      const created = await gateway.assistants.create({ model: 'gpt-4o', name: 'After a lag' }, { reconcile });
      expect(created.name).toBe('After a lag');
      expect(reconciles).toBe(0);
      expect(gateway.scheduler.stats.retries - before).toBe(0);
    } finally {
      unsubscribe('undici:request:bodySent', lagAfterSend);
    }
    const after = await gateway.assistants.list();
    expect(after.served && after.assistants.filter((a) => a.name === 'After a lag').length).toBe(1);
  });
});
