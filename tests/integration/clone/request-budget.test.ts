import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandboxWorld, type SandboxWorld } from '../../support/sandbox-core.ts';
import { SCALE_SOURCE, SCALE_TARGET, scaleSeed } from '../../support/scale-seed.ts';

let world: SandboxWorld | undefined;
let originals: string | undefined;
afterEach(async () => {
  await world?.stop();
  world = undefined;
  if (originals) rmSync(originals, { recursive: true, force: true });
  originals = undefined;
});

/**
 * The clone-speed organisation cut to its first 3 stores: 90 files (30 per store), 3 stores and the 30
 * assistants that search them. More than 20 files and assistants (verify lists those) and at most 20
 * stores (verify retrieves those one by one), so both of verify's read paths are counted.
 */
function smallOrg() {
  const { seed, files } = scaleSeed(1, { fileBytes: 256 });
  const [source, ...others] = seed.tenants;
  const stores = source!.vectorStores!.slice(0, 3);
  const storeRefs = new Set(stores.map((s) => s.ref));
  const fileRefs = new Set(stores.flatMap((s) => s.files.map((f) => f.file)));
  const kept = files.filter((f) => fileRefs.has(f.ref));
  return {
    seed: {
      tenants: [
        {
          ...source!,
          files: source!.files!.filter((f) => fileRefs.has(f.ref)),
          vectorStores: stores,
          assistants: source!.assistants!.filter((a) => a.fileSearchVectorStores?.every((ref) => storeRefs.has(ref))),
        },
        ...others,
      ],
    },
    files: kept,
  };
}

/** A plan of everything, with the folder of originals. */
const planAll = (on: SandboxWorld, filesDir: string) =>
  on.core.call('clone.plan', { from: SCALE_SOURCE, to: SCALE_TARGET, all: true, filesDir });

describe('the requests of a clone', () => {
  // Exact counts per route, from the sandbox: they do not depend on the machine's load (ingestion takes no
  // time here, so each store's first poll finds it indexed). A request added to every file or store shows
  // up here as a count that grew; if it is needed, say why in its commit and raise the count.
  it('a clone of 90 files, 3 stores and 30 assistants sends exactly these requests', async () => {
    const { seed, files } = smallOrg();
    world = await startSandboxWorld({ seed, ingestionMs: 0 });
    originals = mkdtempSync(join(tmpdir(), 'ferry-budget-originals-'));
    for (const file of files) writeFileSync(join(originals, file.filename), file.content);
    world.sandbox.control.clearRequestCounts();

    const plan = await planAll(world, originals);
    expect(plan.totals.files.create).toBe(90);
    const job = await world.core.jobs.wait((await world.core.call('clone.apply', { planId: plan.id })).id);
    expect(job.state).toBe('done');
    expect(job.verify?.clean).toBe(true);

    expect(world.sandbox.control.requestCounts(SCALE_SOURCE)).toEqual({
      // What it serves (one ask per plan: 1 assistant and 1 agent), the plan's listing, verify's listing.
      'GET /v1/assistants': 3,
      'GET /v1/agents': 1,
      // The plan's listings.
      'GET /v1/vector_stores': 1,
      'GET /v1/files': 1,
      // Each store's files: the plan's listing and verify's.
      'GET /v1/vector_stores/{vector_store_id}/files': 6,
      // Verify reads each store again, and each file's parsed text: the originals came from a folder, so
      // only the source's text can show that they hold the source's bytes (a swapped original).
      'GET /v1/vector_stores/{vector_store_id}': 3,
      'GET /v1/vector_stores/{vector_store_id}/files/{file_id}/content': 90,
    });
    expect(world.sandbox.control.requestCounts(SCALE_TARGET)).toEqual({
      // What it serves, the plan's listing, apply's one re-check listing (the plan may be stale), verify's.
      'GET /v1/assistants': 4,
      'GET /v1/agents': 1,
      'GET /v1/models': 1,
      // The plan's listing and apply's re-check listing (verify retrieves 3 stores one by one).
      'GET /v1/vector_stores': 2,
      'GET /v1/vector_stores/{vector_store_id}': 3,
      // The plan's listing and verify's.
      'GET /v1/files': 2,
      // One ingestion poll per store, which verify takes as its listing (made after the store's last write):
      // a store this job just made is not listed before its files are attached (it holds none).
      'GET /v1/vector_stores/{vector_store_id}/files': 3,
      // The writes: exactly one per object, one batch per store.
      'POST /v1/files': 90,
      'POST /v1/vector_stores': 3,
      'POST /v1/vector_stores/{vector_store_id}/file_batches': 3,
      'POST /v1/assistants': 30,
    });

    // Run again unchanged: reads only, and no parsed text is read again (a file id's text never changes;
    // verify remembered each digest). The plan lists both sides once, each reused store's files included;
    // the apply, which has nothing to write, and its verify take that listing (planner-listings.ts).
    world.sandbox.control.clearRequestCounts();
    const again = await planAll(world, originals);
    expect(again.totals.files).toMatchObject({ create: 0, reuse: 90 });
    const rerun = await world.core.jobs.wait((await world.core.call('clone.apply', { planId: again.id })).id);
    expect(rerun.state).toBe('done');
    expect(rerun.verify?.clean).toBe(true);
    expect(rerun.verify?.methods).toEqual({ 'parsed-text': 90 });
    expect(world.sandbox.control.requestCounts(SCALE_SOURCE)).toEqual({
      'GET /v1/assistants': 2,
      'GET /v1/agents': 1,
      'GET /v1/vector_stores': 1,
      'GET /v1/files': 1,
      'GET /v1/vector_stores/{vector_store_id}/files': 3,
    });
    expect(world.sandbox.control.requestCounts(SCALE_TARGET)).toEqual({
      // Nothing is to be created, so apply has nothing to re-check and lists nothing for it.
      'GET /v1/assistants': 2,
      'GET /v1/agents': 1,
      'GET /v1/models': 1,
      'GET /v1/vector_stores': 1,
      'GET /v1/files': 1,
      // The plan's listing of each reused store: nothing to attach, so it is also the wait for ingestion's
      // and verify's.
      'GET /v1/vector_stores/{vector_store_id}/files': 3,
    });
  }, 120_000);
});
