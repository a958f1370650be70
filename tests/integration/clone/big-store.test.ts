import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandboxWorld, type SandboxWorld } from '../../support/sandbox-core.ts';
import { bigStoreSeed, SCALE_SOURCE, SCALE_TARGET } from '../../support/scale-seed.ts';

let world: SandboxWorld | undefined;
let originals: string | undefined;
afterEach(async () => {
  await world?.stop();
  world = undefined;
  if (originals) rmSync(originals, { recursive: true, force: true });
  originals = undefined;
});

describe('a store of more files than one batch holds', () => {
  it('attaches them in batches sent together, and the clone verifies clean', async () => {
    const { seed, files, counts } = bigStoreSeed(1001, { fileBytes: 64 });
    // Every answer takes 40 ms, so requests sent together are seen in flight together.
    world = await startSandboxWorld({ seed, latencyMs: 40 });
    originals = mkdtempSync(join(tmpdir(), 'ferry-big-store-originals-'));
    for (const file of files) writeFileSync(join(originals, file.filename), file.content);
    const plan = await world.core.call('clone.plan', {
      from: SCALE_SOURCE,
      to: SCALE_TARGET,
      all: true,
      filesDir: originals,
    });
    const job = await world.core.jobs.wait((await world.core.call('clone.apply', { planId: plan.id })).id);
    expect(job.state).toBe('done');
    expect(job.verify?.clean).toBe(true);
    const batches = 'POST /v1/vector_stores/{vector_store_id}/file_batches';
    // 1,001 files are three batches of at most 500, in flight at once rather than one after another.
    expect(world.sandbox.control.requestCounts(SCALE_TARGET)[batches]).toBe(3);
    expect(world.sandbox.control.inFlight(SCALE_TARGET, batches).max).toBe(3);
    expect(world.sandbox.control.objects(SCALE_TARGET).vectorStores[0]?.files).toHaveLength(counts.files);
  }, 120_000);
});
