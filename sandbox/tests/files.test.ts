import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import OpenAI, { toFile, BadRequestError, NotFoundError, type APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { MEMORY_BLOB_BYTES } from '../src/blobs.ts';
import { production, staging, useSandbox } from './harness.ts';

const h = useSandbox();

describe('files', () => {
  it('uploads multipart, lists with purpose filter and after-only pagination, retrieves, downloads and deletes', async () => {
    const client = h.client(staging);
    const notes = await client.files.create({
      file: await toFile(Buffer.from('# Notes\nhello'), 'notes.md'),
      purpose: 'batch',
    });
    expect(notes).toMatchObject({
      object: 'file',
      filename: 'notes.md',
      purpose: 'batch',
      bytes: 13,
      status: 'processed',
    });
    expect(notes.id).toMatch(/^file-/);
    const ids = [notes.id];
    for (let i = 0; i < 4; i += 1) {
      ids.push(
        (
          await client.files.create({
            file: await toFile(Buffer.from(`doc ${i}`), `doc-${i}.txt`),
            purpose: 'assistants',
          })
        ).id,
      );
    }
    const seen: string[] = [];
    for await (const file of client.files.list({ limit: 2 })) seen.push(file.id);
    expect(seen).toEqual([...ids].reverse());
    expect((await client.files.list({ purpose: 'batch' })).data.map((f) => f.id)).toEqual([notes.id]);
    const before = await h.raw(staging, `/files?before=${ids[1]}`);
    expect(before.status).toBe(400);
    expect((await before.json()).error.param).toBe('before');
    const tooMany = await h.raw(staging, '/files?limit=10001');
    expect((await tooMany.json()).error.param).toBe('limit');
    expect((await h.raw(staging, '/files?limit=10000')).status).toBe(200);

    expect(await client.files.retrieve(notes.id)).toEqual(notes);
    const content = await client.files.content(notes.id);
    expect(await content.text()).toBe('# Notes\nhello');
    expect(await client.files.delete(notes.id)).toEqual({ id: notes.id, object: 'file', deleted: true });
    const missing = await client.files.retrieve(notes.id).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NotFoundError);
  });

  it('gives back every byte of files around the size it keeps in memory, whole and through parts', async () => {
    const client = h.client(staging);
    const digest = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
    for (const size of [MEMORY_BLOB_BYTES - 1, MEMORY_BLOB_BYTES, MEMORY_BLOB_BYTES + 1, 300_000]) {
      const bytes = Buffer.alloc(size);
      for (let i = 0; i < size; i += 1) bytes[i] = (i * 31 + size) % 251;
      const file = await client.files.create({ file: await toFile(bytes, `b-${size}.jsonl`), purpose: 'batch' });
      expect(file.bytes).toBe(size);
      const back = new Uint8Array(await (await client.files.content(file.id)).arrayBuffer());
      expect(digest(back)).toBe(digest(bytes));
      // In two parts, one small and one large, assembled into one file.
      const upload = await client.uploads.create({
        bytes: size,
        filename: `p-${size}.jsonl`,
        purpose: 'batch',
        mime_type: 'application/jsonl',
      });
      const cut = Math.floor(size / 5);
      const parts = [];
      for (const piece of [bytes.subarray(0, cut), bytes.subarray(cut)])
        parts.push((await client.uploads.parts.create(upload.id, { data: await toFile(piece, 'part') })).id);
      const done = await client.uploads.complete(upload.id, { part_ids: parts });
      const assembled = new Uint8Array(await (await client.files.content(done.file!.id)).arrayBuffer());
      expect(digest(assembled)).toBe(digest(bytes));
    }
  });

  it('refuses to download purposes assistants and user_data, naming the purpose', async () => {
    const client = h.client(production);
    const [assistantsFile] = (await client.files.list({ purpose: 'assistants' })).data;
    const error = await client.files.content(assistantsFile!.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as APIError).message).toBe('400 Not allowed to download files of purpose: assistants');
    const userData = await h
      .client(staging)
      .files.create({ file: await toFile(Buffer.from('private'), 'me.txt'), purpose: 'user_data' });
    const raw = await h.raw(staging, `/files/${userData.id}/content`);
    expect(raw.status).toBe(400);
    expect((await raw.json()).error.message).toBe('Not allowed to download files of purpose: user_data');
    const [batchFile] = (await client.files.list({ purpose: 'batch' })).data;
    expect((await (await client.files.content(batchFile!.id)).text()).length).toBeGreaterThan(10);
  });

  it('rejects bad multipart input with a 400 naming the parameter', async () => {
    const form = (parts: Record<string, string | Blob>) => {
      const data = new FormData();
      for (const [name, value] of Object.entries(parts)) {
        if (typeof value === 'string') data.append(name, value);
        else data.append(name, value, 'x.txt');
      }
      return data;
    };
    const cases: [FormData | string, string][] = [
      [form({ purpose: 'assistants' }), 'file'],
      [form({ file: new Blob(['x']) }), 'purpose'],
      [form({ purpose: 'homework', file: new Blob(['x']) }), 'purpose'],
      ['{"purpose":"assistants"}', 'file'],
    ];
    for (const [body, param] of cases) {
      const headers = typeof body === 'string' ? { 'content-type': 'application/json' } : undefined;
      const response = await h.raw(staging, '/files', { method: 'POST', body, ...(headers ? { headers } : {}) });
      expect(response.status, param).toBe(400);
      expect((await response.json()).error.param).toBe(param);
    }
  });

  it('makes no file when the client goes away halfway through an upload, and keeps serving', async () => {
    const client = h.client(staging);
    const before = (await client.files.list()).data.length;
    const boundary = 'ferry-test-boundary';
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nassistants\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="half.txt"\r\nContent-Type: text/plain\r\n\r\n`;
    const url = new URL(`${h.sandbox.url}/files`);
    // The body is announced whole (small, and large enough to go to disk) but only part of it is sent.
    for (const size of [1000, MEMORY_BLOB_BYTES * 3]) {
      await new Promise<void>((resolve) => {
        const request = httpRequest(url, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${h.tenant(staging).key}`,
            'content-type': `multipart/form-data; boundary=${boundary}`,
            'content-length': String(head.length + size + 100),
          },
        });
        request.on('error', () => resolve());
        request.on('close', () => resolve());
        request.write(head);
        request.write(Buffer.alloc(Math.floor(size / 2), 'x'), () => setImmediate(() => request.destroy()));
      });
    }
    await expect.poll(async () => (await client.files.list()).data.length).toBe(before);
    const ok = await client.files.create({
      file: await toFile(Buffer.from('whole'), 'whole.txt'),
      purpose: 'assistants',
    });
    expect(ok.bytes).toBe(5);
    await client.files.delete(ok.id);
  });

  it('streams an upload through /uploads in parts and checks md5 on complete', async () => {
    const client = h.client(staging);
    const partA = Buffer.alloc(300_000, 'a');
    const partB = Buffer.from('tail of the file\n');
    const whole = Buffer.concat([partA, partB]);
    const upload = await client.uploads.create({
      filename: 'big.jsonl',
      purpose: 'batch',
      bytes: whole.length,
      mime_type: 'application/jsonl',
    });
    expect(upload).toMatchObject({ object: 'upload', status: 'pending', bytes: whole.length, file: null });
    const first = await client.uploads.parts.create(upload.id, { data: await toFile(partA, 'a') });
    const second = await client.uploads.parts.create(upload.id, { data: await toFile(partB, 'b') });
    expect(first).toMatchObject({ object: 'upload.part', upload_id: upload.id });
    const wrongMd5 = await client.uploads
      .complete(upload.id, { part_ids: [first.id, second.id], md5: 'ffffffffffffffffffffffffffffffff' })
      .catch((e: unknown) => e);
    expect((wrongMd5 as APIError).param).toBe('md5');
    const wrongOrderSize = await client.uploads.complete(upload.id, { part_ids: [first.id] }).catch((e: unknown) => e);
    expect((wrongOrderSize as APIError).param).toBe('part_ids');
    const md5 = createHash('md5').update(whole).digest('hex');
    const done = await client.uploads.complete(upload.id, { part_ids: [first.id, second.id], md5 });
    expect(done.status).toBe('completed');
    expect(done.file).toMatchObject({ object: 'file', bytes: whole.length, filename: 'big.jsonl', purpose: 'batch' });
    const bytes = Buffer.from(await (await client.files.content(done.file!.id)).arrayBuffer());
    expect(bytes.equals(whole)).toBe(true);
    const again = await client.uploads.parts
      .create(upload.id, { data: await toFile(partB, 'b') })
      .catch((e: unknown) => e);
    expect((again as APIError).status).toBe(400);
  });

  it('cancels an upload and validates create parameters', async () => {
    const client = h.client(staging);
    const upload = await client.uploads.create({
      filename: 'x.txt',
      purpose: 'assistants',
      bytes: 10,
      mime_type: 'text/plain',
    });
    expect((await client.uploads.cancel(upload.id)).status).toBe('cancelled');
    const cancelAgain = await client.uploads.cancel(upload.id).catch((e: unknown) => e);
    expect((cancelAgain as APIError).status).toBe(400);
    for (const [patch, param] of [
      [{ bytes: 0 }, 'bytes'],
      [{ purpose: 'fun' }, 'purpose'],
      [{ mime_type: undefined }, 'mime_type'],
    ] as const) {
      const error = await client.uploads
        .create({ filename: 'x.txt', purpose: 'assistants', bytes: 10, mime_type: 'text/plain', ...patch } as never)
        .catch((e: unknown) => e);
      expect((error as APIError).param).toBe(param);
    }
    const missing = await client.uploads.cancel('upload_nope').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(OpenAI.NotFoundError);
  });
});
