import { afterEach, describe, expect, it } from 'vitest';
import { SCALE_SOURCE, SCALE_TARGET, scaleSeed } from '../../support/scale-seed.ts';
import { startScaleWorld, type ScaleWorld } from '../../support/scale-world.ts';

let world: ScaleWorld | undefined;
afterEach(async () => {
  await world?.stop();
  world = undefined;
});

const writes = (counts: Record<string, number>) => Object.entries(counts).filter(([route]) => !route.startsWith('GET'));
const reads = (tenant: string) =>
  Object.fromEntries(
    Object.entries(world!.sandbox.control.requestCounts(tenant)).filter(([route]) => route.startsWith('GET')),
  );

describe('a re-run of an unchanged clone', () => {
  // Scale 2: 200 assistants, 20 stores, 600 files: every listing spans several pages, as at an org's scale.
  it('plans every object up to date or reused and sends no write at all', async () => {
    const scaled = scaleSeed(2, { fileBytes: 256 });
    const { counts } = scaled;
    world = await startScaleWorld(scaled);
    const job = await world.apply(await world.plan());
    expect(job.state).toBe('done');
    expect(job.verify?.clean).toBe(true);

    world.sandbox.control.clearRequestCounts();
    const again = await world.plan();
    expect(again.totals.assistants).toEqual({ create: 0, update: 0, skip: counts.assistants, blocked: 0 });
    expect(again.assistants.every((a) => a.upToDate === true)).toBe(true);
    expect(again.totals.vectorStores).toEqual({ create: 0, reuse: counts.vectorStores, skip: 0 });
    expect(again.totals.files).toMatchObject({ create: 0, reuse: counts.files, skip: 0 });
    const planned = { source: reads(SCALE_SOURCE), destination: reads(SCALE_TARGET) };
    // Applied anyway (the CLI's --yes, a scripted re-run), the job reads, verifies and writes nothing.
    const rerun = await world.apply(again);
    expect(rerun.state).toBe('done');
    expect(rerun.verify?.clean).toBe(true);
    expect(writes(world.sandbox.control.requestCounts(SCALE_TARGET))).toEqual([]);
    expect(writes(world.sandbox.control.requestCounts(SCALE_SOURCE))).toEqual([]);
    // The plan listed both sides once; the apply and its verify took that listing and read nothing more
    // (the parsed texts' digests are known from the first verify) ...
    expect({ source: reads(SCALE_SOURCE), destination: reads(SCALE_TARGET) }).toEqual(planned);
    expect(planned.destination['GET /v1/vector_stores/{vector_store_id}/files']).toBe(counts.vectorStores);
    expect(planned.source['GET /v1/vector_stores/{vector_store_id}/files']).toBe(counts.vectorStores);
    // ... and checked every object all the same, up-to-date assistants included, as of the plan's listing.
    expect(rerun.verify?.checked).toBe(counts.assistants + counts.vectorStores + counts.files);
    expect(Date.parse(rerun.verify?.checkedAt ?? '')).toBeLessThanOrEqual(Date.parse(again.createdAt));
  }, 120_000);

  it("takes the plan's listing for its verify, and a difference in it is reported", async () => {
    world = await startScaleWorld(scaleSeed(1, { fileBytes: 64 }));
    expect((await world.apply(await world.plan())).state).toBe('done');
    // A store file's attributes changed by another hand: the plan reuses the store all the same (it has
    // nothing to write), and the verify, from the plan's own listing, finds the difference.
    const store = world.sandbox.control.objects(SCALE_TARGET).vectorStores[0]!;
    const destination = await world.core.gateways.get(SCALE_TARGET);
    await destination.vectorStores.updateFileAttributes(String(store.id), String(store.files[0]!.id), {
      section: 'changed',
    });
    const again = await world.plan();
    world.sandbox.control.clearRequestCounts();
    const rerun = await world.apply(again);
    expect(reads(SCALE_TARGET)).toEqual({});
    expect(rerun.verify?.clean).toBe(false);
    expect(rerun.verify?.differences).toEqual([
      expect.objectContaining({ field: 'attributes', destination: { section: 'changed' }, expected: false }),
    ]);
  }, 60_000);
});
