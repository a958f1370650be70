import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandboxWorld, type SandboxWorld } from '../../support/sandbox-core.ts';
import { comparableTenant, markerCounts } from '../../support/snapshot.ts';

let world: SandboxWorld | undefined;
afterEach(async () => {
  await world?.stop();
  world = undefined;
});

const PROD = 'Acme Production';
const STAGING = 'Acme Staging';

async function cloneAll(w: SandboxWorld, extra: Record<string, unknown> = {}) {
  const plan = await w.core.call('clone.plan', { from: PROD, to: STAGING, all: true, ...extra });
  const job = await w.core.call('clone.apply', { planId: plan.id });
  return { plan, job: await w.core.jobs.wait(job.id) };
}

describe('clone engine against the sandbox', () => {
  it('clones the demo organization: tool resources remapped, verify clean but for labelled reconstructions, source untouched', async () => {
    world = await startSandboxWorld({ seed: 'demo' });
    const sourceBefore = comparableTenant(world.sandbox, PROD);
    world.sandbox.control.clearRequestCounts();
    const { plan, job } = await cloneAll(world);

    expect(job.state).toBe('done');
    expect(job.verify?.clean).toBe(true);
    expect(job.verify?.reconstructed.length).toBe(plan.totals.files.lossy);
    // The source was only read.
    const writes = Object.entries(world.sandbox.control.requestCounts(PROD)).filter(
      ([route]) => !route.startsWith('GET'),
    );
    expect(writes).toEqual([]);
    expect(comparableTenant(world.sandbox, PROD)).toEqual(sourceBefore);

    const staging = world.sandbox.control.objects(STAGING);
    const triage = staging.assistants.find((a) => a['name'] === 'Support Triage')!;
    const resources = triage['tool_resources'] as {
      code_interpreter: { file_ids: string[] };
      file_search: { vector_store_ids: string[] };
    };
    const kb = staging.vectorStores.find((s) => s['name'] === 'Support Knowledge Base')!;
    expect(resources.file_search.vector_store_ids).toEqual([kb['id']]);
    const catalog = staging.files.find((f) => f['filename'] === 'product-catalog.json')!;
    expect(resources.code_interpreter.file_ids).toEqual([catalog['id']]);
    // Shared objects map to one destination object each.
    expect([...markerCounts(world.sandbox, STAGING).values()].every((n) => n === 1)).toBe(true);
    expect(staging.files.filter((f) => f['filename'] === 'refund-policy.md')).toHaveLength(1);
    // Per-file attributes and chunking came along (chunking "other", response-only, becomes auto: the Legacy tenant holds it).
    const source = world.sandbox.control.objects(PROD);
    const sourceKb = source.vectorStores.find((s) => s['name'] === 'Support Knowledge Base')!;
    const chunkings = (store: typeof kb) => store.files.map((f) => JSON.stringify(f['chunking_strategy'])).sort();
    expect(chunkings(kb)).toEqual(chunkings(sourceKb));
  });

  it('running the clone again creates nothing', async () => {
    world = await startSandboxWorld({ seed: 'demo' });
    await cloneAll(world);
    const before = world.sandbox.control.objects(STAGING);
    world.sandbox.control.clearRequestCounts();
    const plan = await world.core.call('clone.plan', { from: PROD, to: STAGING, all: true });
    expect(plan.totals.files.create).toBe(0);
    expect(plan.totals.vectorStores.create).toBe(0);
    expect(plan.totals.assistants.create).toBe(0);
    expect(plan.totals.assistants.update).toBe(0);
    // Every clone matches its source: up to date, not "update". Only the model-less Quote Builder stays blocked.
    expect(
      plan.assistants.filter((a) => a.action !== 'blocked').every((a) => a.action === 'skip' && a.upToDate === true),
    ).toBe(true);
    await expect(world.core.call('clone.apply', { planId: plan.id })).rejects.toThrow(/Nothing can be cloned/);
    const after = world.sandbox.control.objects(STAGING);
    expect(
      Object.keys(world.sandbox.control.requestCounts(STAGING)).filter((route) => !route.startsWith('GET')),
    ).toEqual([]);
    expect(after.assistants.length).toBe(before.assistants.length);
    expect(after.files.length).toBe(before.files.length);
    expect(after.vectorStores.length).toBe(before.vectorStores.length);
  });

  it('blocks an assistant whose model the destination lacks until it is mapped', async () => {
    world = await startSandboxWorld({ seed: 'demo' });
    const quote = world.sandbox.control.objects(PROD).assistants.find((a) => a['name'] === 'Quote Builder')!;
    const blocked = await world.core.call('clone.plan', {
      from: PROD,
      to: STAGING,
      assistants: [quote['id'] as string],
    });
    expect(blocked.assistants[0]).toMatchObject({ action: 'blocked', model: { available: false } });
    expect(blocked.blockers[0]).toMatch(/has no model "ft:/);
    const mapped = await world.core.call('clone.plan', {
      from: PROD,
      to: STAGING,
      assistants: [quote['id'] as string],
      modelMap: { [quote['model'] as string]: 'gpt-4o-mini' },
    });
    expect(mapped.assistants[0]).toMatchObject({
      action: 'create',
      model: { destination: 'gpt-4o-mini', available: true },
    });
    const job = await world.core.jobs.wait((await world.core.call('clone.apply', { planId: mapped.id })).id);
    expect(job.state).toBe('done');
    expect(
      world.sandbox.control.objects(STAGING).assistants.find((a) => a['name'] === 'Quote Builder')?.['model'],
    ).toBe('gpt-4o-mini');
  });

  it('updates an existing clone in place, with a field-level diff in the plan; --on-conflict new and skip do what they say', async () => {
    world = await startSandboxWorld({ seed: 'demo' });
    const triage = world.sandbox.control.objects(PROD).assistants.find((a) => a['name'] === 'Translation Helper')!;
    const id = triage['id'] as string;
    await world.core.jobs.wait(
      (
        await world.core.call('clone.apply', {
          planId: (await world.core.call('clone.plan', { from: PROD, to: STAGING, assistants: [id] })).id,
        })
      ).id,
    );
    const clone = world.sandbox.control.objects(STAGING).assistants.find((a) => a['name'] === 'Translation Helper')!;
    await world.core.call('assistants.update', {
      connectionId: world.connections[STAGING]!,
      assistantId: clone['id'] as string,
      patch: { temperature: 1.5 },
    });

    const update = await world.core.call('clone.plan', { from: PROD, to: STAGING, assistants: [id] });
    expect(update.assistants[0]).toMatchObject({
      action: 'update',
      destinationId: clone['id'],
      diff: [{ field: 'temperature', source: 0.7, destination: 1.5 }],
    });
    const skip = await world.core.call('clone.plan', { from: PROD, to: STAGING, assistants: [id], onConflict: 'skip' });
    expect(skip.assistants[0]?.action).toBe('skip');
    const fresh = await world.core.call('clone.plan', { from: PROD, to: STAGING, assistants: [id], onConflict: 'new' });
    expect(fresh.assistants[0]?.action).toBe('create');

    await world.core.jobs.wait((await world.core.call('clone.apply', { planId: update.id })).id);
    const after = world.sandbox.control.objects(STAGING).assistants.filter((a) => a['name'] === 'Translation Helper');
    expect(after).toHaveLength(1);
    expect(after[0]!['temperature']).toBe(0.7);
  });

  it('takes undownloadable files from a local folder (by name and size) and caches them for later clones', async () => {
    world = await startSandboxWorld({ seed: 'demo' });
    const source = world.sandbox.control.objects(PROD);
    const analyst = source.assistants.find((a) => a['name'] === 'Data Analyst')!;
    const folder = join(world.home, 'originals');
    mkdirSync(join(folder, 'nested'), { recursive: true });
    // The sandbox serves its own bytes to its control API in tests; a real admin has the originals on disk.
    for (const file of source.files.filter((f) =>
      ['sales-q3-2026.csv', 'churn-cohorts.json'].includes(f['filename'] as string),
    )) {
      writeFileSync(join(folder, 'nested', file['filename'] as string), 'x'.repeat(file['bytes'] as number));
    }
    writeFileSync(join(folder, 'inventory-snapshot.csv'), 'wrong size');
    const plan = await world.core.call('clone.plan', {
      from: PROD,
      to: STAGING,
      assistants: [analyst['id'] as string],
      filesDir: folder,
    });
    const bySource = Object.fromEntries(plan.files.map((f) => [f.filename, f.byteSource]));
    expect(bySource).toEqual({
      'sales-q3-2026.csv': 'local',
      'churn-cohorts.json': 'local',
      'inventory-snapshot.csv': 'none',
    });
    const job = await world.core.jobs.wait((await world.core.call('clone.apply', { planId: plan.id })).id);
    expect(job.items.find((i) => i.label === 'Data Analyst')?.state).toBe('done');

    // From Staging onwards, the copies are undownloadable too, but Ferry kept the bytes it uploaded.
    const stagingAnalyst = world.sandbox.control.objects(STAGING).assistants.find((a) => a['name'] === 'Data Analyst')!;
    const onwards = await world.core.call('clone.plan', {
      from: STAGING,
      to: 'Legacy Cloud',
      assistants: [stagingAnalyst['id'] as string],
    });
    // Legacy Cloud serves agents, not assistants: the assistant is carried as an agent, its files from the cache.
    expect(onwards.agents?.[0]).toMatchObject({ from: 'assistant', action: 'create', name: 'Data Analyst' });
    expect(onwards.files.map((f) => f.byteSource).sort()).toEqual(['cache', 'cache']);
    const back = await world.core.call('clone.plan', {
      from: STAGING,
      to: PROD,
      assistants: [stagingAnalyst['id'] as string],
      onConflict: 'new',
    });
    expect(back.files.map((f) => f.byteSource).sort()).toEqual(['cache', 'cache']);
  });

  it('refuses a read-only destination before reading anything, with the reason', async () => {
    world = await startSandboxWorld({ seed: 'demo', readOnly: [STAGING] });
    world.sandbox.control.clearRequestCounts();
    await expect(world.core.call('clone.plan', { from: PROD, to: STAGING, all: true })).rejects.toMatchObject({
      code: 'read_only',
      message: expect.stringMatching(/"Acme Staging" is a read-only connection/),
    });
    expect(Object.keys(world.sandbox.control.requestCounts(STAGING))).toEqual([]);
  });

  it('cancel stops the job, leaves it resumable, and resume finishes it without duplicates; cleanup removes exactly what it created', async () => {
    world = await startSandboxWorld({ seed: 'demo', latencyMs: 40 });
    const stagingBefore = world.sandbox.control.objects(STAGING);
    const keep = await (
      await world.core.gateways.get(STAGING)
    ).vectorStores.create({ name: "Pre-existing, not Ferry's" });
    const plan = await world.core.call('clone.plan', { from: PROD, to: STAGING, all: true });
    const started = await world.core.call('clone.apply', { planId: plan.id });
    await new Promise<void>((resolve) => {
      const off = world!.core.subscribe((event) => {
        if (event.type === 'job.updated' && event.job.id === started.id && event.job.counts.done >= 5) {
          off();
          resolve();
        }
      });
    });
    await world.core.call('jobs.cancel', { id: started.id });
    const cancelled = await world.core.jobs.wait(started.id);
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.items.some((i) => i.state === 'cancelled')).toBe(true);

    await world.core.call('jobs.resume', { id: started.id });
    const resumed = await world.core.jobs.wait(started.id);
    expect(resumed.state).toBe('done');
    expect(resumed.verify?.clean).toBe(true);
    expect([...markerCounts(world.sandbox, STAGING).values()].every((n) => n === 1)).toBe(true);

    const report = await world.core.call('jobs.cleanup', { id: started.id });
    expect(report.failed).toEqual([]);
    const after = world.sandbox.control.objects(STAGING);
    expect(after.assistants).toEqual(stagingBefore.assistants);
    expect(after.files).toEqual(stagingBefore.files);
    expect(after.vectorStores.map((s) => s['id'])).toEqual([keep.id]);
  });

  it('a job cancelled while its stores ingest (batches cancelled with it) finishes on resume: the cancelled files are attached again', async () => {
    world = await startSandboxWorld({ seed: 'demo', ingestionMs: 1500 });
    const stores = world.sandbox.control.objects(PROD).vectorStores.map((s) => s['id'] as string);
    const plan = await world.core.call('clone.plan', { from: PROD, to: STAGING, vectorStores: stores });
    const started = await world.core.call('clone.apply', { planId: plan.id });
    await new Promise<void>((resolve) => {
      const off = world!.core.subscribe((event) => {
        if (
          event.type === 'job.updated' &&
          event.job.id === started.id &&
          event.items.some((i) => i.key.startsWith('vs:') && (i.ingest?.inProgress ?? 0) > 0)
        ) {
          off();
          resolve();
        }
      });
    });
    await world.core.call('jobs.cancel', { id: started.id });
    expect((await world.core.jobs.wait(started.id)).state).toBe('cancelled');
    const cancelledFiles = world.sandbox.control
      .objects(STAGING)
      .vectorStores.flatMap((s) => s.files)
      .filter((f) => f['status'] === 'cancelled');
    expect(cancelledFiles.length).toBeGreaterThan(0);

    await world.core.call('jobs.resume', { id: started.id });
    const resumed = await world.core.jobs.wait(started.id);
    expect(resumed.state).toBe('done');
    expect(resumed.verify?.clean).toBe(true);
    const staging = world.sandbox.control.objects(STAGING);
    expect(staging.vectorStores).toHaveLength(3);
    expect(staging.vectorStores.flatMap((s) => s.files).every((f) => f['status'] === 'completed')).toBe(true);
  });

  it('reports a file stuck in ingestion as still in progress at the deadline, not a hang', async () => {
    world = await startSandboxWorld({ seed: 'demo' });
    await world.core.dispose();
    const { createCore } = await import('../../../electron/core/core.ts');
    const core = await createCore({
      stateDir: world.home,
      shell: 'cli',
      keychain: null,
      logger: { log() {} },
      ingestDeadlineMs: 1500,
    });
    world.core = core;
    for (const tenant of world.sandbox.tenants) {
      const c = (await core.call('connections.list', {})).find((x) => x.name === tenant.name)!;
      await core.call('connections.update', { id: c.id, patch: { keySource: { kind: 'keychain', key: tenant.key } } });
    }
    world.sandbox.control.setStuck(STAGING, { filenames: ['warranty-terms.txt'] });
    const kb = world.sandbox.control.objects(PROD).vectorStores.find((s) => s['name'] === 'Support Knowledge Base')!;
    const plan = await core.call('clone.plan', { from: PROD, to: STAGING, vectorStores: [kb['id'] as string] });
    const job = await core.jobs.wait((await core.call('clone.apply', { planId: plan.id })).id);
    const store = job.items.find((i) => i.kind === 'vector_store')!;
    expect(job.state).toBe('failed');
    expect(store.state).toBe('failed');
    expect(store.ingest).toMatchObject({ inProgress: 1 });
    expect(store.fileErrors?.[0]?.message).toMatch(/Still in progress after 2 s/);
    // It may yet finish: a Retry is worth offering.
    expect(store.fileErrors?.[0]?.retryable).toBe(true);
    expect(store.retryable).toBe(true);
  });

  it('marks a failure retrying cannot fix (a source file deleted since the plan) so no Retry is offered, and keeps that on disk', async () => {
    world = await startSandboxWorld({ seed: 'demo' });
    const source = world.sandbox.control.objects(PROD);
    const sales = source.vectorStores.find((s) => s['name'] === 'Sales Enablement')!;
    const pricing = source.files.find((f) => f['filename'] === 'pricing-2026.md')!;
    const plan = await world.core.call('clone.plan', {
      from: PROD,
      to: STAGING,
      vectorStores: [sales['id'] as string],
    });
    const prod = (await world.core.call('connections.list', {})).find((c) => c.name === PROD)!;
    await world.core.call('files.delete', { connectionId: prod.id, fileId: pricing['id'] as string });
    const job = await world.core.jobs.wait((await world.core.call('clone.apply', { planId: plan.id })).id);
    expect(job.state).toBe('failed');
    const file = job.items.find((i) => i.label === 'pricing-2026.md')!;
    expect(file).toMatchObject({ state: 'failed', retryable: false });
    expect(file.error).toMatch(/not found on .*Retrying cannot help: what this step needs is no longer there\./);
    const store = job.items.find((i) => i.kind === 'vector_store')!;
    expect(store).toMatchObject({ state: 'failed', retryable: false });
    expect(store.fileErrors).toEqual([
      { fileKey: file.key, message: 'The file itself could not be copied, so it was not attached.', retryable: false },
    ]);
    // The files that did copy are done, and nothing marks them.
    expect(job.items.filter((i) => i.state === 'done').every((i) => i.retryable === undefined)).toBe(true);
    // Read back from the job's files, as after a restart.
    const listed = (await world.core.call('jobs.list', {})).find((j) => j.id === job.id)!;
    expect(listed.items.find((i) => i.key === file.key)?.retryable).toBe(false);
  });
});
