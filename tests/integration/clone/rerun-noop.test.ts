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

const writes = (counts: Record<string, number>) => Object.entries(counts).filter(([route]) => !route.startsWith('GET'));

describe('a re-run of an unchanged clone', () => {
  // Scale 2: 200 assistants, 20 stores, 600 files: every listing spans several pages, as at an org's scale.
  it('plans every object up to date or reused and sends no write at all', async () => {
    const { seed, files, counts } = scaleSeed(2, { fileBytes: 256 });
    world = await startSandboxWorld({ seed });
    originals = mkdtempSync(join(tmpdir(), 'ferry-rerun-originals-'));
    for (const file of files) writeFileSync(join(originals, file.filename), file.content);

    const first = await world.core.call('clone.plan', {
      from: SCALE_SOURCE,
      to: SCALE_TARGET,
      all: true,
      filesDir: originals,
    });
    const job = await world.core.jobs.wait((await world.core.call('clone.apply', { planId: first.id })).id);
    expect(job.state).toBe('done');
    expect(job.verify?.clean).toBe(true);

    world.sandbox.control.clearRequestCounts();
    const again = await world.core.call('clone.plan', {
      from: SCALE_SOURCE,
      to: SCALE_TARGET,
      all: true,
      filesDir: originals,
    });
    expect(again.totals.assistants).toEqual({ create: 0, update: 0, skip: counts.assistants, blocked: 0 });
    expect(again.assistants.every((a) => a.upToDate === true)).toBe(true);
    expect(again.totals.vectorStores).toEqual({ create: 0, reuse: counts.vectorStores, skip: 0 });
    expect(again.totals.files).toMatchObject({ create: 0, reuse: counts.files, skip: 0 });
    // Applied anyway (the CLI's --yes, a scripted re-run), the job reads, verifies and writes nothing.
    const rerun = await world.core.jobs.wait((await world.core.call('clone.apply', { planId: again.id })).id);
    expect(rerun.state).toBe('done');
    expect(rerun.verify?.clean).toBe(true);
    expect(writes(world.sandbox.control.requestCounts(SCALE_TARGET))).toEqual([]);
    expect(writes(world.sandbox.control.requestCounts(SCALE_SOURCE))).toEqual([]);
  }, 120_000);
});
