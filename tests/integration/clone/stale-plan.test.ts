import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startSandboxWorld, type SandboxWorld } from '../../support/sandbox-core.ts';
import { markerCounts } from '../../support/snapshot.ts';

const PROD = 'Acme Production';
const STAGING = 'Acme Staging';
let world: SandboxWorld;
afterAll(() => world?.stop());

const created = (home: string, jobId: string) => {
  const path = join(home, 'jobs', jobId, 'journal.jsonl');
  return existsSync(path)
    ? readFileSync(path, 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('{"t":"created"')).length
    : 0;
};

describe('apply re-checks its plan', () => {
  it('two plans made before either ran: the second, applied after the first, reuses what the first made', async () => {
    world = await startSandboxWorld({ seed: 'demo' });
    // Two drags into one destination: both plans see an empty destination and plan to create everything.
    const first = await world.core.call('clone.plan', { from: PROD, to: STAGING, all: true });
    const second = await world.core.call('clone.plan', { from: PROD, to: STAGING, all: true });
    expect(second.totals.files.create).toBe(first.totals.files.create);
    const one = await world.core.jobs.wait((await world.core.call('clone.apply', { planId: first.id })).id);
    const counts = () => {
      const o = world.sandbox.control.objects(STAGING);
      return {
        assistants: o.assistants.length,
        stores: o.vectorStores.length,
        files: o.files.length,
        attached: o.vectorStores.reduce((n, s) => n + s.files.length, 0),
      };
    };
    const afterFirst = counts();
    const two = await world.core.jobs.wait((await world.core.call('clone.apply', { planId: second.id })).id);
    expect(two.state).toBe('done');
    expect(two.verify?.clean).toBe(true);
    // Nothing doubled: the stale plan's creates found the first job's objects by id map and marker.
    expect(counts()).toEqual(afterFirst);
    expect([...markerCounts(world.sandbox, STAGING).values()].every((n) => n === 1)).toBe(true);
    expect(created(world.home, two.id)).toBe(0);
    // So cleaning up the second job removes nothing, and the first job's cleanup removes everything.
    expect((await world.core.call('jobs.cleanup', { id: two.id })).deleted).toEqual([]);
    await world.core.call('jobs.cleanup', { id: one.id });
    expect(counts()).toEqual({ assistants: 0, stores: 0, files: 0, attached: 0 });
  });
});
