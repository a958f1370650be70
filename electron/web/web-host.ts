import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ShellCore } from '../core/core.ts';
import { streamEvents } from './event-stream.ts';
import { checkOrigin, isLoopbackAddress, presentedToken, sessionCookieName, tokenMatches } from './request-guard.ts';
import { serveStatic } from './static-files.ts';
import { handleDownload, handleUpload } from './transfer-endpoints.ts';
import { purgeStaleStaged } from '../core/manage/staging.ts';

export interface WebHostOptions {
  core: ShellCore;
  /** The built renderer (out/renderer). */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Must be a loopback address: browser mode is never reachable from another machine. */
  host?: string;
}

export interface WebHost {
  /** Open this to start a session: it carries the token, which the host swaps for a cookie. */
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
} as const;

/**
 * Browser mode: the same core as the desktop app behind HTTP on 127.0.0.1, with a fresh random token per
 * launch. Calls are `POST /api/call/<method>` (JSON params in, a CallOutcome out), events are SSE on
 * `GET /api/events`, and everything else is the renderer build.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackAddress(host)) {
    throw new Error(`Browser mode listens on loopback only; "${host}" is not a loopback address.`);
  }
  const token = randomBytes(32).toString('base64url');
  purgeStaleStaged(options.core.stateDir);
  let port = options.port ?? 0;

  const server = createServer((request, response) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
    handle(request, response).catch((error: unknown) => {
      options.core.logger.log('error', 'Browser-mode request failed', { path: request.url, error });
      if (!response.headersSent) sendJson(response, 500, { error: "Internal error; see Ferry's log." });
      else response.end();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const verdict = checkOrigin(request, { port, token });
    if (!verdict.ok) return sendText(response, verdict.status, verdict.reason);

    const url = new URL(request.url ?? '/', `http://${request.headers.host}`);
    const offered = url.searchParams.get('token');
    if (offered !== null && request.method === 'GET') {
      if (!tokenMatches(offered, token))
        return sendText(response, 401, "That link's token is not this session's. Open the URL Ferry printed.");
      url.searchParams.delete('token');
      response.writeHead(303, {
        'set-cookie': `${sessionCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        location: `${url.pathname}${url.search}`,
      });
      return void response.end();
    }
    if (!tokenMatches(presentedToken(request, port), token)) {
      return sendText(response, 401, 'This Ferry session needs its token: open the URL Ferry printed when it started.');
    }

    if (url.pathname.startsWith('/api/call/')) {
      if (request.method !== 'POST') return sendText(response, 405, 'Use POST for /api/call.');
      if (!request.headers['content-type']?.startsWith('application/json')) {
        return sendText(response, 415, 'Send the params as application/json.');
      }
      const method = decodeURIComponent(url.pathname.slice('/api/call/'.length));
      const body = await readJson(request);
      if (!body.ok) {
        if (body.close) response.setHeader('connection', 'close');
        return sendJson(response, 200, { ok: false, error: { code: 'bad_input', message: body.message } });
      }
      return sendJson(response, 200, await options.core.dispatch(method, body.value));
    }
    if (url.pathname === '/api/events') {
      if (request.method !== 'GET') return sendText(response, 405, 'Use GET for /api/events.');
      return streamEvents(options.core, request, response);
    }
    if (url.pathname === '/api/upload') {
      if (request.method !== 'POST') return sendText(response, 405, 'Use POST for /api/upload.');
      return handleUpload(options.core, request, response);
    }
    if (url.pathname === '/api/download') {
      if (request.method !== 'GET') return sendText(response, 405, 'Use GET for /api/download.');
      return handleDownload(options.core, url, request, response);
    }
    if (url.pathname.startsWith('/api/')) return sendText(response, 404, `No such endpoint: ${url.pathname}`);
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendText(response, 405, 'Method not allowed.');
    return serveStatic(options.staticDir, url.pathname, response);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  options.core.logger.log('info', 'Browser mode listening', { origin });

  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // SSE streams never end on their own.
        server.closeAllConnections();
      }),
  };
}

/** Past this, an oversized body is not worth reading to its end: the answer closes the connection instead. */
const MAX_DRAIN_BYTES = 16 * 1024 * 1024;

type JsonBody = { ok: true; value: unknown } | { ok: false; message: string; close?: boolean };

/**
 * Reads a JSON body of at most 1 MB. An oversized one is refused, and the rest of it is drained (up to
 * 16 MB) so the keep-alive socket is ready for the next request; destroying the request instead would
 * reset that socket under the page's next call. Beyond 16 MB the answer asks to close the connection.
 */
function readJson(request: IncomingMessage): Promise<JsonBody> {
  const declared = Number(request.headers['content-length'] ?? '0');
  if (declared > MAX_DRAIN_BYTES)
    return Promise.resolve({ ok: false, message: 'The request body is larger than 1 MB.', close: true });
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let oversized = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        oversized = true;
        chunks.length = 0;
        if (size > MAX_DRAIN_BYTES)
          resolve({ ok: false, message: 'The request body is larger than 1 MB.', close: true });
        return;
      }
      chunks.push(chunk);
    });
    request.on('error', reject);
    request.on('end', () => {
      if (oversized) return resolve({ ok: false, message: 'The request body is larger than 1 MB.' });
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') return resolve({ ok: true, value: {} });
      try {
        resolve({ ok: true, value: JSON.parse(text) as unknown });
      } catch {
        resolve({ ok: false, message: 'The request body is not valid JSON.' });
      }
    });
  });
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  response.end(`${text}\n`);
}
