import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/core.ts';
import { startWebHost, type WebHost } from '../../../electron/web/web-host.ts';

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** node:http rather than fetch: fetch will not send a forged Host header, and these tests must. */
function send(
  host: WebHost,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: host.port,
        path,
        method: options.method ?? 'GET',
        headers: { host: `127.0.0.1:${host.port}`, ...options.headers },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

let home: string;
let core: Core;
let host: WebHost;
let cookie: string;

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'ferry-web-'));
  const staticDir = join(home, 'renderer');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Ferry</title>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  core = await createCore({ stateDir: join(home, 'state'), shell: 'web', keychain: null });
  // With a trailing slash, as `ferry web` passes it.
  host = await startWebHost({ core, staticDir: `${staticDir}/` });
  cookie = `ferry_session_${host.port}=${host.token}`;
});
afterAll(async () => {
  await host.close();
  await core.dispose();
  rmSync(home, { recursive: true, force: true });
});

const callBody = JSON.stringify({});
const jsonHeaders = { 'content-type': 'application/json' };

describe('browser mode refuses what is not its own session', () => {
  it('answers 401 without the token, for pages and calls alike', async () => {
    expect((await send(host, '/')).status).toBe(401);
    expect((await send(host, '/assets/app.js')).status).toBe(401);
    const call = await send(host, '/api/call/connections.list', {
      method: 'POST',
      headers: jsonHeaders,
      body: callBody,
    });
    expect(call.status).toBe(401);
    expect(call.body).toMatch(/open the URL Ferry printed/);
    expect((await send(host, '/api/events')).status).toBe(401);
  });

  it('answers 401 to a wrong token, in the link, the cookie or the bearer header', async () => {
    expect((await send(host, '/?token=wrong')).status).toBe(401);
    const wrong = { ...jsonHeaders, cookie: `ferry_session_${host.port}=${'x'.repeat(host.token.length)}` };
    expect(
      (await send(host, '/api/call/connections.list', { method: 'POST', headers: wrong, body: callBody })).status,
    ).toBe(401);
    const bearer = { ...jsonHeaders, authorization: 'Bearer nope' };
    expect(
      (await send(host, '/api/call/connections.list', { method: 'POST', headers: bearer, body: callBody })).status,
    ).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding) even with the token', async () => {
    const reply = await send(host, '/api/call/connections.list', {
      method: 'POST',
      headers: { ...jsonHeaders, cookie, host: `attacker.example:${host.port}` },
      body: callBody,
    });
    expect(reply.status).toBe(421);
  });

  it("refuses a foreign Origin (another site's page) even with the token", async () => {
    const reply = await send(host, '/api/call/connections.list', {
      method: 'POST',
      headers: { ...jsonHeaders, cookie, origin: 'https://evil.example' },
      body: callBody,
    });
    expect(reply.status).toBe(403);
  });

  it('refuses calls that are not JSON POSTs (no form-post CSRF)', async () => {
    expect((await send(host, '/api/call/connections.list', { headers: { cookie } })).status).toBe(405);
    const form = { cookie, 'content-type': 'application/x-www-form-urlencoded' };
    expect(
      (await send(host, '/api/call/connections.list', { method: 'POST', headers: form, body: 'a=1' })).status,
    ).toBe(415);
  });

  it('will not listen on a non-loopback address', async () => {
    await expect(startWebHost({ core, staticDir: home, host: '0.0.0.0' })).rejects.toThrow(/loopback only/);
  });
});

describe('browser mode serves its own session', () => {
  it('swaps the token in the link for an HttpOnly, SameSite=Strict cookie and drops it from the URL', async () => {
    const reply = await send(host, '/?token=' + host.token);
    expect(reply.status).toBe(303);
    expect(reply.headers.location).toBe('/');
    const setCookie = reply.headers['set-cookie']?.[0] ?? '';
    expect(setCookie).toContain(`ferry_session_${host.port}=${host.token}`);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
  });

  it('serves the renderer with a strict CSP', async () => {
    const page = await send(host, '/', { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Ferry</title>');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect((await send(host, '/../../etc/passwd', { headers: { cookie } })).body).toContain('<title>Ferry</title>');
    const asset = await send(host, '/assets/app.js', { headers: { cookie } });
    expect(asset.headers['content-type']).toMatch(/text\/javascript/);
    expect(asset.body).toBe('console.log(1)');
  });

  it("answers calls with the contract's outcome, same-origin or bearer", async () => {
    const sameOrigin = { ...jsonHeaders, cookie, origin: host.origin };
    const list = await send(host, '/api/call/connections.list', {
      method: 'POST',
      headers: sameOrigin,
      body: callBody,
    });
    expect(list.status).toBe(200);
    expect(JSON.parse(list.body)).toEqual({ ok: true, result: [] });

    const bad = await send(host, '/api/call/connections.add', {
      method: 'POST',
      headers: { ...jsonHeaders, authorization: `Bearer ${host.token}` },
      body: JSON.stringify({ name: 'x', organization: 'nope', keySource: { kind: 'env', variable: 'K' } }),
    });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'bad_input', field: 'organization' } });

    const malformed = await send(host, '/api/call/connections.list', {
      method: 'POST',
      headers: { ...jsonHeaders, cookie },
      body: '{',
    });
    expect(JSON.parse(malformed.body)).toMatchObject({
      ok: false,
      error: { code: 'bad_input', message: /not valid JSON/ },
    });
  });

  it('pushes core events over SSE', async () => {
    const events = await new Promise<string>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: host.port,
          path: '/api/events',
          headers: { host: `127.0.0.1:${host.port}`, cookie },
        },
        (res) => {
          expect(res.headers['content-type']).toMatch(/text\/event-stream/);
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            text += chunk;
            if (text.includes('connections.changed')) {
              req.destroy();
              resolve(text);
            }
          });
          void core.call('connections.add', { name: 'Via SSE', keySource: { kind: 'env', variable: 'SOME_KEY' } });
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(events).toContain('data: {"type":"connections.changed"}');
  });
});

describe('an oversized call body', () => {
  /** Sends on one keep-alive socket; answers the reply and whether the socket was a reused one. */
  function onSocket(agent: Agent, body: string): Promise<Reply & { reused: boolean }> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          agent,
          host: '127.0.0.1',
          port: host.port,
          path: '/api/call/connections.list',
          method: 'POST',
          headers: {
            host: `127.0.0.1:${host.port}`,
            cookie,
            ...jsonHeaders,
            'content-length': String(Buffer.byteLength(body)),
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, reused: req.reusedSocket }),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  it('is refused, drained, and the next call on the same keep-alive socket is answered', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const big = await onSocket(agent, JSON.stringify({ padding: 'x'.repeat(2 * 1024 * 1024) }));
      expect(JSON.parse(big.body)).toEqual({
        ok: false,
        error: { code: 'bad_input', message: 'The request body is larger than 1 MB.' },
      });
      expect(big.headers['connection']).not.toBe('close');
      const next = await onSocket(agent, '{}');
      expect(next.reused).toBe(true);
      expect(JSON.parse(next.body)).toMatchObject({ ok: true, result: expect.any(Array) });
    } finally {
      agent.destroy();
    }
  });
});
