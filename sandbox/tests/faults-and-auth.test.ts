import OpenAI, {
  APIConnectionError,
  AuthenticationError,
  InternalServerError,
  RateLimitError,
  toFile,
  type APIError,
} from 'openai';
import { describe, expect, it } from 'vitest';
import { production, staging, useSandbox } from './harness.ts';

const h = useSandbox();

describe('auth', () => {
  it('answers 401 in OpenAI shape for a missing or unknown key, with the key masked', async () => {
    const none = await h.raw('', '/models');
    expect(none.status).toBe(401);
    expect((await none.json()).error.message).toContain("You didn't provide an API key");
    const fake = 'sk-sandbox-NOTAREALKEY000000000000000000000000000';
    const unknown = await h.raw('', '/models', { headers: { authorization: `Bearer ${fake}` } });
    const body = await unknown.json();
    expect(unknown.status).toBe(401);
    expect(body.error).toMatchObject({ type: 'invalid_request_error', code: 'invalid_api_key', param: null });
    expect(body.error.message).not.toContain(fake);
    const viaSdk = await h
      .client(production, { key: fake })
      .models.list()
      .catch((e: unknown) => e);
    expect(viaSdk).toBeInstanceOf(AuthenticationError);
  });

  it('rejects an OpenAI-Organization or OpenAI-Project header that does not match the key', async () => {
    const other = h.tenant(staging);
    const org = await h
      // The demo's tenants are projects of one organization (Acme), so another org's id is made up.
      .client(production, { organization: 'org-AnotherOrganization00000' })
      .models.list()
      .catch((e: unknown) => e);
    expect((org as APIError).status).toBe(401);
    expect((org as APIError).code).toBe('mismatched_organization');
    const project = await h.raw(production, '/models', { headers: { 'openai-project': other.project } });
    expect((await project.json()).error.code).toBe('mismatched_project');
    expect((await h.raw(production, '/models')).status).toBe(200);
  });

  it('answers "Missing scopes" for a restricted key', async () => {
    const key = h.sandbox.control.addKey(production, ['api.assistants.read', 'api.files.write']);
    const client = h.client(production, { key });
    const error = await client.models.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as APIError).message).toContain('Missing scopes: api.model.read');
    expect((await client.beta.assistants.list({ limit: 1 })).data).toHaveLength(1);
    expect((await client.files.list({ limit: 1 })).data).toHaveLength(1);
  });
});

describe('rate limits', () => {
  it('sends x-ratelimit headers on every answer and a 429 with retry-after past the limit', async () => {
    h.sandbox.control.setRateLimit(3, staging);
    try {
      const first = await h.raw(staging, '/models');
      expect(first.headers.get('x-ratelimit-limit-requests')).toBe('3');
      expect(first.headers.get('x-ratelimit-remaining-requests')).toBe('2');
      expect(first.headers.get('x-ratelimit-reset-requests')).toMatch(/^\d+(\.\d+)?(ms|s)$/);
      await h.raw(staging, '/models');
      await h.raw(staging, '/files');
      const limited = await h.raw(staging, '/models');
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(limited.headers.get('x-ratelimit-remaining-requests')).toBe('0');
      expect((await limited.json()).error).toMatchObject({ code: 'rate_limit_exceeded', type: 'requests' });
      await expect(h.client(staging).models.list()).rejects.toBeInstanceOf(RateLimitError);
      // Other tenants have their own budget.
      expect((await h.raw(production, '/models')).status).toBe(200);
    } finally {
      h.sandbox.control.setRateLimit(10_000, staging);
    }
  });
});

describe('faults', () => {
  it('injects 500, 502 and 503 answers', async () => {
    for (const kind of ['error_500', 'error_502', 'error_503'] as const) {
      h.sandbox.control.injectFault({ kind, tenant: staging, route: 'GET /v1/models' });
      const error = await h
        .client(staging)
        .models.list()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InternalServerError);
      expect((error as APIError).status).toBe(Number(kind.slice(-3)));
    }
    expect((await h.client(staging).models.list()).data.length).toBeGreaterThan(0);
  });

  it('resets the connection', async () => {
    h.sandbox.control.injectFault({ kind: 'reset', tenant: staging });
    await expect(h.client(staging).models.list()).rejects.toBeInstanceOf(APIConnectionError);
  });

  it('never answers on a timeout fault, until the client gives up', async () => {
    h.sandbox.control.injectFault({ kind: 'timeout', tenant: staging, route: 'GET' });
    const client = new OpenAI({ apiKey: h.tenant(staging).key, baseURL: h.sandbox.url, maxRetries: 0, timeout: 300 });
    const started = Date.now();
    const error = await client.models.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
  });

  it('loses the response of a write after applying it', async () => {
    const client = h.client(staging);
    const before = h.sandbox.control.objects(staging).vectorStores.length;
    h.sandbox.control.injectFault({ kind: 'lost_response', tenant: staging, route: 'POST /v1/vector_stores' });
    await expect(
      client.vectorStores.create({ name: 'Lost', metadata: { cloned_from: 'vs_marker' } }),
    ).rejects.toBeInstanceOf(APIConnectionError);
    const stores = h.sandbox.control.objects(staging).vectorStores;
    expect(stores).toHaveLength(before + 1);
    expect(stores.some((s) => (s.metadata as Record<string, string>).cloned_from === 'vs_marker')).toBe(true);
    h.sandbox.control.injectFault({ kind: 'lost_response', tenant: staging, route: 'POST /v1/files' });
    await expect(
      client.files.create({ file: await toFile(Buffer.from('x'), 'lost.txt'), purpose: 'assistants' }),
    ).rejects.toBeInstanceOf(APIConnectionError);
    expect(h.sandbox.control.objects(staging).files.some((f) => f.filename === 'lost.txt')).toBe(true);
  });

  it('holds requests until the last of a count arrives (over HTTP), so they are in flight together', async () => {
    const hold = await fetch(h.sandbox.url.replace(/\/v1$/, '/__sandbox/faults/hold'), {
      method: 'POST',
      body: JSON.stringify({ tenant: staging, count: 2 }),
    });
    expect(hold.status).toBe(200);
    h.sandbox.control.clearRequestCounts();
    let firstAnswered = false;
    const first = h
      .client(staging)
      .models.list()
      .then(() => void (firstAnswered = true));
    // A whole round trip of another tenant's (not held) goes by, and the first is still unanswered.
    await h.client(production).models.list();
    expect(firstAnswered).toBe(false);
    await Promise.all([first, h.client(staging).models.list()]);
    expect(h.sandbox.control.inFlight(staging)).toMatchObject({ now: 0, max: 2, maxBeforeFirstSuccess: 2 });
    // The hold is spent: the next request is answered alone.
    await h.client(staging).models.list();
    expect(() => h.sandbox.control.holdRequests(staging, 0)).toThrow(/count must be a whole number ≥ 1/);
  });

  it('adds latency, and fault rates apply per tenant', async () => {
    h.sandbox.control.setFaults({ latencyMs: 120 }, staging);
    const started = Date.now();
    await h.client(staging).models.list();
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
    h.sandbox.control.setFaults({ errorRate: 1 }, staging);
    await expect(h.client(staging).models.list()).rejects.toBeInstanceOf(InternalServerError);
    expect((await h.client(production).models.list()).data.length).toBeGreaterThan(0);
    h.sandbox.control.clearFaults(staging);
    expect((await h.client(staging).models.list()).data.length).toBeGreaterThan(0);
  });
});

describe('control API', () => {
  it('counts requests by route, reads objects and reseeds over HTTP on loopback', async () => {
    const control = (path: string, init: RequestInit = {}) =>
      fetch(h.sandbox.url.replace(/\/v1$/, `/__sandbox${path}`), init);
    await control('/requests', { method: 'DELETE' });
    const client = h.client(production);
    const [first] = (await client.beta.assistants.list({ limit: 1 })).data;
    await client.beta.assistants.retrieve(first!.id);
    await client.beta.assistants.retrieve(first!.id);
    const counts = (await (await control(`/requests?tenant=${encodeURIComponent(production)}`)).json()).counts;
    expect(counts).toEqual({ 'GET /v1/assistants': 1, 'GET /v1/assistants/{assistant_id}': 2 });
    expect(h.sandbox.control.requestCounts(production)).toEqual(counts);
    const objects = await (await control(`/tenants/${encodeURIComponent(production)}/objects`)).json();
    expect(objects.assistants.length).toBeGreaterThanOrEqual(12);
    expect(objects.vectorStores[0].files.length).toBeGreaterThan(0);
    const tenants = (await (await control('/tenants')).json()).tenants;
    expect(tenants.map((t: { name: string }) => t.name)).toEqual(['Acme Production', 'Acme Staging', 'Legacy Cloud']);
    expect(tenants[0].organization).toMatch(/^org-/);
    expect(tenants[0].project).toMatch(/^proj_/);

    await client.vectorStores.create({ name: 'temporary' });
    const reset = await control('/reset', { method: 'POST' });
    expect(reset.status).toBe(200);
    expect((await client.vectorStores.list()).data.some((s) => s.name === 'temporary')).toBe(false);
    const seeded = await (
      await control('/seed', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          seed: { tenants: [{ name: 'Solo', organization: 'org-solo', project: 'proj_solo', models: ['gpt-4o'] }] },
        }),
      })
    ).json();
    expect(seeded.tenants).toMatchObject([{ name: 'Solo', organization: 'org-solo', project: 'proj_solo' }]);
    expect(
      (
        await h
          .raw('', '/models', { headers: { authorization: `Bearer ${seeded.tenants[0].key}` } })
          .then((r) => r.json())
      ).data,
    ).toHaveLength(1);
    const invalid = await control('/seed', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        seed: { tenants: [{ name: 'Broken', models: ['gpt-4o'], assistants: [{ name: 'x', model: 'gpt-9' }] }] },
      }),
    });
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).error.message).toContain("The requested model 'gpt-9' does not exist");
    expect(h.sandbox.tenants.map((t) => t.name)).toEqual(['Solo']);
    await h.sandbox.control.seed('demo');
    expect(h.sandbox.tenants.map((t) => t.name)).toContain(production);
    expect((await control('/nothing')).status).toBe(404);
  });

  it('answers unknown paths like api.openai.com', async () => {
    const response = await h.raw(production, '/threads/thread_x/runs');
    expect(response.status).toBe(404);
    expect((await response.json()).error.message).toBe('Invalid URL (GET /v1/threads/thread_x/runs)');
  });
});
