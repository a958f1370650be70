import OpenAI, { BadRequestError, NotFoundError } from 'openai';
import { describe, expect, it } from 'vitest';
import { API_LIMITS } from '../../shared/api-limits.ts';
import { legacy, production, useSandbox } from './harness.ts';

const h = useSandbox();

/**
 * The official SDK's `client.beta.agents`, unvalidated: the OpenAPI copy in shared/ predates Agents, so the
 * harness's spec check has no operation for /agents. The SDK's own types are the reference here.
 */
function agentsClient(name: string): OpenAI {
  const tenant = h.tenant(name);
  return new OpenAI({
    apiKey: tenant.key,
    baseURL: h.sandbox.url,
    organization: tenant.organization,
    project: tenant.project,
    maxRetries: 0,
    timeout: 10_000,
  });
}

const lookup = {
  type: 'function' as const,
  name: 'lookup_order',
  description: 'Fetch an order.',
  parameters: { type: 'object', properties: { n: { type: 'string' } }, required: ['n'] },
};

/** A raw call to /agents with the tenant's key; plain fetch, as the spec copy has no /agents to check against. */
function rawAgents(name: string, init: { method?: string; json?: unknown; beta?: boolean } = {}): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${h.tenant(name).key}` };
  if (init.beta !== false) headers['openai-beta'] = 'agents=v1';
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${h.sandbox.url}/agents`, {
    method: init.method ?? 'GET',
    headers,
    ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
  });
}

async function refusal(promise: Promise<unknown>): Promise<BadRequestError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(BadRequestError);
  return error as BadRequestError;
}

describe('agents (beta)', () => {
  it('creates, retrieves, updates and deletes an agent in the SDK shapes', async () => {
    const client = agentsClient(legacy);
    const created = await client.beta.agents.create({
      name: 'Triage',
      model: 'gpt-4o',
      instructions: 'Be brief.',
      metadata: { cloned_from: 'asst_x' },
      tools: [lookup],
      reasoning: { effort: 'high' },
      text: { format: { type: 'json_schema', schema: { type: 'object', properties: {} } } },
    });
    expect(created).toMatchObject({
      object: 'agent',
      name: 'Triage',
      model: 'gpt-4o',
      instructions: 'Be brief.',
      metadata: { cloned_from: 'asst_x' },
      tools: [{ ...lookup, defer_loading: false }],
      reasoning: { effort: 'high', summary: null },
      text: { format: { type: 'json_schema', schema: { type: 'object', properties: {} } }, verbosity: 'medium' },
      service_tier: 'auto',
      multi_agent: { enabled: false, max_concurrent_subagents: null },
    });
    expect(created.id).toMatch(/^agent_/);
    expect(created.updated_at).toBeGreaterThanOrEqual(created.created_at);
    expect(await client.beta.agents.retrieve(created.id)).toEqual(created);

    const updated = await client.beta.agents.update(created.id, {
      instructions: 'Be briefer.',
      metadata: { team: 'support' },
    });
    expect(updated).toMatchObject({
      instructions: 'Be briefer.',
      metadata: { team: 'support' },
      name: 'Triage',
      tools: created.tools,
    });

    expect(await client.beta.agents.delete(created.id)).toEqual({
      id: created.id,
      object: 'agent.deleted',
      deleted: true,
    });
    expect(await client.beta.agents.retrieve(created.id).catch((e: unknown) => e)).toBeInstanceOf(NotFoundError);
  });

  it('pages with cursors in both orders and refuses `before`', async () => {
    const client = agentsClient(legacy);
    for (let i = 0; i < 5; i++) await client.beta.agents.create({ model: 'gpt-4o-mini', name: `Paged ${i}` });
    const desc: string[] = [];
    for await (const agent of client.beta.agents.list({ limit: 2 })) desc.push(agent.id);
    const asc: string[] = [];
    for await (const agent of client.beta.agents.list({ limit: 3, order: 'asc' })) asc.push(agent.id);
    expect(desc.length).toBeGreaterThanOrEqual(6);
    expect(asc).toEqual([...desc].reverse());
    const page = await client.beta.agents.list({ limit: 2, after: desc[0] ?? '' });
    expect(page.data.map((a) => a.id)).toEqual(desc.slice(1, 3));
    expect(page.has_more).toBe(true);
    const error = await refusal(
      client.beta.agents.list({ limit: 2, before: desc[1] } as unknown as OpenAI.Beta.Agents.AgentListParams),
    );
    expect(error.param).toBe('before');
  });

  it('refuses metadata over the shared limits, with the API envelope naming the field', async () => {
    const client = agentsClient(legacy);
    const many = Object.fromEntries(Array.from({ length: API_LIMITS.metadataPairs + 1 }, (_, i) => [`k${i}`, 'v']));
    expect((await refusal(client.beta.agents.create({ model: 'gpt-4o', metadata: many }))).param).toBe('metadata');
    const longKey = await refusal(
      client.beta.agents.create({ model: 'gpt-4o', metadata: { ['k'.repeat(API_LIMITS.metadataKey + 1)]: 'v' } }),
    );
    expect(longKey.code).toBe('string_above_max_length');
    const longValue = await refusal(
      client.beta.agents.create({ model: 'gpt-4o', metadata: { k: 'v'.repeat(API_LIMITS.metadataValue + 1) } }),
    );
    expect(longValue.param).toBe('metadata.k');
    // Exactly at the limits is fine.
    const full = Object.fromEntries(
      Array.from({ length: API_LIMITS.metadataPairs }, (_, i) => [
        `k${i}`.padEnd(API_LIMITS.metadataKey, 'x'),
        'v'.repeat(API_LIMITS.metadataValue),
      ]),
    );
    expect((await client.beta.agents.create({ model: 'gpt-4o', metadata: full })).metadata).toEqual(full);
  });

  it('refuses what an agent has no home for, and a model the org lacks, naming the parameter', async () => {
    const client = agentsClient(legacy);
    const strict = await refusal(
      client.beta.agents.create({ model: 'gpt-4o', tools: [{ ...lookup, strict: true } as never] }),
    );
    expect(strict).toMatchObject({
      param: 'tools[0].strict',
      code: 'unknown_parameter',
      type: 'invalid_request_error',
    });
    expect(
      (await refusal(client.beta.agents.create({ model: 'gpt-4o', tools: [{ type: 'file_search' } as never] }))).param,
    ).toBe('tools[0].type');
    expect((await refusal(client.beta.agents.create({ model: 'gpt-4o', temperature: 0.2 } as never))).param).toBe(
      'temperature',
    );
    expect((await refusal(client.beta.agents.create({ model: 'o9-ultra' }))).code).toBe('model_not_found');
    expect(
      (await refusal(client.beta.agents.create({ model: 'gpt-4o', reasoning: { effort: 'extreme' as never } }))).param,
    ).toBe('reasoning.effort');
    const raw = await rawAgents(legacy, {
      method: 'POST',
      json: { model: 'gpt-4o', text: { format: { type: 'json_schema', name: 'x', schema: {} } } },
    });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toEqual({
      error: {
        message: 'Unrecognized request argument supplied: text.format.name',
        type: 'invalid_request_error',
        param: 'text.format.name',
        code: 'unknown_parameter',
      },
    });
  });

  it('answers only callers that send the beta header', async () => {
    const response = await rawAgents(legacy, { beta: false });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('invalid_beta');
    expect(body.error.message).toContain('OpenAI-Beta: agents=v1');
  });

  it('is a path the server does not know for a tenant without the Agents API', async () => {
    const error = await agentsClient(production)
      .beta.agents.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).message).toContain('Invalid URL (GET /v1/agents)');
  });

  it('serves the Agents API in a second tenant once the control plane turns it on, and stops when turned off', async () => {
    const serve = (served: boolean) =>
      fetch(h.sandbox.url.replace(/\/v1$/, `/__sandbox/tenants/${encodeURIComponent(production)}/agents-served`), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ served }),
      });
    expect((await serve(true)).status).toBe(200);
    const client = agentsClient(production);
    const made = await client.beta.agents.create({ name: 'East', model: 'gpt-4o' });
    expect((await client.beta.agents.list()).data.map((a) => a.id)).toEqual([made.id]);
    // The Assistants API is still served beside it, as on api.openai.com before the retirement.
    expect((await client.beta.assistants.list()).data.length).toBeGreaterThan(0);
    expect((await serve(false)).status).toBe(200);
    await expect(client.beta.agents.list()).rejects.toBeInstanceOf(NotFoundError);
  });

  it('seeds the demo Legacy Cloud with an agent', async () => {
    const names = (await agentsClient(legacy).beta.agents.list({ limit: 100 })).data.map((a) => a.name);
    expect(names).toContain('Hub Setup Guide');
  });
});
