import type { IncomingMessage } from 'node:http';
import { ApiError } from './errors.ts';
import type { Scope } from './router.ts';
import type { SandboxStore } from './store.ts';
import type { ApiKeyRecord, TenantState } from './types.ts';

/** Masks a key the way OpenAI's error messages do, so no full key ever lands in a log or a test snapshot. */
export function maskKey(key: string): string {
  if (key.length <= 12) return '*'.repeat(key.length);
  return `${key.slice(0, 8)}${'*'.repeat(Math.max(4, key.length - 12))}${key.slice(-4)}`;
}

/**
 * Resolves the caller's tenant from `Authorization: Bearer KEY`, then checks the OpenAI-Organization and
 * OpenAI-Project headers against the key's tenant, as the real API does for every request.
 */
export function authenticate(
  request: IncomingMessage,
  store: SandboxStore,
): { tenant: TenantState; key: ApiKeyRecord } {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  if (!match || !match[1]) {
    throw new ApiError(
      401,
      "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.",
    );
  }
  const token = match[1].trim();
  const key = store.keys.get(token);
  const tenant = key ? store.tenants.get(key.tenant) : undefined;
  if (!key || !tenant) {
    throw new ApiError(
      401,
      `Incorrect API key provided: ${maskKey(token)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
      {
        code: 'invalid_api_key',
      },
    );
  }
  const organization = headerValue(request, 'openai-organization');
  if (organization !== undefined && organization !== tenant.organization) {
    throw new ApiError(401, 'OpenAI-Organization header should match organization for API key.', {
      code: 'mismatched_organization',
    });
  }
  const project = headerValue(request, 'openai-project');
  if (project !== undefined && project !== tenant.project) {
    throw new ApiError(401, 'OpenAI-Project header should match project for API key.', { code: 'mismatched_project' });
  }
  return { tenant, key };
}

export function requireScope(key: ApiKeyRecord, scope: Scope): void {
  if (key.scopes === null || key.scopes.includes(scope)) return;
  // A write scope implies read, as "Write" permission does in OpenAI's key settings.
  if (scope.endsWith('.read') && key.scopes.includes(scope.replace(/\.read$/, '.write'))) return;
  throw new ApiError(
    401,
    `You have insufficient permissions for this operation. Missing scopes: ${scope}. Check that you have the correct role in your organization (Reader, Writer, Owner) and project (Member, Owner), and if you're using a restricted API key, that it has the necessary scopes.`,
  );
}

function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text.trim() === '' ? undefined : text.trim();
}
