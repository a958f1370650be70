import { createReadStream, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadFile } from '../../../electron/core/manage/uploads.ts';
import { withInteractiveRetries } from '../../../electron/core/openai/retry-budget.ts';
import { startWebHost, type WebHost } from '../../../electron/web/web-host.ts';
import type { FerryEvent } from '../../../shared/events.ts';
import { startSandboxWorld, type SandboxWorld } from '../../support/sandbox-core.ts';

let world: SandboxWorld;
let host: WebHost;
let cookie: string;

beforeAll(async () => {
  world = await startSandboxWorld({ seed: 'demo' });
  const staticDir = join(world.home, 'renderer');
  mkdirSync(staticDir, { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Ferry</title>');
  host = await startWebHost({ core: world.core, staticDir });
  cookie = `ferry_session_${host.port}=${host.token}`;
});
afterAll(async () => {
  await host.close();
  await world.stop();
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** Reads a whole response into a Reply. */
const collect = (resolve: (reply: Reply) => void) => (res: IncomingMessage) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
};

/** A multipart body streamed from disk: fields first, then the file part. */
function postMultipart(
  path: string,
  fields: Record<string, string>,
  file: { path?: string; content?: string; filename: string },
  headers: Record<string, string> = { cookie },
): Promise<Reply> {
  const boundary = `ferry${Date.now()}`;
  const head =
    Object.entries(fields)
      .map(([k, v]) => `--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
      .join('') +
    `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.filename}"\r\ncontent-type: application/octet-stream\r\n\r\n`;
  const tail = `\r\n--${boundary}--\r\n`;
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: host.port,
        path,
        method: 'POST',
        headers: {
          host: `127.0.0.1:${host.port}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          ...headers,
        },
      },
      collect(resolve),
    );
    req.on('error', reject);
    req.write(head);
    if (file.path) {
      const stream = createReadStream(file.path);
      stream.on('data', (c) => req.write(c));
      stream.on('end', () => req.end(tail));
      stream.on('error', reject);
    } else req.end(`${file.content ?? ''}${tail}`);
  });
}

function get(path: string, headers: Record<string, string> = { cookie }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: host.port, path, headers: { host: `127.0.0.1:${host.port}`, ...headers } },
      collect(resolve),
    );
    req.on('error', reject);
    req.end();
  });
}

const staged = () => readdirSync(join(world.home, 'staged-uploads'));

describe('browser-mode uploads', () => {
  it('streams a 50 MB file to the org and into a store, with progress events, leaving nothing staged', async () => {
    const staging = world.connections['Acme Staging']!;
    const store = await world.core.call('vectorStores.create', { connectionId: staging, name: 'Big' });
    const path = join(world.home, 'big.md');
    const line = 'Ferry uploads big files without holding them in memory.\n';
    writeFileSync(path, line.repeat(Math.ceil((50 * 1024 * 1024) / line.length)));
    const events: FerryEvent[] = [];
    const unsubscribe = world.core.subscribe((e) => events.push(e));
    const reply = await postMultipart(
      '/api/upload',
      {
        connectionId: staging,
        uploadId: 'big-1',
        purpose: 'assistants',
        vectorStoreId: store.id,
        attributes: JSON.stringify({ size: 'big' }),
      },
      { path, filename: 'big.md' },
    );
    unsubscribe();
    expect(reply.status).toBe(200);
    const outcome = JSON.parse(reply.body.toString()) as {
      ok: boolean;
      result: { file: { bytes: number; filename: string }; vectorStoreFile: { attributes: unknown } };
    };
    expect(outcome.ok).toBe(true);
    expect(outcome.result.file.filename).toBe('big.md');
    expect(outcome.result.file.bytes).toBeGreaterThanOrEqual(50 * 1024 * 1024);
    expect(outcome.result.vectorStoreFile.attributes).toEqual({ size: 'big' });
    const progress = events.filter(
      (e): e is Extract<FerryEvent, { type: 'upload.progress' }> =>
        e.type === 'upload.progress' && e.uploadId === 'big-1',
    );
    expect(progress[0]).toMatchObject({ state: 'uploading', bytesSent: 0, bytesTotal: outcome.result.file.bytes });
    expect(progress.at(-1)).toMatchObject({ state: 'done', bytesSent: outcome.result.file.bytes });
    // The core-to-API leg reports as it goes, not only at the end.
    expect(progress.some((e) => e.state === 'uploading' && e.bytesSent > 0 && e.bytesSent < e.bytesTotal)).toBe(true);
    expect(staged()).toEqual([]);
  }, 60_000);

  it('answers a core refusal as the outcome, and needs the session token', async () => {
    const legacy = world.connections['Legacy Cloud']!;
    const bad = await postMultipart(
      '/api/upload',
      { connectionId: legacy, uploadId: 'x', purpose: 'nonsense' },
      { content: 'hi', filename: 'a.txt' },
    );
    expect(JSON.parse(bad.body.toString())).toMatchObject({
      ok: false,
      error: { code: 'bad_input', field: 'purpose' },
    });
    const anonymous = await postMultipart(
      '/api/upload',
      { connectionId: legacy, uploadId: 'x' },
      { content: 'hi', filename: 'a.txt' },
      {},
    );
    expect(anonymous.status).toBe(401);
    const foreign = await postMultipart(
      '/api/upload',
      { connectionId: legacy, uploadId: 'x' },
      { content: 'hi', filename: 'a.txt' },
      { cookie, origin: 'http://evil.example' },
    );
    expect(foreign.status).toBe(403);
    expect(staged()).toEqual([]);
  });

  it('to an unknown vector store uploads nothing: the store is looked up first', async () => {
    const staging = world.connections['Acme Staging']!;
    const filesBefore = world.sandbox.control.objects('Acme Staging').files.length;
    const reply = await postMultipart(
      '/api/upload',
      { connectionId: staging, uploadId: 'nostore', purpose: 'assistants', vectorStoreId: 'vs_doesnotexist' },
      { content: 'orphan?', filename: 'orphan.md' },
    );
    expect(JSON.parse(reply.body.toString())).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(world.sandbox.control.objects('Acme Staging').files.length).toBe(filesBefore);
    expect(staged()).toEqual([]);
  });

  it('deletes the uploaded file when attaching it fails, or says by id what was left behind', async () => {
    const staging = world.connections['Acme Staging']!;
    const store = await world.core.call('vectorStores.create', { connectionId: staging, name: 'Attach fails' });
    const names = () => world.sandbox.control.objects('Acme Staging').files.map((f) => f['filename']);
    const original = join(world.home, 'attach.md');
    writeFileSync(original, 'attach me');
    // One try per request, as an admin waiting on the screen gets a few: the faults below outlast it.
    const upload = async (filename: string) =>
      withInteractiveRetries(1, async () =>
        uploadFile(
          await world.core.gateways.get(staging),
          { path: original, owned: false },
          { uploadId: filename, filename, purpose: 'assistants', vectorStoreId: store.id },
          () => undefined,
        ),
      ).then(
        () => null,
        (error: unknown) => error as Error,
      );
    world.sandbox.control.injectFault({
      kind: 'error_500',
      count: 5,
      tenant: 'Acme Staging',
      route: 'POST /v1/vector_stores/{vector_store_id}/files',
    });
    try {
      expect(await upload('attach-cleaned.md')).toBeInstanceOf(Error);
      expect(names()).not.toContain('attach-cleaned.md');

      world.sandbox.control.injectFault({
        kind: 'error_500',
        count: 5,
        tenant: 'Acme Staging',
        route: 'DELETE /v1/files/{file_id}',
      });
      const left = await upload('attach-left.md');
      const leftId = world.sandbox.control
        .objects('Acme Staging')
        .files.find((f) => f['filename'] === 'attach-left.md')?.['id'];
      expect(leftId).toBeDefined();
      expect(left?.message).toContain(`file ${String(leftId)} is left in the org`);
    } finally {
      world.sandbox.control.clearFaults();
    }
  });

  it('refuses a second file part instead of dropping it silently', async () => {
    const boundary = 'twofiles';
    const part = (name: string, filename: string, content: string) =>
      `--${boundary}\r\ncontent-disposition: form-data; name="${name}"; filename="${filename}"\r\n\r\n${content}\r\n`;
    const fields = `--${boundary}\r\ncontent-disposition: form-data; name="connectionId"\r\n\r\n${world.connections['Acme Staging']!}\r\n--${boundary}\r\ncontent-disposition: form-data; name="uploadId"\r\n\r\ntwo\r\n--${boundary}\r\ncontent-disposition: form-data; name="purpose"\r\n\r\nassistants\r\n`;
    const before = world.sandbox.control.objects('Acme Staging').files.length;
    const reply = await new Promise<Reply>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: host.port,
          path: '/api/upload',
          method: 'POST',
          headers: {
            host: `127.0.0.1:${host.port}`,
            cookie,
            'content-type': `multipart/form-data; boundary=${boundary}`,
          },
        },
        collect(resolve),
      );
      req.on('error', reject);
      req.end(`${fields}${part('file', 'one.md', 'one')}${part('file', 'two.md', 'two')}--${boundary}--\r\n`);
    });
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body.toString())).toMatchObject({
      ok: false,
      error: {
        code: 'bad_input',
        field: 'file',
        message: 'The upload carried more than one file part: send exactly one part named "file" per upload.',
      },
    });
    expect(world.sandbox.control.objects('Acme Staging').files.length).toBe(before);
    expect(staged()).toEqual([]);
  });

  it('refuses a body declared larger than 512 MB before reading it', async () => {
    const reply = await new Promise<Reply>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: host.port,
          path: '/api/upload',
          method: 'POST',
          headers: {
            host: `127.0.0.1:${host.port}`,
            cookie,
            'content-type': 'multipart/form-data; boundary=x',
            'content-length': String(600 * 1024 * 1024),
          },
        },
        collect(resolve),
      );
      req.on('error', reject);
      req.write('--x\r\n');
    });
    expect(reply.status).toBe(413);
    expect(reply.body.toString()).toMatch(/larger than 512 MB/);
  });
});

describe('browser-mode uploads without a declared length', () => {
  it('cuts a streamed body off past 512 MB, answers 413, and leaves nothing staged', async () => {
    const boundary = 'ferrybig';
    const head = `--${boundary}\r\ncontent-disposition: form-data; name="connectionId"\r\n\r\n${world.connections['Acme Staging']!}\r\n--${boundary}\r\ncontent-disposition: form-data; name="uploadId"\r\n\r\nhuge\r\n--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="huge.md"\r\n\r\n`;
    const chunk = Buffer.alloc(1024 * 1024, 0x61);
    const reply = await new Promise<Reply>((resolve, reject) => {
      const req = httpRequest(
        // No content-length: chunked, so only the streaming limit can stop it.
        {
          host: '127.0.0.1',
          port: host.port,
          path: '/api/upload',
          method: 'POST',
          headers: {
            host: `127.0.0.1:${host.port}`,
            cookie,
            'content-type': `multipart/form-data; boundary=${boundary}`,
            'transfer-encoding': 'chunked',
          },
        },
        collect(resolve),
      );
      req.on('error', reject);
      req.write(head);
      let sent = 0;
      const pump = () => {
        while (sent < 513) {
          sent += 1;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end(`\r\n--${boundary}--\r\n`);
      };
      pump();
    });
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.body.toString())).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/larger than 512 MB/) },
    });
    expect(staged()).toEqual([]);
    expect(
      (await world.core.call('files.list', { connectionId: world.connections['Acme Staging']! })).some(
        (f) => f.filename === 'huge.md',
      ),
    ).toBe(false);
  }, 60_000);

  it('answers a body without a file part with the reason', async () => {
    const boundary = 'nofile';
    const reply = await new Promise<Reply>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: host.port,
          path: '/api/upload',
          method: 'POST',
          headers: {
            host: `127.0.0.1:${host.port}`,
            cookie,
            'content-type': `multipart/form-data; boundary=${boundary}`,
          },
        },
        collect(resolve),
      );
      req.on('error', reject);
      req.end(`--${boundary}\r\ncontent-disposition: form-data; name="connectionId"\r\n\r\nx\r\n--${boundary}--\r\n`);
    });
    expect(reply.status).toBe(400);
    expect(reply.body.toString()).toMatch(/no file part named/);
  });
});

describe('browser-mode downloads', () => {
  it('answers 404 for a file that is not there', async () => {
    const prod = world.connections['Acme Production']!;
    const reply = await get(`/api/download?connectionId=${prod}&fileId=file-nope`);
    expect(reply.status).toBe(404);
    expect(JSON.parse(reply.body.toString())).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('streams a downloadable file as an attachment', async () => {
    const prod = world.connections['Acme Production']!;
    const file = (await world.core.call('files.list', { connectionId: prod })).find((f) => f.purpose === 'batch')!;
    const reply = await get(`/api/download?connectionId=${prod}&fileId=${file.id}`);
    expect(reply.status).toBe(200);
    expect(reply.headers['content-disposition']).toContain(`filename="${file.filename}"`);
    expect(reply.body.length).toBe(file.bytes);
    expect((await get(`/api/download?connectionId=${prod}&fileId=${file.id}`, {})).status).toBe(401);
  });

  it('answers check=1 with the name and size, or the refusal, and never with the bytes', async () => {
    const prod = world.connections['Acme Production']!;
    const files = await world.core.call('files.list', { connectionId: prod });
    const batch = files.find((f) => f.purpose === 'batch')!;
    const ok = await get(`/api/download?connectionId=${prod}&fileId=${batch.id}&check=1`);
    expect(ok.status).toBe(200);
    expect(ok.headers['content-disposition']).toBeUndefined();
    expect(JSON.parse(ok.body.toString())).toEqual({
      ok: true,
      result: { filename: batch.filename, bytes: batch.bytes },
    });
    const knowledge = files.find((f) => f.purpose === 'assistants')!;
    const refused = await get(`/api/download?connectionId=${prod}&fileId=${knowledge.id}&check=1`);
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.body.toString())).toMatchObject({
      ok: false,
      error: { code: 'bad_input', field: 'fileId' },
    });
    expect((await get(`/api/download?connectionId=${prod}&fileId=file-nope&check=1`)).status).toBe(404);
  });

  it('refuses purposes the API will not hand back, with the sentence why', async () => {
    const prod = world.connections['Acme Production']!;
    const file = (await world.core.call('files.list', { connectionId: prod })).find((f) => f.purpose === 'assistants')!;
    const reply = await get(`/api/download?connectionId=${prod}&fileId=${file.id}`);
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body.toString())).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/does not allow downloading files of purpose "assistants"/) },
    });
  });
});
