import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import * as undici from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchFetch } from '../../../../electron/core/connections/dispatch-fetch.ts';
import { StalledError, stalledCause } from '../../../../electron/core/connections/idle-clock.ts';

/**
 * A server with one route per behaviour: /echo answers what it received, /big 1 MiB in chunks, /stall
 * part of an answer then silence, /deaf never reads the request body, /empty a 204, /moved a redirect,
 * /hold headers then nothing (for cancel). `closed` counts sockets the server saw close.
 */
let server: Server;
let base: string;
let closed = 0;
const held: ServerResponse[] = [];
beforeAll(async () => {
  server = createServer((request, response) => {
    const url = request.url ?? '';
    if (url === '/deaf') return;
    if (url === '/big') {
      response.writeHead(200, { 'content-length': String(1024 * 1024) });
      for (let i = 0; i < 16; i += 1) response.write(Buffer.alloc(64 * 1024, i));
      return response.end();
    }
    if (url === '/stall') {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      return response.write('{"partial":');
    }
    if (url === '/empty') {
      response.writeHead(204);
      return response.end();
    }
    if (url === '/moved') {
      response.writeHead(307, { location: '/echo' });
      return response.end();
    }
    if (url === '/hold') {
      response.writeHead(200, { 'content-length': String(1024 * 1024) });
      response.write(Buffer.alloc(300 * 1024));
      held.push(response);
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = JSON.stringify({
        method: request.method,
        url,
        authorization: request.headers['authorization'],
        body: Buffer.concat(chunks).toString('utf8'),
      });
      response.writeHead(201, {
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(text)),
        'x-request-id': 'req_1',
      });
      response.end(text);
    });
  });
  server.on('connection', (socket: Socket) => socket.on('close', () => (closed += 1)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const agent = new undici.Agent().compose(undici.interceptors.redirect({ maxRedirections: 5 }));
const watched = dispatchFetch(undici, agent, 300);

const stream = (parts: string[], then?: Promise<void>) =>
  new ReadableStream<Uint8Array>({
    async pull(controller) {
      const part = parts.shift();
      if (part !== undefined) return controller.enqueue(new TextEncoder().encode(part));
      if (then) await then;
      controller.close();
    },
  });

const stalledOf = (error: unknown) => (error instanceof StalledError ? error : stalledCause(error));

describe('dispatchFetch', () => {
  it('sends a string body with its headers and gives the answer whole, with status, headers and URL', async () => {
    const response = await watched(`${base}/echo`, {
      method: 'post',
      headers: new Headers({ authorization: 'Bearer k', 'content-type': 'application/json' }),
      body: '{"a":1}',
    });
    expect(response.status).toBe(201);
    expect(response.ok).toBe(true);
    expect(response.headers.get('x-request-id')).toBe('req_1');
    expect(response.url).toBe(`${base}/echo`);
    expect(await response.json()).toEqual({ method: 'POST', url: '/echo', authorization: 'Bearer k', body: '{"a":1}' });
  });

  it('sends a streamed body to its last byte (its small chunks gathered)', async () => {
    const parts = Array.from({ length: 40 }, (_, i) => `part ${i};`);
    const response = await watched(`${base}/echo`, {
      method: 'POST',
      body: stream([...parts]),
      duplex: 'half',
    } as RequestInit);
    expect(((await response.json()) as { body: string }).body).toBe(parts.join(''));
  });

  it('streams a large answer through to its last byte', async () => {
    const response = await watched(`${base}/big`);
    expect((await response.arrayBuffer()).byteLength).toBe(1024 * 1024);
  });

  it('answers a 204 with no body and follows a redirect', async () => {
    expect((await watched(`${base}/empty`)).status).toBe(204);
    const moved = await watched(`${base}/moved`);
    expect(((await moved.json()) as { url: string }).url).toBe('/echo');
  });

  it('never carries the API key to another origin a redirect points at', async () => {
    // Another server (another port is another origin) that says what it was sent.
    const other = createServer((request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ authorization: request.headers['authorization'] ?? null }));
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const away = createServer((_, response) => {
      response.writeHead(307, { location: `http://127.0.0.1:${(other.address() as AddressInfo).port}/echo` });
      response.end();
    });
    await new Promise<void>((resolve) => away.listen(0, '127.0.0.1', resolve));
    try {
      const response = await watched(`http://127.0.0.1:${(away.address() as AddressInfo).port}/v1/models`, {
        headers: { authorization: 'Bearer sk-secret' },
      });
      expect(await response.json()).toEqual({ authorization: null });
    } finally {
      for (const s of [other, away]) {
        s.closeAllConnections();
        s.close();
      }
    }
  });

  it('ends an answer that stops arriving with the idle timeout, saying it was receiving', async () => {
    const error = await watched(`${base}/stall`).then(
      (response) => response.text(),
      (e: unknown) => e,
    );
    expect(stalledOf(error)?.message).toBe('no data moved for 0.3 s while receiving the answer');
  });

  it('ends an upload the server stops reading, saying it was sending', async () => {
    let more = true;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (more) controller.enqueue(new Uint8Array(256 * 1024));
      },
    });
    const error = await watched(`${base}/deaf`, { method: 'POST', body: endless, duplex: 'half' } as RequestInit).catch(
      (e: unknown) => e,
    );
    more = false;
    expect(stalledOf(error)?.message).toMatch(
      /^no data moved for .* while (sending the request|waiting for the answer)/,
    );
  });

  it('keeps a slow answer alive while its chunks keep coming', async () => {
    const slow = createServer((_request, response) => {
      response.writeHead(200, { 'content-length': String(8 * 64 * 1024) });
      let sent = 0;
      const tick = setInterval(() => {
        response.write(Buffer.alloc(64 * 1024));
        if (++sent === 8) {
          clearInterval(tick);
          response.end();
        }
      }, 50);
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    try {
      // 8 chunks 50 ms apart: 400 ms in all, more than the idle timeout, never 300 ms of silence.
      const response = await watched(`http://127.0.0.1:${(slow.address() as AddressInfo).port}/`);
      expect((await response.arrayBuffer()).byteLength).toBe(8 * 64 * 1024);
    } finally {
      slow.closeAllConnections();
      slow.close();
    }
  });

  it('fails as fetch does when nothing listens, with the cause', async () => {
    const error = (await watched('http://127.0.0.1:1/').catch((e: unknown) => e)) as TypeError;
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toBe('fetch failed');
    expect((error.cause as { code?: string }).code).toBe('ECONNREFUSED');
  });

  it('a cancel rejects with the caller’s reason and closes the socket mid-answer', async () => {
    const before = closed;
    const controller = new AbortController();
    const response = await watched(`${base}/hold`, { signal: controller.signal });
    const reader = response.body!.getReader();
    await reader.read();
    const reason = new Error('cancelled by the admin');
    controller.abort(reason);
    await expect(reader.read()).rejects.toBe(reason);
    await expect.poll(() => closed).toBeGreaterThan(before);
    const early = await watched(`${base}/echo`, { signal: controller.signal }).catch((e: unknown) => e);
    expect(early).toBe(reason);
  });
});
