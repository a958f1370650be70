import type { IncomingMessage } from 'node:http';
import { maskKey } from './auth.ts';
import { ApiError, invalidUrl } from './errors.ts';
import { newId } from './ids.ts';
import type { Router } from './router.ts';
import type { AdminRoute } from './routes/organization.ts';
import { organizationSlug, type SandboxStore } from './store.ts';
import type { OrganizationState } from './types.ts';

/**
 * The Admin API's own door: only an admin key (`sk-admin-…`) opens /organization/*. A project key is
 * refused for missing the management scopes, as api.openai.com answers it; an admin key on a project
 * route is an unknown key there (auth.ts never sees admin keys).
 */
export function authenticateAdmin(request: IncomingMessage, store: SandboxStore, write: boolean): OrganizationState {
  const match = /^Bearer\s+(.+)$/i.exec((request.headers.authorization ?? '').trim());
  const token = match?.[1]?.trim() ?? '';
  const organizationId = store.adminKeys.get(token);
  const organization = organizationId === undefined ? undefined : store.organizations.get(organizationId);
  if (organization) return organization;
  if (store.keys.has(token)) {
    const scope = write ? 'api.management.write' : 'api.management.read';
    throw new ApiError(
      401,
      `You have insufficient permissions for this operation. Missing scopes: ${scope}. Check that you have the correct role in your organization (Owner), and if you're using a restricted API key, that it has the necessary scopes. Admin API routes need an admin key (sk-admin-…).`,
    );
  }
  throw new ApiError(
    401,
    token === ''
      ? "You didn't provide an API key. You need to provide your admin API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_ADMIN_KEY)."
      : `Incorrect API key provided: ${maskKey(token)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    { code: 'invalid_api_key' },
  );
}

/** Serves one /v1/organization/* request; counts it under "admin:<org name>" (or "" when refused). */
export async function handleAdmin(
  parts: {
    store: SandboxStore;
    adminRouter: Router<AdminRoute>;
    /** The server's RequestCounts (only `add` is needed here). */
    requestCounts: { add(tenant: string, route: string): void };
  },
  request: IncomingMessage,
  url: URL,
  send: (status: number, body: unknown, headers: Record<string, string>) => void,
): Promise<void> {
  const method = request.method ?? 'GET';
  const headers: Record<string, string> = { 'x-request-id': newId.request(), 'openai-version': '2020-10-01' };
  const match = parts.adminRouter.match(method, url.pathname);
  const routeName = match ? match.route.name : `${method} (unmatched)`;
  let counted = false;
  try {
    const organization = authenticateAdmin(request, parts.store, match?.route.write ?? method !== 'GET');
    parts.requestCounts.add(`admin:${organization.name}`, routeName);
    counted = true;
    // As on project routes, the org's name (a slug), not its id.
    headers['openai-organization'] = organizationSlug(organization.name);
    if (!match) throw invalidUrl(method, url.pathname);
    const reply = await match.route.handler({
      request,
      params: match.params,
      query: url.searchParams,
      organization,
      store: parts.store,
    });
    if (!('json' in reply)) throw new Error('Admin routes answer JSON only.');
    send(reply.status, reply.json, { ...headers, ...reply.headers });
  } catch (error) {
    if (!counted) parts.requestCounts.add('', routeName);
    if (!(error instanceof ApiError)) throw error;
    send(error.status, error.toBody(), { ...headers, ...error.headers });
  }
}
