import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { legacy, production, staging, useSandbox } from './harness.ts';

const h = useSandbox();

function acme() {
  const found = h.sandbox.organizations.find((organization) => organization.name === 'Acme');
  if (!found) throw new Error('the demo has no organization Acme');
  return found;
}

/** A call with an explicit key (admin or project), validated against the spec like every other answer. */
function call(key: string, path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
  const { json, ...rest } = init;
  return h.raw('', path, {
    ...rest,
    headers: { authorization: `Bearer ${key}`, ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(json === undefined ? {} : { body: JSON.stringify(json) }),
  });
}

describe('the Admin API', () => {
  it('lists the demo organization with three projects, each a tenant', async () => {
    const org = acme();
    expect(org.adminKey).toMatch(/^sk-admin-/);
    expect(org.projects.map((project) => project.name)).toEqual([production, staging, legacy]);
    for (const project of org.projects) {
      const tenant = h.tenant(project.name);
      expect(tenant.project).toBe(project.id);
      expect(tenant.organization).toBe(org.id);
    }
    const response = await call(org.adminKey, '/organization/projects');
    expect(response.status).toBe(200);
    const page = (await response.json()) as { data: { id: string; status: string }[]; has_more: boolean };
    expect(page.data.map((project) => project.id)).toEqual(org.projects.map((project) => project.id));
    expect(page.data.every((project) => project.status === 'active')).toBe(true);
    expect(page.has_more).toBe(false);
  });

  it('pages with limit and after, and hides archived projects unless include_archived', async () => {
    const org = acme();
    const first = (await (await call(org.adminKey, '/organization/projects?limit=2')).json()) as {
      data: { id: string }[];
      has_more: boolean;
      first_id: string;
      last_id: string;
    };
    expect(first.data).toHaveLength(2);
    expect(first.has_more).toBe(true);
    expect(first.first_id).toBe(org.projects[0]!.id);
    const second = (await (
      await call(org.adminKey, `/organization/projects?limit=2&after=${first.last_id}`)
    ).json()) as {
      data: { id: string }[];
      has_more: boolean;
    };
    expect(second.data.map((p) => p.id)).toEqual([org.projects[2]!.id]);
    expect(second.has_more).toBe(false);

    const legacyId = org.projects[2]!.id;
    const archived = await call(org.adminKey, `/organization/projects/${legacyId}/archive`, { method: 'POST' });
    expect(((await archived.json()) as { status: string }).status).toBe('archived');
    try {
      const active = (await (await call(org.adminKey, '/organization/projects')).json()) as { data: { id: string }[] };
      expect(active.data.map((p) => p.id)).not.toContain(legacyId);
      const all = (await (await call(org.adminKey, '/organization/projects?include_archived=true')).json()) as {
        data: { id: string; archived_at: number | null }[];
      };
      expect(all.data.find((p) => p.id === legacyId)?.archived_at).toEqual(expect.any(Number));
      const refused = await call(org.adminKey, `/organization/projects/${legacyId}/service_accounts`, {
        method: 'POST',
        json: { name: 'ferry-test' },
      });
      expect(refused.status).toBe(400);
    } finally {
      await h.sandbox.control.reset();
    }
  });

  it('creates a service account whose key, shown once, works on that project only; deleting it revokes the key', async () => {
    const org = acme();
    const project = org.projects[1]!;
    const created = await call(org.adminKey, `/organization/projects/${project.id}/service_accounts`, {
      method: 'POST',
      json: { name: 'ferry-alice@laptop' },
    });
    expect(created.status).toBe(200);
    const account = (await created.json()) as { id: string; role: string; api_key: { value: string } };
    expect(account.role).toBe('member');
    const client = new OpenAI({ apiKey: account.api_key.value, baseURL: h.sandbox.url, maxRetries: 0 });
    const created2 = await client.vectorStores.create({ name: 'made with a service account key' });
    expect(h.sandbox.control.objects(staging).vectorStores.map((vs) => vs.id)).toContain(created2.id);

    const listed = (await (
      await call(org.adminKey, `/organization/projects/${project.id}/service_accounts`)
    ).json()) as { data: { id: string; name: string }[] };
    expect(listed.data).toEqual([expect.objectContaining({ id: account.id, name: 'ferry-alice@laptop' })]);
    const got = (await (
      await call(org.adminKey, `/organization/projects/${project.id}/service_accounts/${account.id}`)
    ).json()) as Record<string, unknown>;
    expect(got).not.toHaveProperty('api_key');

    const deleted = await call(org.adminKey, `/organization/projects/${project.id}/service_accounts/${account.id}`, {
      method: 'DELETE',
    });
    expect(await deleted.json()).toEqual({
      object: 'organization.project.service_account.deleted',
      id: account.id,
      deleted: true,
    });
    await expect(client.models.list()).rejects.toMatchObject({ status: 401, code: 'invalid_api_key' });
    const gone = await call(org.adminKey, `/organization/projects/${project.id}/service_accounts/${account.id}`);
    expect(gone.status).toBe(404);
  });

  it('refuses project keys on admin routes and admin keys on project routes, as the real API does', async () => {
    const org = acme();
    const projectKey = h.tenant(production).key;
    const asProject = await call(projectKey, '/organization/projects');
    expect(asProject.status).toBe(401);
    expect(((await asProject.json()) as { error: { message: string } }).error.message).toContain(
      'Missing scopes: api.management.read',
    );
    const writeAsProject = await call(projectKey, `/organization/projects/${org.projects[0]!.id}/service_accounts`, {
      method: 'POST',
      json: { name: 'x' },
    });
    expect(((await writeAsProject.json()) as { error: { message: string } }).error.message).toContain(
      'api.management.write',
    );
    const asAdmin = await h.raw('', '/models', { headers: { authorization: `Bearer ${org.adminKey}` } });
    expect(asAdmin.status).toBe(401);
    expect(((await asAdmin.json()) as { error: { code: string } }).error.code).toBe('invalid_api_key');
    const unknown = await call('sk-admin-nope-0000000000000000', '/organization/projects');
    expect(unknown.status).toBe(401);
    const otherProject = await call(org.adminKey, '/organization/projects/proj_doesnotexist');
    expect(otherProject.status).toBe(404);
  });

  it('keeps the admin key and project ids across a reset', async () => {
    const before = acme();
    await h.sandbox.control.reset();
    expect(acme()).toEqual(before);
  });
});
