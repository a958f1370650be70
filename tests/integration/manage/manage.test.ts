import { existsSync, utimesSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../../electron/core/connections/client-factory.ts';
import { FerryError } from '../../../electron/core/errors.ts';
import { deleteVectorStores } from '../../../electron/core/manage/delete-many.ts';
import { newStagedId, purgeStaleStaged, stagedPath } from '../../../electron/core/manage/staging.ts';
import { OrgGateway } from '../../../electron/core/openai/org-gateway.ts';
import { RequestScheduler } from '../../../electron/core/openai/scheduler.ts';
import type { FerryEvent } from '../../../shared/events.ts';
import { startSandboxWorld, type SandboxWorld } from '../../support/sandbox-core.ts';

let world: SandboxWorld;
let prod: string;
let staging: string;
let legacy: string;
beforeAll(async () => {
  world = await startSandboxWorld({ seed: 'demo', readOnly: ['Legacy Cloud'] });
  prod = world.connections['Acme Production']!;
  staging = world.connections['Acme Staging']!;
  legacy = world.connections['Legacy Cloud']!;
});
afterAll(() => world.stop());

const storeNamed = async (connectionId: string, name: string) => {
  const store = (await world.core.call('vectorStores.list', { connectionId })).find((s) => s.name === name);
  if (!store) throw new Error(`no store ${name}`);
  return store;
};
const fileNamed = async (connectionId: string, filename: string) => {
  const file = (await world.core.call('files.list', { connectionId })).find((f) => f.filename === filename);
  if (!file) throw new Error(`no file ${filename}`);
  return file;
};
const until = async <T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> => {
  for (let i = 0; i < 200; i += 1) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('timed out');
};

describe('vector stores, point and click', () => {
  it('creates a store with expiry, metadata and chunked files, edits it, and deletes it', async () => {
    const refund = await fileNamed(prod, 'refund-policy.md');
    const created = await world.core.call('vectorStores.create', {
      connectionId: prod,
      name: 'Returns desk',
      expiresAfterDays: 30,
      metadata: { owner: 'returns' },
      fileIds: [refund.id],
      chunking: { type: 'static', maxChunkSizeTokens: 300, chunkOverlapTokens: 50 },
    });
    expect(created).toMatchObject({
      name: 'Returns desk',
      metadata: { owner: 'returns' },
      expires_after: { anchor: 'last_active_at', days: 30 },
    });
    const files = await world.core.call('vectorStores.files', { connectionId: prod, vectorStoreId: created.id });
    expect(files).toHaveLength(1);
    expect(files[0]!.chunking_strategy).toEqual({
      type: 'static',
      static: { max_chunk_size_tokens: 300, chunk_overlap_tokens: 50 },
    });

    const renamed = await world.core.call('vectorStores.update', {
      connectionId: prod,
      vectorStoreId: created.id,
      name: 'Returns',
      metadata: { owner: 'ops' },
      expiresAfterDays: null,
    });
    expect(renamed).toMatchObject({ name: 'Returns', metadata: { owner: 'ops' } });
    expect(renamed.expires_after ?? null).toBeNull();

    expect(await world.core.call('vectorStores.delete', { connectionId: prod, vectorStoreId: created.id })).toEqual({
      deleted: true,
    });
    expect((await world.core.call('vectorStores.list', { connectionId: prod })).some((s) => s.id === created.id)).toBe(
      false,
    );
    // The file stays in the org.
    expect((await fileNamed(prod, 'refund-policy.md')).id).toBe(refund.id);
  });

  it('names the field on bad input', async () => {
    await expect(world.core.call('vectorStores.create', { connectionId: prod, name: '  ' })).rejects.toMatchObject({
      code: 'bad_input',
      field: 'name',
    });
    await expect(
      world.core.call('vectorStores.create', { connectionId: prod, name: 'x', expiresAfterDays: 400 }),
    ).rejects.toMatchObject({ code: 'bad_input', field: 'expiresAfterDays' });
  });

  it('adds existing files with attributes, edits attributes, removes a file (which stays), and deletes a file', async () => {
    const store = await world.core.call('vectorStores.create', { connectionId: staging, name: 'Scratch' });
    const a = await world.core.call(
      'files.upload',
      await stage(world, staging, 'a.md', '# Alpha\nalpha notes about refunds'),
    );
    const b = await world.core.call(
      'files.upload',
      await stage(world, staging, 'b.md', '# Beta\nbeta notes about shipping'),
    );
    const added = await world.core.call('vectorStores.addFiles', {
      connectionId: staging,
      vectorStoreId: store.id,
      files: [
        { fileId: a.file.id, attributes: { team: 'ops', version: 2 } },
        { fileId: b.file.id, chunking: { type: 'auto' } },
      ],
    });
    expect(added.batchId).toMatch(/^vsfb_/);
    const files = await until(
      () => world.core.call('vectorStores.files', { connectionId: staging, vectorStoreId: store.id }),
      (fs) => fs.length === 2 && fs.every((f) => f.status === 'completed'),
    );
    expect(files.find((f) => f.id === a.file.id)!.attributes).toEqual({ team: 'ops', version: 2 });

    const edited = await world.core.call('vectorStores.updateFileAttributes', {
      connectionId: staging,
      vectorStoreId: store.id,
      fileId: b.file.id,
      attributes: { team: 'sales', public: true },
    });
    expect(edited.attributes).toEqual({ team: 'sales', public: true });

    expect(
      await world.core.call('vectorStores.removeFile', {
        connectionId: staging,
        vectorStoreId: store.id,
        fileId: a.file.id,
      }),
    ).toEqual({ removed: true });
    expect(
      (await world.core.call('vectorStores.files', { connectionId: staging, vectorStoreId: store.id })).map(
        (f) => f.id,
      ),
    ).toEqual([b.file.id]);
    expect((await world.core.call('files.list', { connectionId: staging })).some((f) => f.id === a.file.id)).toBe(true);

    expect(await world.core.call('files.delete', { connectionId: staging, fileId: a.file.id })).toEqual({
      deleted: true,
    });
    expect((await world.core.call('files.list', { connectionId: staging })).some((f) => f.id === a.file.id)).toBe(
      false,
    );
  });

  it('refuses to retry a file retrying cannot fix (its type is unsupported) or a completed one, changing nothing', async () => {
    const sales = await storeNamed(prod, 'Sales Enablement');
    const files = await until(
      () => world.core.call('vectorStores.files', { connectionId: prod, vectorStoreId: sales.id }),
      (fs) => fs.some((f) => f.status === 'failed'),
    );
    const failed = files.find((f) => f.status === 'failed')!;
    expect(failed.last_error).toMatchObject({ code: 'unsupported_file' });
    await expect(
      world.core.call('vectorStores.retryFile', { connectionId: prod, vectorStoreId: sales.id, fileId: failed.id }),
    ).rejects.toMatchObject({
      code: 'bad_input',
      field: 'fileId',
      message: expect.stringMatching(/failed in a way retrying cannot fix\. This file type cannot be searched/),
    });
    const completed = files.find((f) => f.status === 'completed')!;
    await expect(
      world.core.call('vectorStores.retryFile', { connectionId: prod, vectorStoreId: sales.id, fileId: completed.id }),
    ).rejects.toMatchObject({ code: 'conflict' });
    // Both still there as they were: a refused retry detaches nothing.
    const after = await world.core.call('vectorStores.files', { connectionId: prod, vectorStoreId: sales.id });
    expect(after.find((f) => f.id === failed.id)).toMatchObject({ status: 'failed', attributes: failed.attributes });
    expect(after.find((f) => f.id === completed.id)?.status).toBe('completed');
  });

  it('searches a store: ranked chunks with score and file name, with attribute filters', async () => {
    const kb = await storeNamed(prod, 'Support Knowledge Base');
    const hits = await world.core.call('vectorStores.search', {
      connectionId: prod,
      vectorStoreId: kb.id,
      query: 'refund',
    });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((x, y) => y - x));
    expect(hits[0]!.filename).toBe('refund-policy.md');
    const filtered = await world.core.call('vectorStores.search', {
      connectionId: prod,
      vectorStoreId: kb.id,
      query: 'refund',
      filters: [{ key: 'doc_type', op: 'eq', value: 'faq' }],
      maxResults: 3,
    });
    expect(filtered.length).toBeLessThanOrEqual(3);
    expect(filtered.every((h) => h.attributes?.['doc_type'] === 'faq')).toBe(true);
  });
});

describe('deleting several vector stores at once', () => {
  const DELETE_STORE = 'DELETE /v1/vector_stores/{vector_store_id}';
  const makeStores = async (connectionId: string, prefix: string, n: number) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i += 1)
      ids.push((await world.core.call('vectorStores.create', { connectionId, name: `${prefix} ${i}` })).id);
    return ids;
  };
  const storeIdsIn = (tenant: string) =>
    new Set(world.sandbox.control.objects(tenant).vectorStores.map((s) => s.id as string));

  it('deletes several stores in one call, in the order asked, counting one already gone as deleted', async () => {
    const ids = await makeStores(staging, 'Bulk', 3);
    const gone = (await makeStores(staging, 'Gone', 1))[0]!;
    await world.core.call('vectorStores.delete', { connectionId: staging, vectorStoreId: gone });
    const result = await world.core.call('vectorStores.deleteMany', {
      connectionId: staging,
      vectorStoreIds: [ids[0]!, gone, ids[1]!, ids[2]!, ids[0]!],
    });
    expect(result).toEqual({ deleted: [ids[0], gone, ids[1], ids[2]], failed: [] });
    const left = storeIdsIn('Acme Staging');
    for (const id of ids) expect(left.has(id)).toBe(false);
  });

  it('rides out a one-off server error: the org scheduler retries it, so nothing fails', async () => {
    const ids = await makeStores(staging, 'Retried', 3);
    world.sandbox.control.clearRequestCounts();
    world.sandbox.control.injectFault({ kind: 'error_503', tenant: 'Acme Staging', route: DELETE_STORE });
    expect(await world.core.call('vectorStores.deleteMany', { connectionId: staging, vectorStoreIds: ids })).toEqual({
      deleted: ids,
      failed: [],
    });
    expect(world.sandbox.control.requestCounts('Acme Staging')[DELETE_STORE]).toBe(ids.length + 1);
  });

  it('reports a store that could not be deleted with its reason, and deletes the others', async () => {
    // The core's scheduler retries a 5xx up to 8 times with backoff, so a fault injected for one request
    // never reaches the report (see above). A gateway that gives up after one attempt lets one request's
    // fault become one store's failure, through the same deleteVectorStores the handler runs.
    const tenant = world.sandbox.tenants.find((t) => t.name === 'Acme Staging')!;
    const connection = {
      id: staging,
      name: tenant.name,
      baseUrl: world.sandbox.url,
      organization: tenant.organization,
      project: tenant.project,
      readOnly: false,
      keySource: 'keychain' as const,
      createdAt: new Date().toISOString(),
    };
    const oneAttempt = new OrgGateway({
      connectionId: staging,
      name: tenant.name,
      readOnly: false,
      client: createClient(connection, tenant.key),
      scheduler: new RequestScheduler({ maxAttempts: 1 }),
    });
    const ids = await makeStores(staging, 'Partly', 4);
    world.sandbox.control.injectFault({ kind: 'error_500', tenant: 'Acme Staging', route: DELETE_STORE });
    const result = await deleteVectorStores(oneAttempt, ids);
    expect(result.failed).toHaveLength(1);
    const failed = result.failed[0]!;
    expect(ids).toContain(failed.vectorStoreId);
    expect(failed.message).toBe(
      `Deleting vector store ${failed.vectorStoreId}: "Acme Staging" answered 500 (The server had an error while processing your request. Sorry about that!).`,
    );
    expect(result.deleted).toEqual(ids.filter((id) => id !== failed.vectorStoreId));
    const left = storeIdsIn('Acme Staging');
    expect(ids.filter((id) => left.has(id))).toEqual([failed.vectorStoreId]);
    await world.core.call('vectorStores.delete', { connectionId: staging, vectorStoreId: failed.vectorStoreId });
  });

  it('is refused on a read-only connection before any request, and deletes nothing', async () => {
    const before = storeIdsIn('Legacy Cloud');
    expect(before.size).toBeGreaterThan(0);
    world.sandbox.control.clearRequestCounts();
    const attempt = world.core.call('vectorStores.deleteMany', { connectionId: legacy, vectorStoreIds: [...before] });
    await expect(attempt).rejects.toMatchObject({
      code: 'read_only',
      message: expect.stringMatching(/^Deleting \d+ vector stores?: "Legacy Cloud" is a read-only connection/),
    });
    expect(world.sandbox.control.requestCounts('Legacy Cloud')).toEqual({});
    expect(storeIdsIn('Legacy Cloud')).toEqual(before);
  });

  it('names the field when the list is empty or too long', async () => {
    await expect(
      world.core.call('vectorStores.deleteMany', { connectionId: staging, vectorStoreIds: [] }),
    ).rejects.toMatchObject({ code: 'bad_input', field: 'vectorStoreIds' });
    const many = Array.from({ length: 1001 }, (_, i) => `vs_${i}`);
    await expect(
      world.core.call('vectorStores.deleteMany', { connectionId: staging, vectorStoreIds: many }),
    ).rejects.toMatchObject({ code: 'bad_input', field: 'vectorStoreIds' });
  });
});

describe('files', () => {
  it('uploads a staged file, attaches it with attributes, reports progress, and removes the staged copy', async () => {
    const store = await world.core.call('vectorStores.create', { connectionId: staging, name: 'Uploads' });
    const events: FerryEvent[] = [];
    const unsubscribe = world.core.subscribe((e) => events.push(e));
    const params = await stage(world, staging, 'notes.md', '# Notes\nuploaded through Ferry');
    const result = await world.core.call('files.upload', {
      ...params,
      vectorStoreId: store.id,
      attributes: { source: 'ferry' },
    });
    unsubscribe();
    expect(result.file).toMatchObject({ filename: 'notes.md', purpose: 'assistants' });
    expect(result.vectorStoreFile).toMatchObject({ id: result.file.id, attributes: { source: 'ferry' } });
    const states = events.flatMap((e) =>
      e.type === 'upload.progress' && e.uploadId === params.uploadId ? [e.state] : [],
    );
    expect(states[0]).toBe('uploading');
    expect(states).toContain('attaching');
    expect(states.at(-1)).toBe('done');
    expect(existsSync(stagedPath(world.home, params.stagedId))).toBe(false);
  });

  it('purges staged uploads a crashed process left behind, and only old ones', async () => {
    const old = stagedPath(world.home, newStagedId());
    const fresh = stagedPath(world.home, newStagedId());
    writeFileSync(old, 'left behind');
    writeFileSync(fresh, 'in flight');
    const dayAgo = (Date.now() - 24 * 60 * 60 * 1000) / 1000;
    utimesSync(old, dayAgo, dayAgo);
    expect(purgeStaleStaged(world.home)).toBe(1);
    expect(existsSync(old)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
  });

  it('reports a failed upload as an event and refuses stagedIds that could name other paths', async () => {
    await expect(
      world.core.call('files.upload', {
        connectionId: staging,
        stagedId: '../../etc/passwd',
        uploadId: 'u1',
        filename: 'x',
      }),
    ).rejects.toMatchObject({ code: 'bad_input', field: 'stagedId' });
    const events: FerryEvent[] = [];
    const unsubscribe = world.core.subscribe((e) => events.push(e));
    await expect(
      world.core.call('files.upload', {
        connectionId: staging,
        stagedId: newStagedId(),
        uploadId: 'u2',
        filename: 'gone.md',
      }),
    ).rejects.toMatchObject({ code: 'not_found' });
    unsubscribe();
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'upload.progress', uploadId: 'u2', state: 'failed' }),
    );
  });

  it('says what uses a file (stores, assistants directly or through a store) and a store (assistants), read fresh', async () => {
    const refund = await fileNamed(prod, 'refund-policy.md');
    const catalog = await fileNamed(prod, 'product-catalog.json');
    const batch = await fileNamed(prod, 'support-eval-batch.jsonl');
    const usage = await world.core.call('files.usedBy', {
      connectionId: prod,
      fileIds: [refund.id, catalog.id, batch.id],
    });
    expect(usage.assistantsChecked).toBe(true);
    const [r, c, b] = usage.files;
    expect(r!.vectorStores.map((s) => s.name).sort()).toEqual(['Sales Enablement', 'Support Knowledge Base']);
    expect(r!.assistants.map((a) => `${a.name} ${a.via}`).sort()).toEqual([
      'Refund Assistant file_search',
      'Sales Coach file_search',
      'Support KB Q&A file_search',
      'Support Triage file_search',
    ]);
    const kb = await storeNamed(prod, 'Support Knowledge Base');
    expect(c!.assistants).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'Support Triage', via: 'code_interpreter' }),
        expect.objectContaining({ name: 'Support Triage', via: 'file_search', vectorStoreId: kb.id }),
      ]),
    );
    expect(b).toEqual({ fileId: batch.id, vectorStores: [], assistants: [] });

    const stores = await world.core.call('vectorStores.usedBy', { connectionId: prod, vectorStoreIds: [kb.id] });
    expect(stores.vectorStores[0]!.assistants.map((a) => a.name).sort()).toEqual([
      'Refund Assistant',
      'Support KB Q&A',
      'Support Triage',
    ]);

    // Where assistants are retired, the stores are still named, and the answer says assistants could not be checked.
    const archive = await fileNamed(legacy, 'support-archive-2023.md');
    const retired = await world.core.call('files.usedBy', { connectionId: legacy, fileIds: [archive.id] });
    expect(retired).toMatchObject({
      assistantsChecked: false,
      files: [{ vectorStores: [{ name: 'Legacy Support Archive' }], assistants: [] }],
    });
    expect(retired.message).toBe(
      'Legacy Cloud no longer serves the Assistants API, so Ferry could not check which assistants use it.',
    );
  });

  it('finds exactly the unused files (in no store, used by no assistant) and bulk-deletes them', async () => {
    const unused = await world.core.call('files.unused', { connectionId: prod });
    expect(unused.assistantsChecked).toBe(true);
    expect(unused.files.map((f) => f.filename).sort()).toEqual(['quotes-train.jsonl', 'support-eval-batch.jsonl']);
    const result = await world.core.call('files.deleteMany', {
      connectionId: prod,
      fileIds: unused.files.map((f) => f.id),
    });
    expect(result.deleted.sort()).toEqual(unused.files.map((f) => f.id).sort());
    expect(result.failed).toEqual([]);
    expect((await world.core.call('files.unused', { connectionId: prod })).files).toEqual([]);
  });

  it('where assistants are retired, says so and counts nothing unused until the admin waives the check', async () => {
    const first = await world.core.call('files.unused', { connectionId: legacy });
    expect(first).toMatchObject({ assistantsChecked: false, files: [] });
    expect(first.message).toMatch(/could not check which files assistants use/);
    const waived = await world.core.call('files.unused', { connectionId: legacy, ignoreAssistants: true });
    expect(waived.files.map((f) => f.filename)).toEqual(['legacy-eval-batch.jsonl']);
  });

  it('refuses every write on a read-only connection', async () => {
    const store = (await world.core.call('vectorStores.list', { connectionId: legacy }))[0]!;
    const file = await fileNamed(legacy, 'legacy-eval-batch.jsonl');
    for (const attempt of [
      world.core.call('vectorStores.create', { connectionId: legacy, name: 'x' }),
      world.core.call('vectorStores.update', { connectionId: legacy, vectorStoreId: store.id, name: 'y' }),
      world.core.call('vectorStores.delete', { connectionId: legacy, vectorStoreId: store.id }),
      world.core.call('vectorStores.addFiles', {
        connectionId: legacy,
        vectorStoreId: store.id,
        files: [{ fileId: file.id }],
      }),
      world.core.call('vectorStores.removeFile', { connectionId: legacy, vectorStoreId: store.id, fileId: file.id }),
      world.core.call('files.delete', { connectionId: legacy, fileId: file.id }),
      world.core.call('files.deleteMany', { connectionId: legacy, fileIds: [file.id] }),
      world.core.call('vectorStores.deleteMany', { connectionId: legacy, vectorStoreIds: [store.id] }),
    ]) {
      await expect(attempt).rejects.toBeInstanceOf(FerryError);
      await expect(attempt).rejects.toMatchObject({ code: 'read_only' });
    }
    expect((await world.core.call('vectorStores.list', { connectionId: legacy }))[0]!.name).toBe(store.name);
  });
});

/** Stages bytes as a shell would, returning files.upload params. */
async function stage(w: SandboxWorld, connectionId: string, filename: string, content: string) {
  const stagedId = newStagedId();
  writeFileSync(stagedPath(w.home, stagedId), content);
  return { connectionId, stagedId, uploadId: `up-${stagedId}`, filename };
}
