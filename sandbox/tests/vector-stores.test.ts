import { toFile, type APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { production, staging, useSandbox, waitFor } from './harness.ts';

const h = useSandbox({ ingestionMs: 150 });

async function upload(name: string, filename: string, content: string) {
  return h.client(name).files.create({ file: await toFile(Buffer.from(content), filename), purpose: 'assistants' });
}

function consistent(store: {
  file_counts: { in_progress: number; completed: number; failed: number; cancelled: number; total: number };
}) {
  const c = store.file_counts;
  return c.in_progress + c.completed + c.failed + c.cancelled === c.total;
}

describe('vector stores', () => {
  it('serves the demo stores, with a file shared by two stores and a csv that failed as unsupported', async () => {
    const client = h.client(production);
    const stores = (await client.vectorStores.list()).data;
    expect(stores.map((s) => s.name).sort()).toEqual([
      'Engineering Handbook',
      'Sales Enablement',
      'Support Knowledge Base',
    ]);
    const membership = new Map<string, number>();
    for (const store of stores) {
      for await (const file of client.vectorStores.files.list(store.id, { limit: 2 }))
        membership.set(file.id, (membership.get(file.id) ?? 0) + 1);
    }
    expect([...membership.values()].some((count) => count >= 2)).toBe(true);
    const sales = stores.find((s) => s.name === 'Sales Enablement')!;
    const failed = (await client.vectorStores.files.list(sales.id, { filter: 'failed' })).data;
    expect(failed).toHaveLength(1);
    expect(failed[0]!.last_error).toMatchObject({ code: 'unsupported_file' });
    expect(sales.file_counts).toMatchObject({ failed: 1, total: 5 });
    expect(sales.expires_after).toEqual({ anchor: 'last_active_at', days: 365 });
  });

  it('creates, updates and deletes a store, validating metadata and expiry', async () => {
    const client = h.client(staging);
    const store = await client.vectorStores.create({
      name: 'Docs',
      metadata: { cloned_from: 'vs_src' },
      expires_after: { anchor: 'last_active_at', days: 7 },
    });
    expect(store).toMatchObject({
      object: 'vector_store',
      name: 'Docs',
      status: 'completed',
      usage_bytes: 0,
      file_counts: { total: 0 },
    });
    expect(store.expires_at).toBe(store.last_active_at! + 7 * 86_400);
    const renamed = await client.vectorStores.update(store.id, { name: 'Docs v2', expires_after: null as never });
    expect(renamed).toMatchObject({ name: 'Docs v2', expires_at: null, metadata: { cloned_from: 'vs_src' } });
    const bad = await client.vectorStores.create({ metadata: { k: 'v'.repeat(513) } }).catch((e: unknown) => e);
    expect((bad as APIError).param).toBe('metadata.k');
    const badDays = await client.vectorStores
      .create({ expires_after: { anchor: 'last_active_at', days: 400 } })
      .catch((e: unknown) => e);
    expect((badDays as APIError).param).toBe('expires_after.days');
    const badFile = await client.vectorStores.create({ file_ids: ['file-missing'] }).catch((e: unknown) => e);
    expect((badFile as APIError).param).toBe('file_ids[0]');
    expect(await client.vectorStores.delete(store.id)).toEqual({
      id: store.id,
      object: 'vector_store.deleted',
      deleted: true,
    });
  });

  it('ingests asynchronously: in_progress then completed or failed, counts agreeing at every moment', async () => {
    const client = h.client(staging);
    const good = await upload(staging, 'guide.md', '# Guide\nThe quick brown fox jumps over the lazy dog.');
    const empty = await upload(staging, 'empty.txt', '');
    const image = await upload(staging, 'diagram.png', 'not really a png');
    const store = await client.vectorStores.create({ name: 'Ingest', file_ids: [good.id, empty.id, image.id] });
    expect(store.status).toBe('in_progress');
    expect(store.file_counts).toEqual({ in_progress: 3, completed: 0, failed: 0, cancelled: 0, total: 3 });
    const settled = await waitFor(
      async () => {
        const current = await client.vectorStores.retrieve(store.id);
        const files = (await client.vectorStores.files.list(store.id)).data;
        expect(consistent(current)).toBe(true);
        const inProgress = files.filter((f) => f.status === 'in_progress').length;
        // Files and counts read a moment apart may straddle a transition, never disagree in kind.
        expect(inProgress === 0 || current.file_counts.in_progress > 0 || inProgress === files.length).toBe(true);
        return { current, files };
      },
      ({ current }) => current.status === 'completed',
    );
    expect(settled.current.file_counts).toEqual({ in_progress: 0, completed: 1, failed: 2, cancelled: 0, total: 3 });
    const byId = new Map(settled.files.map((f) => [f.id, f]));
    expect(byId.get(good.id)).toMatchObject({ status: 'completed', last_error: null });
    expect(byId.get(empty.id)!.last_error).toMatchObject({ code: 'invalid_file' });
    expect(byId.get(image.id)!.last_error).toMatchObject({ code: 'unsupported_file' });
    expect(settled.current.usage_bytes).toBeGreaterThan(0);
    const content = await client.vectorStores.files.content(good.id, { vector_store_id: store.id });
    expect(content.data[0]?.text).toContain('quick brown fox');
  });

  it('attaches files with attributes and chunking, updates attributes, polls with the SDK helpers', async () => {
    const client = h.client(staging);
    const store = await client.vectorStores.create({ name: 'Attributes' });
    const file = await upload(staging, 'policy.txt', 'Refunds within thirty days.');
    const attached = await client.vectorStores.files.createAndPoll(
      store.id,
      {
        file_id: file.id,
        attributes: { region: 'emea', version: 2, public: true },
        chunking_strategy: { type: 'static', static: { max_chunk_size_tokens: 200, chunk_overlap_tokens: 50 } },
      },
      { pollIntervalMs: 20 },
    );
    expect(attached).toMatchObject({
      status: 'completed',
      attributes: { region: 'emea', version: 2, public: true },
      chunking_strategy: { type: 'static', static: { max_chunk_size_tokens: 200, chunk_overlap_tokens: 50 } },
    });
    const auto = await client.vectorStores.files.uploadAndPoll(
      store.id,
      await toFile(Buffer.from('auto chunked'), 'auto.md'),
      { pollIntervalMs: 20 },
    );
    expect(auto.chunking_strategy).toEqual({
      type: 'static',
      static: { max_chunk_size_tokens: 800, chunk_overlap_tokens: 400 },
    });
    const updated = await client.vectorStores.files.update(file.id, {
      vector_store_id: store.id,
      attributes: { region: 'na' },
    });
    expect(updated.attributes).toEqual({ region: 'na' });
    const cases: [Record<string, unknown>, string][] = [
      [{ attributes: Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, i])) }, 'attributes'],
      [{ attributes: { k: 'v'.repeat(513) } }, 'attributes.k'],
      [{ attributes: { k: { nested: true } } }, 'attributes.k'],
      [
        { chunking_strategy: { type: 'static', static: { max_chunk_size_tokens: 50, chunk_overlap_tokens: 0 } } },
        'chunking_strategy.static.max_chunk_size_tokens',
      ],
      [
        { chunking_strategy: { type: 'static', static: { max_chunk_size_tokens: 400, chunk_overlap_tokens: 300 } } },
        'chunking_strategy.static.chunk_overlap_tokens',
      ],
    ];
    for (const [patch, param] of cases) {
      const error = await client.vectorStores.files
        .create(store.id, { file_id: file.id, ...patch } as never)
        .catch((e: unknown) => e);
      expect((error as APIError).param).toBe(param);
    }
    expect(await client.vectorStores.files.delete(file.id, { vector_store_id: store.id })).toEqual({
      id: file.id,
      object: 'vector_store.file.deleted',
      deleted: true,
    });
    expect((await client.files.retrieve(file.id)).id).toBe(file.id);
  });

  it('creates file batches from file_ids or files[], lists their files and cancels in-flight ones', async () => {
    const client = h.client(staging);
    const store = await client.vectorStores.create({ name: 'Batches' });
    const a = await upload(staging, 'a.md', 'alpha document');
    const b = await upload(staging, 'b.md', 'beta document');
    const batch = await client.vectorStores.fileBatches.createAndPoll(
      store.id,
      {
        files: [
          { file_id: a.id, attributes: { n: 1 } },
          {
            file_id: b.id,
            attributes: { n: 2 },
            chunking_strategy: { type: 'static', static: { max_chunk_size_tokens: 100, chunk_overlap_tokens: 0 } },
          },
        ],
      },
      { pollIntervalMs: 20 },
    );
    expect(batch).toMatchObject({
      object: 'vector_store.files_batch',
      status: 'completed',
      file_counts: { completed: 2, total: 2 },
    });
    const listed = (await client.vectorStores.fileBatches.listFiles(batch.id, { vector_store_id: store.id })).data;
    expect(listed.map((f) => f.attributes?.n).sort()).toEqual([1, 2]);

    const viaHelper = await client.vectorStores.fileBatches.uploadAndPoll(
      store.id,
      { files: [await toFile(Buffer.from('gamma'), 'c.txt'), await toFile(Buffer.from('delta'), 'd.txt')] },
      { pollIntervalMs: 20 },
    );
    expect(viaHelper.file_counts).toMatchObject({ completed: 2, total: 2 });

    const both = await client.vectorStores.fileBatches
      .create(store.id, { file_ids: [a.id], files: [{ file_id: b.id }] })
      .catch((e: unknown) => e);
    expect((both as APIError).status).toBe(400);
    const missing = await client.vectorStores.fileBatches
      .create(store.id, { file_ids: [a.id, 'file-missing'] })
      .catch((e: unknown) => e);
    expect((missing as APIError).param).toBe('file_ids[1]');
    const tooMany = await client.vectorStores.fileBatches
      .create(store.id, { file_ids: Array.from({ length: 2001 }, () => a.id) })
      .catch((e: unknown) => e);
    expect((tooMany as APIError).param).toBe('file_ids');

    const slow = await upload(staging, 'slow.md', 'stuck forever');
    h.sandbox.control.setStuck(staging, { fileIds: [slow.id] });
    const pending = await client.vectorStores.fileBatches.create(store.id, { file_ids: [slow.id] });
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect((await client.vectorStores.fileBatches.retrieve(pending.id, { vector_store_id: store.id })).status).toBe(
      'in_progress',
    );
    expect((await client.vectorStores.files.list(store.id, { filter: 'in_progress' })).data.map((f) => f.id)).toEqual([
      slow.id,
    ]);
    const cancelled = await client.vectorStores.fileBatches.cancel(pending.id, { vector_store_id: store.id });
    expect(cancelled).toMatchObject({ status: 'cancelled', file_counts: { cancelled: 1, in_progress: 0, total: 1 } });
    expect((await client.vectorStores.retrieve(store.id)).file_counts.cancelled).toBe(1);
  });

  it('keeps stuck files in_progress until released', async () => {
    const client = h.client(staging);
    h.sandbox.control.setStuck(staging, { filenames: ['later.md'] });
    const file = await upload(staging, 'later.md', 'eventually indexed');
    const store = await client.vectorStores.create({ name: 'Stuck', file_ids: [file.id] });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await client.vectorStores.retrieve(store.id)).status).toBe('in_progress');
    h.sandbox.control.setStuck(staging, { filenames: ['later.md'] }, false);
    expect((await client.vectorStores.retrieve(store.id)).status).toBe('completed');
  });

  it('fails an ingestion with a server_error once when asked over the control plane; attaching again succeeds', async () => {
    const client = h.client(staging);
    const control = await fetch(
      h.sandbox.url.replace(/\/v1$/, `/__sandbox/tenants/${encodeURIComponent(staging)}/ingest-failures`),
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ filenames: ['flaky.md'] }),
      },
    );
    expect(control.status).toBe(200);
    const store = await client.vectorStores.create({ name: 'Flaky' });
    const file = await upload(staging, 'flaky.md', 'indexed on the second try');
    const first = await client.vectorStores.files.createAndPoll(store.id, { file_id: file.id }, { pollIntervalMs: 20 });
    expect(first).toMatchObject({ status: 'failed', last_error: { code: 'server_error' } });
    await client.vectorStores.files.delete(file.id, { vector_store_id: store.id });
    const second = await client.vectorStores.files.createAndPoll(
      store.id,
      { file_id: file.id },
      { pollIntervalMs: 20 },
    );
    expect(second).toMatchObject({ status: 'completed', last_error: null });
  });

  it('searches lexically and honours attribute filters', async () => {
    const client = h.client(production);
    const kb = (await client.vectorStores.list()).data.find((s) => s.name === 'Support Knowledge Base')!;
    const results = (await client.vectorStores.search(kb.id, { query: 'refund within 30 days', max_num_results: 3 }))
      .data;
    expect(results.length).toBeGreaterThan(0);
    expect(results[0]!.filename).toBe('refund-policy.md');
    expect(results[0]!.score).toBeGreaterThan(0);
    expect(results[0]!.score).toBeLessThanOrEqual(1);
    const guides = (
      await client.vectorStores.search(kb.id, {
        query: 'hub error sync',
        filters: { type: 'eq', key: 'doc_type', value: 'guide' },
      })
    ).data;
    expect(guides.every((r) => r.attributes?.doc_type === 'guide')).toBe(true);
    expect(guides.length).toBeGreaterThan(0);
    const compound = (
      await client.vectorStores.search(kb.id, {
        query: 'warranty refund shipping',
        filters: {
          type: 'and',
          filters: [
            { type: 'gte', key: 'version', value: 3 },
            { type: 'eq', key: 'public', value: true },
          ],
        },
      })
    ).data;
    expect(compound.every((r) => Number(r.attributes?.version) >= 3 && r.attributes?.public === true)).toBe(true);
    const bad = await client.vectorStores.search(kb.id, { query: 'x', max_num_results: 51 }).catch((e: unknown) => e);
    expect((bad as APIError).param).toBe('max_num_results');
  });
});
