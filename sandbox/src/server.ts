import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { handleAdmin } from './admin.ts';
import { authenticate, requireScope } from './auth.ts';
import { ApiError, invalidUrl, serverError } from './errors.ts';
import type { Faults } from './faults.ts';
import { newId } from './ids.ts';
import type { Reply } from './http-io.ts';
import type { Link } from './link.ts';
import type { RateLimiter } from './rate-limit.ts';
import type { Router } from './router.ts';
import type { AdminRoute } from './routes/organization.ts';
import type { SandboxStore } from './store.ts';

export interface ServerParts {
  store: SandboxStore;
  router: Router;
  /** /v1/organization/*, the Admin API: admin keys only, on the key's organization. */
  adminRouter: Router<AdminRoute>;
  limiter: RateLimiter;
  faults: Faults;
  requestCounts: RequestCounts;
  link: Link;
  /** Serves /__sandbox/* (loopback only); returns false when the path is not a control path. */
  control: (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<boolean>;
  /** Idle keep-alive timeout (ms), 5 s unless a test asks for less. */
  keepAliveMs?: number;
}

/** Requests per tenant per route name ("GET /v1/assistants/{assistant_id}"); "" is unauthenticated. */
export class RequestCounts {
  private readonly counts = new Map<string, Map<string, number>>();

  add(tenant: string, route: string): void {
    const perTenant = this.counts.get(tenant) ?? new Map<string, number>();
    perTenant.set(route, (perTenant.get(route) ?? 0) + 1);
    this.counts.set(tenant, perTenant);
  }

  read(tenant?: string): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [name, perTenant] of this.counts) {
      if (tenant !== undefined && name !== tenant) continue;
      for (const [route, count] of perTenant) out[route] = (out[route] ?? 0) + count;
    }
    return out;
  }

  clear(): void {
    this.counts.clear();
  }
}

export function createSandboxServer(parts: ServerParts): Server {
  const server = createServer((request, response) => {
    handle(parts, request, response).catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, serverError(500).toBody(), {});
      else response.destroy(error as Error);
    });
  });
  server.keepAliveTimeout = parts.keepAliveMs ?? 5_000;
  // Node waits a further second past the timeout it announces (keepAliveTimeoutBuffer); a test that sets its
  // own timeout means the one the server keeps.
  if (parts.keepAliveMs !== undefined) server.keepAliveTimeoutBuffer = 0;
  return server;
}

async function handle(parts: ServerParts, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const started = Date.now();
  const url = new URL(request.url ?? '/', 'http://sandbox.local');
  if (await parts.control(request, response, url)) return;
  if (url.pathname === '/v1/organization' || url.pathname.startsWith('/v1/organization/')) {
    return handleAdmin(parts, request, url, (status, body, headers) =>
      sendJson(response, status, body, { ...headers, 'openai-processing-ms': String(Date.now() - started) }),
    );
  }
  const method = request.method ?? 'GET';
  const baseHeaders: Record<string, string> = { 'x-request-id': newId.request(), 'openai-version': '2020-10-01' };
  const match = parts.router.match(method, url.pathname);
  let tenantName: string | null = null;
  let headers = baseHeaders;
  try {
    const { tenant, key } = authenticate(request, parts.store);
    tenantName = tenant.name;
    const routeName = match ? match.route.name : `${method} (unmatched)`;
    parts.requestCounts.add(tenant.name, routeName);
    const flight = parts.link.enter(tenant.name, routeName);
    response.once('finish', () => flight.done(response.statusCode));
    response.once('close', () => flight.done(response.writableFinished ? response.statusCode : 0));
    // The real API names the org here (its name, e.g. "acme-corp"), not its id.
    headers = { ...baseHeaders, 'openai-organization': tenant.organizationName, 'openai-project': tenant.project };
    const withoutRateHeaders = !parts.link.sendsRateLimitHeaders(tenant.name, routeName);
    try {
      const rate = parts.limiter.take(tenant.name, tenant.organization);
      if (!withoutRateHeaders) Object.assign(headers, rate);
    } catch (error) {
      if (withoutRateHeaders && error instanceof ApiError) throw stripRateHeaders(error);
      throw error;
    }
    if (!match) throw invalidUrl(method, url.pathname);
    // Since 2026-08-26 api.openai.com answers every /assistants path as a path it does not serve.
    if (tenant.assistantsRetired && url.pathname.startsWith('/v1/assistants')) throw invalidUrl(method, url.pathname);
    if (url.pathname.startsWith('/v1/assistants')) requireAssistantsBeta(request);
    // /agents exists only where the Agents beta does; elsewhere it is a path the server does not know.
    if (url.pathname.startsWith('/v1/agents') && !tenant.agentsServed) throw invalidUrl(method, url.pathname);
    if (url.pathname.startsWith('/v1/agents')) requireAgentsBeta(request);
    requireScope(key, match.route.scope);

    const fault = parts.faults.decide(tenant.name, match.route.name);
    if (fault.held) await fault.held;
    if (fault.delayMs > 0) await sleep(fault.delayMs);
    if (fault.kind === 'reset') return void request.socket.destroy();
    // No answer, ever: the client's own timeout is what this tests. stop() closes the socket.
    if (fault.kind === 'timeout') return;
    if (fault.kind === 'error_500' || fault.kind === 'error_502' || fault.kind === 'error_503') {
      throw serverError(Number(fault.kind.slice(-3)));
    }
    const reply = await match.route.handler({
      request: parts.link.body(tenant.name, request),
      params: match.params,
      query: url.searchParams,
      tenant,
      store: parts.store,
    });
    if (fault.kind === 'lost_response') {
      // The write above has been applied; the caller never learns it. That is the whole point.
      return void request.socket.destroy();
    }
    headers['openai-processing-ms'] = String(Date.now() - started);
    await send(response, reply, headers);
  } catch (error) {
    if (tenantName === null) parts.requestCounts.add('', match ? match.route.name : `${method} (unmatched)`);
    const apiError = error instanceof ApiError ? error : undefined;
    if (!apiError) throw error;
    headers['openai-processing-ms'] = String(Date.now() - started);
    sendJson(response, apiError.status, apiError.toBody(), { ...headers, ...apiError.headers });
  }
}

/** A 429 from an endpoint that sends no rate-limit headers still says when to come back (retry-after). */
function stripRateHeaders(error: ApiError): ApiError {
  const headers = Object.fromEntries(
    Object.entries(error.headers).filter(([name]) => !name.startsWith('x-ratelimit-')),
  );
  return new ApiError(error.status, error.message, { type: error.type, param: error.param, code: error.code, headers });
}

/** The Assistants API answers only callers that opt in to v2, as upstream does (the SDK always sends it). */
function requireAssistantsBeta(request: IncomingMessage): void {
  const beta = String(request.headers['openai-beta'] ?? '');
  if (beta.split(',').some((part) => part.trim() === 'assistants=v2')) return;
  throw new ApiError(
    400,
    beta.includes('assistants=v1')
      ? "The v1 Assistants API has been deprecated. Please try again by setting the header 'OpenAI-Beta: assistants=v2'."
      : "You must provide the 'OpenAI-Beta' header to access the Assistants API. Please try again by setting the header 'OpenAI-Beta: assistants=v2'.",
    { code: 'invalid_beta' },
  );
}

/** The Agents API answers only callers that opt in to its beta (the SDK's `client.beta.agents` sends it). */
function requireAgentsBeta(request: IncomingMessage): void {
  const beta = String(request.headers['openai-beta'] ?? '');
  if (beta.split(',').some((part) => part.trim() === 'agents=v1')) return;
  throw new ApiError(
    400,
    "You must provide the 'OpenAI-Beta' header to access the Agents API. Please try again by setting the header 'OpenAI-Beta: agents=v1'.",
    { code: 'invalid_beta' },
  );
}

async function send(response: ServerResponse, reply: Reply, headers: Record<string, string>): Promise<void> {
  if ('json' in reply) {
    sendJson(response, reply.status, reply.json, { ...headers, ...reply.headers });
    return;
  }
  response.writeHead(reply.status, {
    ...headers,
    ...reply.headers,
    'content-type': reply.contentType,
    ...(reply.length === undefined ? {} : { 'content-length': String(reply.length) }),
  });
  await pipeline(reply.stream, response);
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string>,
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...headers,
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
  });
  response.end(text);
}
