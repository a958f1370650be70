import { afterAll, describe, expect, it } from 'vitest';
import { caseTimeout, chaosRuns } from '../../support/chaos.ts';
import { startSandboxWorld, type SandboxWorld } from '../../support/sandbox-core.ts';
import { markerCounts } from '../../support/snapshot.ts';

const PROD = 'Acme Production';
const STAGING = 'Acme Staging';
let world: SandboxWorld;
afterAll(() => world?.stop());

describe('fault soak', () => {
  it(
    'clones the demo organization through 10% faults on both sides: verify clean, nothing duplicated',
    async () => {
      // One run, its faults drawn from a seed that a failure names (FERRY_CHAOS_SEED replays it).
      await chaosRuns('fault soak', 1, async (_seed, random) => {
        world = await startSandboxWorld({
          seed: 'demo',
          random,
          ingestionMs: 100,
          // A timed-out attempt is abandoned after 1.5 s rather than the default 30 s, to keep the soak short.
          core: { clientOptions: { idleTimeoutMs: 1500 } },
        });
        // 10% of requests fail, split across every kind: 5xx, dropped connections, no answer, and writes that
        // are applied but whose answer is lost.
        const faults = { errorRate: 0.04, resetRate: 0.02, timeoutRate: 0.02, lostResponseRate: 0.02 };
        world.sandbox.control.setFaults(faults, PROD);
        world.sandbox.control.setFaults(faults, STAGING);
        // Which requests the rates hit depends on how requests interleave; one certain 503 on a destination
        // write makes sure there is a retry to count.
        world.sandbox.control.injectFault({ kind: 'error_503', tenant: STAGING, route: 'POST' });

        const plan = await world.core.call('clone.plan', { from: PROD, to: STAGING, all: true });
        const job = await world.core.jobs.wait((await world.core.call('clone.apply', { planId: plan.id })).id);
        world.sandbox.control.clearFaults();

        expect(job.items.filter((i) => i.state === 'failed').map((i) => `${i.label}: ${i.error}`)).toEqual([]);
        expect(job.state).toBe('done');
        expect(job.verify?.clean).toBe(true);

        const staging = world.sandbox.control.objects(STAGING);
        // One destination object per source object: by marker for assistants and stores ...
        expect([...markerCounts(world.sandbox, STAGING).entries()].filter(([, n]) => n !== 1)).toEqual([]);
        expect(staging.assistants).toHaveLength(plan.totals.assistants.create);
        expect(staging.vectorStores).toHaveLength(plan.totals.vectorStores.create);
        // ... and by count and name for files, which carry no metadata.
        expect(staging.files).toHaveLength(plan.totals.files.create);
        expect(new Set(staging.files.map((f) => f['filename'])).size).toBe(staging.files.length);
        for (const store of staging.vectorStores) {
          const planned = plan.vectorStores.find((s) => s.name === store['name'])!;
          expect(store.files).toHaveLength(planned.files.length);
        }
        const schedulerStats = (await world.core.gateways.get(STAGING)).scheduler.stats;
        expect(schedulerStats.retries).toBeGreaterThan(0);
      });
    },
    caseTimeout(1),
  );
});
