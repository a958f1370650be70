import type { Bundle } from './bundle.ts';
import { folderRoutes, type FolderRequest } from './folder-routes.ts';

/** An answer in the API's error shape, so the SDK raises the same error class a server's would. */
export class FolderApiError extends Error {
  readonly status: number;
  readonly param: string | null;

  constructor(status: number, message: string, param: string | null = null) {
    super(message);
    this.status = status;
    this.param = param;
  }
}

export const notFound = (what: string) => new FolderApiError(404, `No ${what} found.`);
export const badRequest = (message: string, param: string | null = null) => new FolderApiError(400, message, param);

interface CompiledRoute {
  method: string;
  regex: RegExp;
  keys: string[];
  handler: (request: FolderRequest) => Promise<Response> | Response;
}

/**
 * A bundle folder as an OpenAI-compatible server, handed to the SDK client as its `fetch`: the clone
 * engine, pagination, uploads and downloads talk to a folder exactly as they talk to an org, so plan,
 * journal, verify, resume and cleanup need no second implementation. Nothing goes over the network.
 */
export function folderFetch(bundle: Bundle, basePath = '/v1'): typeof fetch {
  const routes: CompiledRoute[] = folderRoutes(bundle).map((route) => {
    const keys: string[] = [];
    const source = route.pattern.replace(/\{(\w+)\}/g, (_m, key: string) => {
      keys.push(key);
      return '([^/]+)';
    });
    return { method: route.method, regex: new RegExp(`^${basePath}${source}/?$`), keys, handler: route.handler };
  });
  return async (input, init) => {
    const request = new Request(input, { ...init, ...(init?.body ? { duplex: 'half' } : {}) } as RequestInit);
    const url = new URL(request.url);
    try {
      for (const route of routes) {
        if (route.method !== request.method) continue;
        const match = route.regex.exec(url.pathname);
        if (!match) continue;
        const params: Record<string, string> = {};
        route.keys.forEach((key, index) => (params[key] = decodeURIComponent(match[index + 1] ?? '')));
        return await route.handler({ request, params, query: url.searchParams });
      }
      throw notFound(`route ${request.method} ${url.pathname} in a folder`);
    } catch (error) {
      if (error instanceof FolderApiError) {
        return json(
          { error: { message: error.message, type: 'invalid_request_error', param: error.param, code: null } },
          error.status,
        );
      }
      throw error;
    }
  };
}

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** Cursor pages as the API gives them, in id order (a folder's objects share one creation time). */
export function page<T extends { id: string }>(
  items: T[],
  query: URLSearchParams,
  render: (item: T) => unknown,
  maxLimit = 100,
): Response {
  const limit = Math.min(Math.max(Number(query.get('limit') ?? 20) || 20, 1), maxLimit);
  const sorted = [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if ((query.get('order') ?? 'desc') === 'desc') sorted.reverse();
  let start = 0;
  let end = sorted.length;
  const after = query.get('after');
  const before = query.get('before');
  if (after) {
    const index = sorted.findIndex((item) => item.id === after);
    if (index < 0) throw badRequest(`Invalid 'after': no object with id '${after}' in this list.`, 'after');
    start = index + 1;
  }
  if (before) {
    const index = sorted.findIndex((item) => item.id === before);
    if (index < 0) throw badRequest(`Invalid 'before': no object with id '${before}' in this list.`, 'before');
    end = index;
  }
  const window = sorted.slice(start, Math.min(end, start + limit));
  return json({
    object: 'list',
    data: window.map(render),
    first_id: window[0]?.id ?? null,
    last_id: window.at(-1)?.id ?? null,
    has_more: start + limit < end,
  });
}

/** A JSON body as an object; anything else is the API's 400. */
export async function jsonBody(request: Request): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw badRequest('The request body is not valid JSON.');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest('The request body must be an object.');
  return body as Record<string, unknown>;
}
