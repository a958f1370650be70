/** The API's wire shapes as a folder answers them: errors, JSON replies, cursor pages, JSON bodies. */

/** One request to a folder route, with its path parameters. */
export interface FolderRequest {
  request: Request;
  params: Record<string, string>;
  query: URLSearchParams;
}

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
