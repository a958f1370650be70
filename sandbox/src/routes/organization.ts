import type { IncomingMessage } from 'node:http';
import { ApiError, badRequest } from '../errors.ts';
import { newId, nextSeq, nowSeconds } from '../ids.ts';
import { ok, readJsonObject, rejectUnknown, type Reply } from '../http-io.ts';
import { paginate } from '../pagination.ts';
import type { SandboxStore } from '../store.ts';
import type { OrganizationState, ProjectRecord, ServiceAccountRecord } from '../types.ts';

export interface AdminContext {
  request: IncomingMessage;
  params: Record<string, string>;
  query: URLSearchParams;
  organization: OrganizationState;
  store: SandboxStore;
}

/** An Admin API route: called with an admin key, on the key's organization. `write` picks the scope it needs. */
export interface AdminRoute {
  method: string;
  pattern: string;
  write: boolean;
  handler: (context: AdminContext) => Promise<Reply>;
}

/** Admin lists take `limit` (1..100, default 20) and `after`, oldest first, and no `before`. */
const adminPages = { maxLimit: 100, defaultLimit: 20, allowBefore: false } as const;

function ascending(query: URLSearchParams, drop: string[] = []): URLSearchParams {
  const out = new URLSearchParams(query);
  for (const name of drop) out.delete(name);
  out.set('order', 'asc');
  return out;
}

export function renderProject(project: ProjectRecord): Record<string, unknown> {
  return {
    id: project.id,
    object: 'organization.project',
    name: project.name,
    created_at: project.created_at,
    archived_at: project.archived_at,
    status: project.archived_at === null ? 'active' : 'archived',
  };
}

function renderServiceAccount(account: ServiceAccountRecord): Record<string, unknown> {
  return {
    object: 'organization.project.service_account',
    id: account.id,
    name: account.name,
    role: account.role,
    created_at: account.created_at,
  };
}

function requireProject({ organization, params }: AdminContext): ProjectRecord {
  const project = organization.projects.get(params.project_id ?? '');
  if (!project) throw new ApiError(404, `No project found with id '${params.project_id}'.`, { param: 'project_id' });
  return project;
}

/** Service accounts cannot be listed, created or changed in an archived project (the spec's 400). */
function requireActive(project: ProjectRecord): void {
  if (project.archived_at !== null)
    throw badRequest('project_id', `Project '${project.id}' is archived. Unarchive it to manage its service accounts.`);
}

function requireServiceAccount(project: ProjectRecord, id: string | undefined): ServiceAccountRecord {
  const account = project.serviceAccounts.get(id ?? '');
  if (!account)
    throw new ApiError(404, `No service account found with id '${id}' in project '${project.id}'.`, {
      param: 'service_account_id',
    });
  return account;
}

function parseBoolean(value: string | null, name: string): boolean {
  if (value === null || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  throw badRequest(
    name,
    `Invalid value for '${name}': expected a boolean, but got '${value}' instead.`,
    'invalid_value',
  );
}

export const organizationRoutes: AdminRoute[] = [
  {
    method: 'GET',
    pattern: '/v1/organization/projects',
    write: false,
    handler: async ({ organization, query }) => {
      const includeArchived = parseBoolean(query.get('include_archived'), 'include_archived');
      const projects = [...organization.projects.values()].filter(
        (project) => includeArchived || project.archived_at === null,
      );
      return ok(paginate(projects, ascending(query, ['include_archived']), adminPages, renderProject));
    },
  },
  {
    method: 'GET',
    pattern: '/v1/organization/projects/{project_id}',
    write: false,
    handler: async (context) => ok(renderProject(requireProject(context))),
  },
  {
    method: 'POST',
    pattern: '/v1/organization/projects/{project_id}/archive',
    write: true,
    handler: async (context) => {
      const project = requireProject(context);
      project.archived_at ??= nowSeconds();
      return ok(renderProject(project));
    },
  },
  {
    method: 'GET',
    pattern: '/v1/organization/projects/{project_id}/service_accounts',
    write: false,
    handler: async (context) => {
      const project = requireProject(context);
      requireActive(project);
      return ok(paginate(project.serviceAccounts.values(), ascending(context.query), adminPages, renderServiceAccount));
    },
  },
  {
    method: 'POST',
    pattern: '/v1/organization/projects/{project_id}/service_accounts',
    write: true,
    handler: async (context) => {
      const project = requireProject(context);
      const body = await readJsonObject(context.request);
      rejectUnknown(body, ['name', 'create_service_account_only']);
      if (typeof body.name !== 'string' || body.name.trim() === '')
        throw badRequest('name', "Missing required parameter: 'name'.", 'missing_required_parameter');
      requireActive(project);
      const only = body.create_service_account_only === true;
      const now = nowSeconds();
      const account: ServiceAccountRecord = {
        id: newId.serviceAccount(),
        seq: nextSeq(),
        created_at: now,
        name: body.name,
        role: only ? 'none' : 'member',
        keys: [],
      };
      let apiKey: Record<string, unknown> | null = null;
      if (!only) {
        // The key is an ordinary project key of the project's tenant; this answer is the only place it shows.
        const value = newId.serviceAccountKey();
        context.store.keys.set(value, { key: value, tenant: project.tenant, scopes: null });
        account.keys.push(value);
        apiKey = {
          object: 'organization.project.service_account.api_key',
          value,
          name: 'Secret Key',
          created_at: now,
          id: newId.apiKeyId(),
        };
      }
      project.serviceAccounts.set(account.id, account);
      return ok({ ...renderServiceAccount(account), api_key: apiKey });
    },
  },
  {
    method: 'GET',
    pattern: '/v1/organization/projects/{project_id}/service_accounts/{service_account_id}',
    write: false,
    handler: async (context) => {
      const project = requireProject(context);
      return ok(renderServiceAccount(requireServiceAccount(project, context.params.service_account_id)));
    },
  },
  {
    method: 'DELETE',
    pattern: '/v1/organization/projects/{project_id}/service_accounts/{service_account_id}',
    write: true,
    handler: async (context) => {
      const project = requireProject(context);
      const account = requireServiceAccount(project, context.params.service_account_id);
      // Deleting the account revokes its keys at once, as it does upstream.
      for (const key of account.keys) context.store.keys.delete(key);
      project.serviceAccounts.delete(account.id);
      return ok({ object: 'organization.project.service_account.deleted', id: account.id, deleted: true });
    },
  },
];
