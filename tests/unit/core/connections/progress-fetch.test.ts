import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StalledError, stalledCause } from '../../../../electron/core/connections/idle-clock.ts';
import { progressFetch } from '../../../../electron/core/connections/progress-fetch.ts';

/** Answers /whole with a JSON body, /big with 1 MiB in chunks, /stall with headers and part of a body, then silence. */
let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/whole') {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '11' });
      return response.end('{"ok":true}');
    }
    if (request.url === '/big') {
      response.writeHead(200, { 'content-length': String(1024 * 1024) });
      for (let i = 0; i < 16; i += 1) response.write(Buffer.alloc(64 * 1024, i));
      return response.end();
    }
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
    response.write('{"partial":');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('progressFetch answers', () => {
  // Answers that arrive are read under a patient clock: the first fetch of a process loads undici, which
  // on a loaded machine alone took longer than the stall test's 0.3 s.
  const patient = progressFetch(fetch, 30_000);
  const watched = progressFetch(fetch, 300);

  it('gives a small answer whole, with its status, headers and URL', async () => {
    const response = await patient(`${base}/whole`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.url).toBe(`${base}/whole`);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('streams a large answer through to its last byte', async () => {
    const response = await patient(`${base}/big`);
    expect((await response.arrayBuffer()).byteLength).toBe(1024 * 1024);
  });

  it('ends a small answer that stops arriving with the idle timeout, saying it was receiving', async () => {
    const error = await watched(`${base}/stall`).then(
      (response) => response.text(),
      (e: unknown) => e,
    );
    const stalled = error instanceof StalledError ? error : stalledCause(error);
    expect(stalled?.message).toBe('no data moved for 0.3 s while receiving the answer');
  });
});
