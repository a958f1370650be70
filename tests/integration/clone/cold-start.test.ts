import { afterEach, describe, expect, it } from 'vitest';
import type { SeedObject } from 'ferry-sandbox';
import { startSandboxWorld, type SandboxWorld } from '../../support/sandbox-core.ts';

/** 60 small files in one store: enough that a scheduler starting 96 wide would send them all at once. */
const seed: SeedObject = {
  tenants: [
    {
      name: 'Source',
      files: Array.from({ length: 60 }, (_, i) => ({
        ref: `f${i}`,
        filename: `doc-${i}.md`,
        purpose: 'assistants',
        content: `# Doc ${i}\n`,
      })),
      vectorStores: [{ ref: 'many', name: 'Many', files: Array.from({ length: 60 }, (_, i) => ({ file: `f${i}` })) }],
    },
    // The destination answers without x-ratelimit headers, as management endpoints may.
    { name: 'Dest', link: { rateLimitHeaders: false } },
  ],
};

let world: SandboxWorld | undefined;
afterEach(async () => {
  await world?.stop();
  world = undefined;
});

describe('a clone into an org that sends no rate-limit headers', () => {
  it('never has more than the starting width (8) of one kind of create in flight before its first success, then widens', async () => {
    world = await startSandboxWorld({ seed });
    const store = world.sandbox.control.objects('Source').vectorStores[0]!;
    const plan = await world.core.call('clone.plan', {
      from: 'Source',
      to: 'Dest',
      vectorStores: [store['id'] as string],
    });
    // The plan's reads succeeded already; counting starts with the apply's first write. Only the
    // destination is slow: the source's reads come back at once, so all 60 uploads are ready together and
    // the destination holds each one long enough (300 ms) for a wider start to show.
    world.sandbox.control.setFaults({ latencyMs: 300 }, 'Dest');
    world.sandbox.control.clearRequestCounts();
    const job = await world.core.jobs.wait((await world.core.call('clone.apply', { planId: plan.id })).id);
    expect(job.state).toBe('done');
    expect(world.sandbox.control.inFlight('Dest').maxBeforeFirstSuccess).toBeGreaterThan(0);
    // The starting width holds per kind of create (the plan's reads already widened the rest): the store's
    // create may overlap the first uploads, so the org as a whole can see 1 + 8 at once, never a kind 9.
    for (const route of [
      'POST /v1/vector_stores',
      'POST /v1/files',
      'POST /v1/vector_stores/{vector_store_id}/file_batches',
    ])
      expect(world.sandbox.control.inFlight('Dest', route).maxBeforeFirstSuccess, route).toBeLessThanOrEqual(8);
    // The 60 uploads, an endpoint of their own: 8 at first (the store's create warms nothing for them).
    const uploads = world.sandbox.control.inFlight('Dest', 'POST /v1/files');
    // Then it widened on success (slow start), beyond the starting width.
    expect(uploads.max).toBeGreaterThan(8);
    expect(world.sandbox.control.objects('Dest').files).toHaveLength(60);
  });
});
