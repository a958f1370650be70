import { afterEach, describe, expect, it } from 'vitest';
import { bigStoreSeed, SCALE_TARGET } from '../../support/scale-seed.ts';
import { startScaleWorld, type ScaleWorld } from '../../support/scale-world.ts';

let world: ScaleWorld | undefined;
afterEach(async () => {
  await world?.stop();
  world = undefined;
});

describe('a store of more files than one batch holds', () => {
  it('attaches them in batches sent together, and the clone verifies clean', async () => {
    const scaled = bigStoreSeed(1001, { fileBytes: 64 });
    // Every answer takes 40 ms, so requests sent together are seen in flight together.
    world = await startScaleWorld(scaled, { latencyMs: 40 });
    const job = await world.apply(await world.plan());
    expect(job.state).toBe('done');
    expect(job.verify?.clean).toBe(true);
    const batches = 'POST /v1/vector_stores/{vector_store_id}/file_batches';
    // 1,001 files are three batches of at most 500, in flight at once rather than one after another.
    expect(world.sandbox.control.requestCounts(SCALE_TARGET)[batches]).toBe(3);
    expect(world.sandbox.control.inFlight(SCALE_TARGET, batches).max).toBe(3);
    expect(world.sandbox.control.objects(SCALE_TARGET).vectorStores[0]?.files).toHaveLength(scaled.counts.files);
  }, 120_000);
});
