import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startSandboxWorld, type SandboxWorld } from '../../support/sandbox-core.ts';

const PROD = 'Acme Production';
const STAGING = 'Acme Staging';
let world: SandboxWorld;
afterAll(() => world?.stop());

/**
 * What a kill -9 leaves when it lands after a create was sent and before its answer was recorded: the
 * object exists in the destination with its marker, the job's journal holds the intent only, and the id
 * map (written after the journal) has no link. Made from a finished job by taking those records out.
 */
function forgetAnswer(home: string, jobId: string, key: string): string {
  const journal = join(home, 'jobs', jobId, 'journal.jsonl');
  const lines = readFileSync(journal, 'utf8').split('\n').filter(Boolean);
  const created = lines
    .map((l) => JSON.parse(l) as { t: string; key?: string; destinationId?: string })
    .find((r) => r.t === 'created' && r.key === key);
  if (!created?.destinationId) throw new Error(`no created record for ${key}`);
  const keep = lines.filter((l) => {
    const record = JSON.parse(l) as { t: string; key?: string };
    return record.key !== key || record.t === 'intent';
  });
  writeFileSync(journal, `${keep.join('\n')}\n`);
  for (const name of readdirSync(join(home, 'idmap'))) {
    const path = join(home, 'idmap', name);
    const links = readFileSync(path, 'utf8')
      .split('\n')
      .filter((l) => l && !l.includes(created.destinationId!));
    writeFileSync(path, links.length ? `${links.join('\n')}\n` : '');
  }
  return created.destinationId;
}

describe('a create whose answer was never recorded', () => {
  it("is found on resume as the job's own, so cleanup removes it (a store and an assistant)", async () => {
    world = await startSandboxWorld({ seed: 'demo', ingestionMs: 5 });
    const plan = await world.core.call('clone.plan', { from: PROD, to: STAGING, all: true });
    const job = await world.core.jobs.wait((await world.core.call('clone.apply', { planId: plan.id })).id);
    expect(job.state).toBe('done');
    const store = plan.vectorStores[0]!.key;
    const assistant = plan.assistants[0]!.key;
    const ids = [forgetAnswer(world.home, job.id, store), forgetAnswer(world.home, job.id, assistant)];

    const resumed = await world.core.jobs.wait((await world.core.call('jobs.resume', { id: job.id })).id);
    expect(resumed.state).toBe('done');
    // Recorded as made by this job (it carries the marker any clone of its source would), not as reused.
    const records = readFileSync(join(world.home, 'jobs', job.id, 'journal.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { t: string; key?: string; destinationId?: string })
      .filter((r) => (r.key === store || r.key === assistant) && (r.t === 'created' || r.t === 'updated'));
    expect(records.map((r) => `${r.t} ${r.destinationId}`).sort()).toEqual(ids.map((id) => `created ${id}`).sort());

    const report = await world.core.call('jobs.cleanup', { id: job.id });
    expect(report.failed).toEqual([]);
    const left = world.sandbox.control.objects(STAGING);
    expect({ assistants: left.assistants.length, stores: left.vectorStores.length, files: left.files.length }).toEqual({
      assistants: 0,
      stores: 0,
      files: 0,
    });
  });
});
