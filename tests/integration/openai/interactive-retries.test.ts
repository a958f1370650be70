import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxWorld, type SandboxWorld } from '../../support/sandbox-core.ts';

/*
 * Who waits decides how long a failing server is retried (electron/core/openai/retry-budget.ts). Through a
 * window's or a tab's dispatch, a pane's read gives up after 3 tries so the admin reads the error at once;
 * a clone job started by the same kind of call keeps the scheduler's full patience. The sandbox counts
 * every request, faulted ones included.
 */

let world: SandboxWorld;
beforeAll(async () => {
  world = await startSandboxWorld({ seed: 'demo', core: { shell: 'web' } });
});
afterAll(() => world.stop());

const counted = (route: string) => world.sandbox.control.requestCounts()[route] ?? 0;

describe('retries in a shell where an admin is waiting', () => {
  it("reports a failing server after 3 tries of a pane's read, not after a job's 8", async () => {
    world.sandbox.control.injectFault({
      kind: 'error_503',
      count: 20,
      tenant: 'Acme Production',
      route: 'GET /v1/vector_stores',
    });
    const before = counted('GET /v1/vector_stores');
    const outcome = await world.core.dispatch('vectorStores.list', {
      connectionId: world.connections['Acme Production'],
    });
    world.sandbox.control.clearFaults();
    expect(outcome).toMatchObject({
      ok: false,
      error: { code: 'upstream', message: expect.stringContaining('Acme Production') },
    });
    expect(counted('GET /v1/vector_stores') - before).toBe(3);
  });

  it('lets a clone job started from the same shell ride out more failures than that', async () => {
    const handbook = (
      await world.core.call('vectorStores.list', { connectionId: world.connections['Acme Production']! })
    ).find((s) => s.name === 'Engineering Handbook')!;
    const plan = await world.core.call('clone.plan', {
      from: 'Acme Production',
      to: 'Acme Staging',
      vectorStores: [handbook.id],
    });
    world.sandbox.control.injectFault({
      kind: 'error_503',
      count: 5,
      tenant: 'Acme Staging',
      route: 'POST /v1/vector_stores',
    });
    const started = await world.core.dispatch('clone.apply', { planId: plan.id });
    if (!started.ok) throw new Error(started.error.message);
    const job = await world.core.jobs.wait((started.result as { id: string }).id);
    expect(job.state).toBe('done');
    expect(job.verify?.clean).toBe(true);
    expect(counted('POST /v1/vector_stores')).toBe(6);
  }, 60_000);
});
