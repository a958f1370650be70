import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCliWorld, type CliWorld } from '../../support/cli-world.ts';
import { ferry, sdkFor } from './in-process.ts';

const ORG = 'Acme Staging';
let world: CliWorld;
let sdk: OpenAI;
let dir: string;
const path = (name: string) => join(dir, name);

beforeAll(async () => {
  world = await startCliWorld({ ingestionMs: 50 });
  sdk = sdkFor(world, ORG);
  dir = mkdtempSync(join(tmpdir(), 'ferry-vs-cli-'));
  writeFileSync(path('seed.md'), '# Seed\nThe first file, added when the store is made.');
  writeFileSync(path('refunds.md'), '# Refunds\nRefunds are paid within 14 days of a return.');
  writeFileSync(path('shipping.md'), '# Shipping\nShipping takes three days; express shipping takes one.');
  writeFileSync(path('pricing.md'), '# Pricing\nShipping is free above 50 euros; pricing is per seat.');
  writeFileSync(path('blob.bin'), Buffer.from([0, 1, 2, 3, 4, 5]));
  writeFileSync(path('late.md'), '# Late\nA file whose ingestion is cancelled, then retried.');
});
afterAll(async () => {
  await world.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface Store {
  id: string;
  name: string;
  metadata: Record<string, string>;
}
interface StoreFile {
  id: string;
  status: string;
  attributes: Record<string, unknown> | null;
  last_error: { message: string } | null;
}

describe('ferry vector-stores, checked with the official SDK', () => {
  let store: Store;
  let seedId: string;
  const ids: Record<string, string> = {};

  it('creates a store with metadata and static chunking for the files added at creation', async () => {
    const seed = await ferry(world, ['files', 'upload', path('seed.md'), '--conn', ORG, '--json']);
    expect(seed.code, seed.stderr).toBe(0);
    seedId = seed.json<{ uploaded: { id: string }[] }>().uploaded[0]!.id;

    const created = await ferry(world, [
      'vector-stores',
      'create',
      '--name',
      'Returns desk',
      '--metadata',
      'owner=ops',
      '--metadata',
      'tier=gold',
      '--expires-after-days',
      '30',
      '--chunking',
      'static:300:50',
      '--file-id',
      seedId,
      '--conn',
      ORG,
      '--json',
    ]);
    expect(created.code, created.stderr).toBe(0);
    store = created.json<Store>();
    const remote = await sdk.vectorStores.retrieve(store.id);
    expect(remote).toMatchObject({
      name: 'Returns desk',
      metadata: { owner: 'ops', tier: 'gold' },
      expires_after: { anchor: 'last_active_at', days: 30 },
    });
    const files = (await sdk.vectorStores.files.list(store.id)).data;
    expect(files.map((f) => f.id)).toEqual([seedId]);
    expect(files[0]!.chunking_strategy).toEqual({
      type: 'static',
      static: { max_chunk_size_tokens: 300, chunk_overlap_tokens: 50 },
    });
  });

  it('uploads three files with attributes, following ingestion to the end', async () => {
    const ops = await ferry(world, [
      'vector-stores',
      'upload',
      store.id,
      path('refunds.md'),
      path('shipping.md'),
      '--attr',
      'team=ops',
      '--attr',
      'version=2',
      '--chunking',
      'static:400:100',
      '--conn',
      ORG,
    ]);
    expect(ops.code, ops.stderr).toBe(0);
    // Off a terminal the progress is plain lines: one as each file starts, one as it ends.
    expect(ops.stderr).toMatch(/Uploading \(1\/2\) refunds\.md .*\nUploaded \(1\/2\) refunds\.md as file-/);
    expect(ops.stderr).toContain('Ingested ');
    expect(ops.stderr).not.toContain('\r');
    expect(ops.stdout).toContain('2 of 2 files ingested.');

    const sales = await ferry(world, [
      'vector-stores',
      'upload',
      store.id,
      path('pricing.md'),
      '--attr',
      'team=sales',
      '--attr',
      'version=3',
      '--conn',
      ORG,
      '--json',
    ]);
    expect(sales.code, sales.stderr).toBe(0);
    const answer = sales.json<{ files: StoreFile[]; uploaded: { id: string; filename: string }[] }>();
    expect(answer.files.map((f) => f.status)).toEqual(['completed']);

    const remote = (await sdk.vectorStores.files.list(store.id, { limit: 100 })).data;
    const byName = new Map<string, (typeof remote)[number]>();
    for (const file of remote) byName.set((await sdk.files.retrieve(file.id)).filename, file);
    for (const name of ['refunds.md', 'shipping.md', 'pricing.md']) ids[name] = byName.get(name)!.id;
    expect(remote.every((f) => f.status === 'completed')).toBe(true);
    expect(byName.get('refunds.md')!.attributes).toEqual({ team: 'ops', version: 2 });
    expect(byName.get('shipping.md')!.chunking_strategy).toEqual({
      type: 'static',
      static: { max_chunk_size_tokens: 400, chunk_overlap_tokens: 100 },
    });
    expect(byName.get('pricing.md')!.attributes).toEqual({ team: 'sales', version: 3 });
  });

  it('searches with a filter: the same hits the SDK gets with that filter', async () => {
    const run = await ferry(world, [
      'vector-stores',
      'search',
      store.id,
      'shipping',
      '--filter',
      'team=ops',
      '--max',
      '5',
      '--conn',
      ORG,
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const hits = run.json<{ fileId: string; attributes: Record<string, unknown> }[]>();
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.attributes['team'] === 'ops')).toBe(true);
    const remote = (
      await sdk.vectorStores.search(store.id, {
        query: 'shipping',
        max_num_results: 5,
        filters: { type: 'eq', key: 'team', value: 'ops' },
      })
    ).data;
    expect(hits.map((h) => h.fileId)).toEqual(remote.map((r) => r.file_id));
    // A numeric comparison: version is stored as a number, so >= 3 finds only the sales file.
    const newer = await ferry(world, [
      'vector-stores',
      'search',
      store.id,
      'shipping',
      '--filter',
      'version>=3',
      '--conn',
      ORG,
      '--json',
    ]);
    expect(new Set(newer.json<{ fileId: string }[]>().map((h) => h.fileId))).toEqual(new Set([ids['pricing.md']]));
  });

  it('names a failed file with its reason, lists it by status, and retries it', async () => {
    const run = await ferry(world, ['vector-stores', 'upload', store.id, path('blob.bin'), '--conn', ORG]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /0 of 1 file ingested\.\n\s+failed blob\.bin \(file-\w+\): The file type \.bin is not supported for retrieval\./,
    );
    const failed = await ferry(world, [
      'vector-stores',
      'files',
      store.id,
      '--status',
      'failed',
      '--conn',
      ORG,
      '--json',
    ]);
    const [blob] = failed.json<StoreFile[]>();
    expect(blob).toMatchObject({ status: 'failed', last_error: { message: expect.stringContaining('not supported') } });

    // The same bytes would fail the same way: a retry is refused, saying why and what to do, and nothing
    // is detached or attached (the window offers no Retry for it either).
    world.sandbox.control.clearRequestCounts();
    const retry = await ferry(world, ['vector-stores', 'retry', store.id, blob!.id, '--conn', ORG]);
    expect(retry.code).toBe(2);
    expect(retry.stderr).toContain(
      `${blob!.id} failed in a way retrying cannot fix. This file type cannot be searched`,
    );
    expect(retry.stderr).toContain('Upload the content in one of those instead. Nothing was retried.');
    expect(Object.keys(world.sandbox.control.requestCounts(ORG)).filter((r) => !r.startsWith('GET'))).toEqual([]);
  });

  it('retries a file the server failed to index, which then completes with its attributes', async () => {
    writeFileSync(path('flaky.md'), '# Flaky\nIndexed on the second try.');
    const upload = await ferry(world, ['files', 'upload', path('flaky.md'), '--conn', ORG, '--json']);
    const flakyId = upload.json<{ uploaded: { id: string }[] }>().uploaded[0]!.id;
    world.sandbox.control.failIngestion(ORG, ['flaky.md']);
    const added = await ferry(world, [
      'vector-stores',
      'add',
      store.id,
      flakyId,
      '--attr',
      'team=flaky',
      '--conn',
      ORG,
    ]);
    expect(added.code).toBe(1);
    expect(added.stdout).toMatch(
      /0 of 1 file ingested\.\n\s+failed flaky\.md .*: An internal error occurred while processing the file\./,
    );

    const retry = await ferry(world, ['vector-stores', 'retry', store.id, flakyId, '--conn', ORG]);
    expect(retry.code, retry.stdout + retry.stderr).toBe(0);
    expect(retry.stdout).toContain('1 of 1 file ingested.');
    expect(await sdk.vectorStores.files.retrieve(flakyId, { vector_store_id: store.id })).toMatchObject({
      status: 'completed',
      attributes: { team: 'flaky' },
    });
  });

  it('retries a cancelled file, which then completes', async () => {
    const upload = await ferry(world, ['files', 'upload', path('late.md'), '--conn', ORG, '--json']);
    const lateId = upload.json<{ uploaded: { id: string }[] }>().uploaded[0]!.id;
    world.sandbox.control.setStuck(ORG, { fileIds: [lateId] });
    const added = await ferry(world, [
      'vector-stores',
      'add',
      store.id,
      lateId,
      '--attr',
      'team=late',
      '--no-wait',
      '--conn',
      ORG,
      '--json',
    ]);
    expect(added.code, added.stderr).toBe(0);
    await sdk.vectorStores.fileBatches.cancel(added.json<{ batch: { batchId: string } }>().batch.batchId, {
      vector_store_id: store.id,
    });
    expect((await sdk.vectorStores.files.retrieve(lateId, { vector_store_id: store.id })).status).toBe('cancelled');
    world.sandbox.control.setStuck(ORG, { fileIds: [lateId] }, false);

    const retry = await ferry(world, ['vector-stores', 'retry', store.id, lateId, '--conn', ORG]);
    expect(retry.code, retry.stdout + retry.stderr).toBe(0);
    expect(retry.stdout).toContain('1 of 1 file ingested.');
    expect(await sdk.vectorStores.files.retrieve(lateId, { vector_store_id: store.id })).toMatchObject({
      status: 'completed',
      attributes: { team: 'late' },
    });
  });

  it('asks before deleting a store, naming the assistants that search it, and deletes nothing on no', async () => {
    // Made behind Ferry's back: the confirmation reads who uses the store at the moment it asks.
    const storeId = (await sdk.vectorStores.create({ name: 'Searched' })).id;
    const searcher = await sdk.beta.assistants.create({
      model: 'gpt-4o',
      name: 'Searcher',
      tools: [{ type: 'file_search' }],
      tool_resources: { file_search: { vector_store_ids: [storeId] } },
    });
    const run = await ferry(world, ['vector-stores', 'delete', storeId, '--conn', ORG], {
      stdinTTY: true,
      input: 'n\n',
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(
      new RegExp(`${storeId}  .*\\n\\s+used by: .*Assistant ${searcher.name} \\(file search\\)`),
    );
    expect(run.stderr).toContain('Delete it?');
    expect(run.stderr).toContain('Nothing was deleted.');
    expect((await sdk.vectorStores.retrieve(storeId)).id).toBe(storeId);
  });

  it('refuses to retry a completed file, naming it, and retries nothing', async () => {
    world.sandbox.control.clearRequestCounts();
    const run = await ferry(world, ['vector-stores', 'retry', store.id, ids['refunds.md']!, '--conn', ORG]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${ids['refunds.md']} is completed; only failed or cancelled files are retried`);
    expect(Object.keys(world.sandbox.control.requestCounts(ORG)).filter((r) => !r.startsWith('GET'))).toEqual([]);
  });

  it('removes a file from the store (it stays in the org), renames, shows and deletes the store', async () => {
    const removed = await ferry(world, [
      'vector-stores',
      'remove',
      store.id,
      ids['refunds.md']!,
      '--yes',
      '--conn',
      ORG,
      '--json',
    ]);
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.json()).toEqual({ removed: [ids['refunds.md']], failed: [] });
    const left = (await sdk.vectorStores.files.list(store.id, { limit: 100 })).data.map((f) => f.id);
    expect(left).not.toContain(ids['refunds.md']);
    expect((await sdk.files.retrieve(ids['refunds.md']!)).filename).toBe('refunds.md');

    expect((await ferry(world, ['vector-stores', 'rename', store.id, 'Returns', '--conn', ORG])).code).toBe(0);
    const shown = await ferry(world, ['vector-stores', 'get', store.id, '--conn', ORG]);
    expect(shown.stdout).toMatch(new RegExp(`${store.id}  Returns\\n  status completed; files: \\d+ done`));
    expect((await sdk.vectorStores.retrieve(store.id)).name).toBe('Returns');

    const deleted = await ferry(world, ['vector-stores', 'delete', store.id, '--yes', '--conn', ORG, '--json']);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(deleted.json()).toEqual({ deleted: [store.id], failed: [] });
    await expect(sdk.vectorStores.retrieve(store.id)).rejects.toMatchObject({ status: 404 });
    expect((await sdk.files.retrieve(ids['pricing.md']!)).id).toBe(ids['pricing.md']);
  });
});

describe('ferry vector-stores: bad input exits 2 naming the flag, nothing written', () => {
  it.each([
    [
      ['vector-stores', 'create', '--name', 'X', '--chunking', 'static:300:50'],
      /--chunking splits the files added at creation.*add --file-id/,
    ],
    [
      ['vector-stores', 'create', '--name', 'X', '--chunking', 'fixed'],
      /--chunking must be auto or static:SIZE:OVERLAP/,
    ],
    [
      ['vector-stores', 'create', '--name', 'X', '--chunking', 'static:300:200', '--file-id', 'file-x'],
      /--chunking: chunking\.chunkOverlapTokens: Overlap is at most half the chunk size/,
    ],
    [['vector-stores', 'create', '--name', 'X', '--metadata', 'owner'], /--metadata must look like KEY=VALUE/],
    [
      [
        'vector-stores',
        'create',
        '--name',
        'X',
        ...Array.from({ length: 17 }, (_, i) => ['--metadata', `k${i}=v`]).flat(),
      ],
      /--metadata: metadata: Metadata holds at most 16 pairs/,
    ],
    [
      ['vector-stores', 'create', '--name', 'X', '--expires-after-days', '400'],
      /--expires-after-days must be a whole number from 1 to 365/,
    ],
    [['vector-stores', 'create'], /--name: name: Name is required/],
    [['vector-stores', 'search', 'vs_1', 'q', '--max', '99'], /--max must be a whole number from 1 to 50/],
    [['vector-stores', 'search', 'vs_1', 'q', '--filter', 'team'], /--filter must look like KEY=VALUE/],
    [
      ['vector-stores', 'files', 'vs_1', '--status', 'broken'],
      /--status must be one of in_progress, completed, failed, cancelled/,
    ],
    [['vector-stores', 'upload', 'vs_1', '/nonexistent/a.md'], /"\/nonexistent\/a\.md" does not exist/],
    [['vector-stores', 'upload', 'vs_1'], /give at least one PATH/],
    [
      ['vector-stores', 'add', 'vs_1', 'file-1', '--attr', `k=${'v'.repeat(513)}`],
      /--attr: k: Attribute values are at most 512 characters/,
    ],
    [['vector-stores', 'frob'], /unknown verb "frob"/],
    [['vector-stores', 'get', 'vs_1'], /--conn is required/],
  ])('%j', async (args, message) => {
    world.sandbox.control.clearRequestCounts();
    const run = await ferry(world, args.includes('--conn') || args.includes('get') ? args : [...args, '--conn', ORG]);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(Object.keys(world.sandbox.control.requestCounts()).filter((r) => !r.startsWith('GET'))).toEqual([]);
  });
});
