import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FerryError } from '../../../electron/core/errors.ts';
import { startSandboxWorld, type SandboxWorld } from '../../support/sandbox-core.ts';

let world: SandboxWorld;
beforeAll(async () => {
  world = await startSandboxWorld({ seed: 'demo', core: { uploadLimits: LIMITS } });
});
afterAll(() => world.stop());

// Small limits, so the /uploads path is exercised with a file of a few megabytes.
const LIMITS = { singleRequestMaxBytes: 2 * 1024 * 1024, partBytes: 1024 * 1024 };

describe('OrgGateway against the sandbox', () => {
  it("lists the demo organization's assistants, vector stores, files and models", async () => {
    const prod = await world.core.gateways.get('Acme Production');
    const listing = await prod.assistants.list();
    expect(listing.served).toBe(true);
    if (!listing.served) return;
    expect(listing.assistants.length).toBeGreaterThanOrEqual(12);
    expect((await prod.vectorStores.list()).length).toBe(3);
    expect((await prod.files.list()).length).toBeGreaterThan(0);
    expect((await prod.models()).map((m) => m.id)).toContain('gpt-4o');
  });

  it('reports a retired Assistants API as an answer, not a failure, and vector stores still work', async () => {
    const legacy = await world.core.gateways.get('legacy cloud');
    const listing = await legacy.assistants.list();
    expect(listing).toMatchObject({ served: false, message: expect.stringMatching(/retired it on 2026-08-26/) });
    expect(Array.isArray(await legacy.vectorStores.list())).toBe(true);
  });

  it('walks every page of a long list in order', async () => {
    const staging = await world.core.gateways.get('Acme Staging');
    const created: string[] = [];
    for (let i = 0; i < 130; i += 1)
      created.push((await staging.assistants.create({ model: 'gpt-4o-mini', name: `Bulk ${i}` })).id);
    const listing = await staging.assistants.list();
    if (!listing.served) throw new Error('expected assistants');
    expect(listing.assistants.map((a) => a.id)).toEqual(created);
    for (const id of created) expect(await staging.assistants.delete(id)).toBe(true);
    expect(await staging.assistants.delete(created[0]!)).toBe(false);
  });

  it('retries through injected 5xx and resets', async () => {
    const staging = await world.core.gateways.get('Acme Staging');
    world.sandbox.control.injectFault({ kind: 'error_503', count: 2, tenant: 'Acme Staging' });
    world.sandbox.control.injectFault({ kind: 'reset', count: 1, tenant: 'Acme Staging' });
    expect(Array.isArray(await staging.vectorStores.list())).toBe(true);
  });

  it('a create whose answer was lost is found, not made twice', async () => {
    const staging = await world.core.gateways.get('Acme Staging');
    world.sandbox.control.injectFault({
      kind: 'lost_response',
      count: 1,
      tenant: 'Acme Staging',
      route: 'POST /v1/vector_stores',
    });
    const marker = `lost-${Date.now()}`;
    const store = await staging.vectorStores.create(
      { name: 'Lost answer', metadata: { marker } },
      { reconcile: async () => (await staging.vectorStores.list()).find((vs) => vs.metadata?.['marker'] === marker) },
    );
    const stores = world.sandbox.control
      .objects('Acme Staging')
      .vectorStores.filter((vs) => (vs['metadata'] as Record<string, string>)['marker'] === marker);
    expect(stores).toHaveLength(1);
    expect(stores[0]!['id']).toBe(store.id);
    expect(staging.scheduler.stats.reconciled).toBeGreaterThanOrEqual(1);
  });

  it('uploads from disk and reads the bytes back where the purpose allows', async () => {
    const staging = await world.core.gateways.get('Acme Staging');
    const text = 'hello from ferry\n'.repeat(100);
    const path = join(world.home, 'hello.txt');
    writeFileSync(path, text);
    const file = await staging.files.uploadFromDisk({
      path,
      filename: 'hello.txt',
      purpose: 'batch',
      bytes: Buffer.byteLength(text),
    });
    expect(file.bytes).toBe(Buffer.byteLength(text));
    const body = await new Response(await staging.files.download(file.id)).text();
    expect(body).toBe(text);
    expect(await staging.files.delete(file.id)).toBe(true);
  });

  it("sends a small file's form as the SDK's streamed upload does: same name, purpose and bytes", async () => {
    const staging = await world.core.gateways.get('Acme Staging');
    // A name the form must escape (quote, backslash, CR LF) after a directory the SDK strips.
    const filename = 'notes/old\\Ré"sumé\r\n--x.txt';
    const small = Buffer.from('--boundary-like line\r\n\u0000binary\r\n--\r\n'.repeat(20));
    // Above the whole-read size, so the SDK's own streamed multipart sends it.
    const large = Buffer.alloc(300 * 1024, small);
    const uploaded = [];
    for (const [name, bytes] of [
      ['small.bin', small],
      ['large.bin', large],
    ] as const) {
      const path = join(world.home, name);
      writeFileSync(path, bytes);
      const read: number[] = [];
      const file = await staging.files.uploadFromDisk(
        { path, filename, purpose: 'batch', bytes: bytes.byteLength },
        { onRead: (n) => read.push(n) },
      );
      expect(read.at(-1)).toBe(bytes.byteLength);
      const back = Buffer.from(await new Response(await staging.files.download(file.id)).arrayBuffer());
      expect(back.equals(bytes)).toBe(true);
      uploaded.push(file);
    }
    const [viaBuffer, viaStream] = uploaded;
    expect(viaBuffer!.filename).toBe(viaStream!.filename);
    expect(viaBuffer!.filename).not.toContain('/');
    expect(viaBuffer!.purpose).toBe('batch');
    expect(viaStream!.purpose).toBe('batch');
    for (const file of uploaded) await staging.files.delete(file.id);
  });

  it('uploads a large file through /uploads in parts, checked by md5', async () => {
    const staging = await world.core.gateways.get('Acme Staging');
    const path = join(world.home, 'large.bin');
    const bytes = LIMITS.singleRequestMaxBytes + LIMITS.partBytes + 12345;
    const buffer = Buffer.alloc(bytes);
    for (let i = 0; i < bytes; i += 4096) buffer[i] = i % 251;
    writeFileSync(path, buffer);
    const seen: number[] = [];
    const file = await staging.files.uploadFromDisk(
      { path, filename: 'large.bin', purpose: 'batch', bytes },
      { onBytes: (sent) => seen.push(sent) },
    );
    expect(file.bytes).toBe(bytes);
    expect(seen.at(-1)).toBe(bytes);
    const parts = Math.ceil(bytes / LIMITS.partBytes);
    // Progress comes as the bytes stream, rising to the whole size.
    expect(seen.length).toBeGreaterThan(parts);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    const back = Buffer.from(await new Response(await staging.files.download(file.id)).arrayBuffer());
    expect(back.equals(buffer)).toBe(true);
    const counts = world.sandbox.control.requestCounts('Acme Staging');
    expect(counts['POST /v1/uploads/{upload_id}/parts']).toBe(parts);
    await staging.files.delete(file.id);
  });

  it("explains an undownloadable purpose in the API's words", async () => {
    const prod = await world.core.gateways.get('Acme Production');
    const assistantsFile = (await prod.files.list({ purpose: 'assistants' }))[0];
    expect(assistantsFile).toBeDefined();
    await expect(prod.files.download(assistantsFile!.id)).rejects.toThrow(
      /Not allowed to download files of purpose: assistants/,
    );
  });
});

describe('read-only connections refuse every write in the core', () => {
  let readOnlyWorld: SandboxWorld;
  beforeAll(async () => {
    readOnlyWorld = await startSandboxWorld({ seed: 'demo', readOnly: ['Acme Staging'] });
  });
  afterAll(() => readOnlyWorld.stop());

  it('refuses creates, updates and deletes with the reason, and sends nothing', async () => {
    const staging = await readOnlyWorld.core.gateways.get('Acme Staging');
    readOnlyWorld.sandbox.control.clearRequestCounts();
    const attempts = [
      () => staging.assistants.create({ model: 'gpt-4o' }),
      () => staging.vectorStores.create({ name: 'x' }),
      () => staging.vectorStores.delete('vs_anything'),
      () => staging.files.delete('file-anything'),
    ];
    for (const attempt of attempts) {
      const error = await attempt().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FerryError);
      expect((error as FerryError).code).toBe('read_only');
      expect((error as FerryError).message).toMatch(/"Acme Staging" is a read-only connection/);
    }
    const counts = readOnlyWorld.sandbox.control.requestCounts('Acme Staging');
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(0);
  });
});
