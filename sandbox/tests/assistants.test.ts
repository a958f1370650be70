import { type APIError, NotFoundError, BadRequestError } from 'openai';
import { describe, expect, it } from 'vitest';
import { demoFineTunedModel } from 'ferry-sandbox';
import { legacy, production, staging, useSandbox } from './harness.ts';

const h = useSandbox();

async function listAll(name: string, query: Record<string, unknown> = {}) {
  const ids: string[] = [];
  for await (const assistant of h.client(name).beta.assistants.list(query)) ids.push(assistant.id);
  return ids;
}

describe('models', () => {
  it('lists per-tenant models; the fine-tuned model exists only in its own tenant', async () => {
    const prod = (await h.client(production).models.list()).data.map((model) => model.id);
    const stag = (await h.client(staging).models.list()).data.map((model) => model.id);
    expect(prod).toEqual(
      expect.arrayContaining([
        'gpt-4o',
        'gpt-4o-mini',
        'gpt-4.1',
        'gpt-4.1-mini',
        'o3-mini',
        'text-embedding-3-small',
        demoFineTunedModel,
      ]),
    );
    expect(stag).not.toContain(demoFineTunedModel);
    // Staging has every model Production's assistants use except the fine-tuned one (so mapping has work to do).
    expect(stag).toEqual(expect.arrayContaining(['gpt-4o', 'gpt-4o-mini', 'gpt-4.1', 'gpt-4.1-mini', 'o3-mini']));
    expect((await h.client(production).models.retrieve(demoFineTunedModel)).id).toBe(demoFineTunedModel);
    const error = await h
      .client(staging)
      .models.retrieve(demoFineTunedModel)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as APIError).code).toBe('model_not_found');
  });
});

describe('assistants', () => {
  it('seeds a dozen varied assistants and auto-paginates them in both orders', async () => {
    const desc = await listAll(production, { limit: 5 });
    expect(desc.length).toBeGreaterThanOrEqual(12);
    const asc = await listAll(production, { limit: 3, order: 'asc' });
    expect(asc).toEqual([...desc].reverse());
    const all = (await h.client(production).beta.assistants.list({ limit: 100 })).data;
    expect(all.some((a) => a.tools.some((t) => t.type === 'code_interpreter'))).toBe(true);
    expect(
      all.some(
        (a) => a.response_format && typeof a.response_format === 'object' && a.response_format.type === 'json_schema',
      ),
    ).toBe(true);
    expect(all.some((a) => a.model === demoFineTunedModel)).toBe(true);
    const searchers = all.filter((a) => a.tool_resources?.file_search?.vector_store_ids?.length);
    expect(new Set(searchers.map((a) => a.tool_resources!.file_search!.vector_store_ids![0])).size).toBeLessThan(
      searchers.length,
    );
  });

  it('pages with after/before and reports has_more, first_id and last_id', async () => {
    const client = h.client(production);
    const all = (await client.beta.assistants.list({ limit: 100 })).data.map((a) => a.id);
    const page = await h.raw(production, `/assistants?limit=4&after=${all[2]}`).then((r) => r.json());
    expect(page.data.map((a: { id: string }) => a.id)).toEqual(all.slice(3, 7));
    expect(page).toMatchObject({ object: 'list', first_id: all[3], last_id: all[6], has_more: true });
    const before = await h.raw(production, `/assistants?limit=2&before=${all[5]}`).then((r) => r.json());
    expect(before.data.map((a: { id: string }) => a.id)).toEqual(all.slice(3, 5));
    expect(before.has_more).toBe(true);
    const last = await h.raw(production, `/assistants?limit=100&after=${all[all.length - 2]}`).then((r) => r.json());
    expect(last).toMatchObject({ has_more: false, first_id: all[all.length - 1] });
    const empty = await h.raw(production, `/assistants?after=${all[all.length - 1]}`).then((r) => r.json());
    expect(empty).toEqual({ object: 'list', data: [], first_id: null, last_id: null, has_more: false });
    for (const limit of ['0', '101', 'abc']) {
      const response = await h.raw(production, `/assistants?limit=${limit}`);
      expect(response.status).toBe(400);
      expect((await response.json()).error.param).toBe('limit');
    }
    const order = await h.raw(production, '/assistants?order=sideways');
    expect((await order.json()).error.param).toBe('order');
  });

  it('creates, retrieves, modifies and deletes', async () => {
    const client = h.client(staging);
    const created = await client.beta.assistants.create({
      model: 'gpt-4o-mini',
      name: 'Clone target',
      description: 'made by a test',
      instructions: 'Be brief.',
      tools: [
        {
          type: 'function',
          function: { name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } } } },
        },
      ],
      metadata: { cloned_from: 'asst_source' },
      temperature: 0.5,
      top_p: 0.8,
      response_format: { type: 'json_object' },
    });
    expect(created).toMatchObject({
      object: 'assistant',
      name: 'Clone target',
      model: 'gpt-4o-mini',
      temperature: 0.5,
      metadata: { cloned_from: 'asst_source' },
    });
    expect(created.id).toMatch(/^asst_/);
    expect(await client.beta.assistants.retrieve(created.id)).toEqual(created);
    const updated = await client.beta.assistants.update(created.id, { name: 'Renamed', metadata: { a: 'b' } });
    expect(updated).toMatchObject({ name: 'Renamed', description: 'made by a test', metadata: { a: 'b' } });
    expect(await client.beta.assistants.delete(created.id)).toEqual({
      id: created.id,
      object: 'assistant.deleted',
      deleted: true,
    });
    await expect(client.beta.assistants.retrieve(created.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('enforces the documented limits with a 400 naming the parameter', async () => {
    const client = h.client(production);
    const files = (await client.files.list({ purpose: 'assistants' })).data;
    const stores = (await client.vectorStores.list()).data;
    const cases: [Record<string, unknown>, string][] = [
      [{ metadata: Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, 'v'])) }, 'metadata'],
      [{ metadata: { ['k'.repeat(65)]: 'v' } }, `metadata.${'k'.repeat(65)}`],
      [{ metadata: { key: 'v'.repeat(513) } }, 'metadata.key'],
      [{ tools: Array.from({ length: 129 }, () => ({ type: 'code_interpreter' })) }, 'tools'],
      [
        {
          tool_resources: {
            code_interpreter: { file_ids: Array.from({ length: 21 }, (_, i) => files[i % files.length]!.id) },
          },
        },
        'tool_resources.code_interpreter.file_ids',
      ],
      [
        { tool_resources: { file_search: { vector_store_ids: [stores[0]!.id, stores[1]!.id] } } },
        'tool_resources.file_search.vector_store_ids',
      ],
      [
        { tool_resources: { file_search: { vector_store_ids: ['vs_doesnotexist'] } } },
        'tool_resources.file_search.vector_store_ids[0]',
      ],
      [
        { tool_resources: { code_interpreter: { file_ids: ['file-nope'] } } },
        'tool_resources.code_interpreter.file_ids[0]',
      ],
      [{ model: 'gpt-9' }, 'model'],
      [{ temperature: 3 }, 'temperature'],
      [{ name: 'x'.repeat(257) }, 'name'],
      [{ tools: [{ type: 'function', function: { name: 'bad name!' } }] }, 'tools[0].function.name'],
      [{ surprise: true }, 'surprise'],
      [
        { tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object', required: 'x' } } }] },
        'tools[0].function.parameters',
      ],
      [
        { response_format: { type: 'json_schema', json_schema: { name: 'r', schema: { type: 'objekt' } } } },
        'response_format.json_schema.schema',
      ],
    ];
    for (const [patch, param] of cases) {
      const error = await client.beta.assistants
        .create({ model: 'gpt-4o', ...patch } as never)
        .catch((e: unknown) => e);
      expect(error, param).toBeInstanceOf(BadRequestError);
      expect((error as APIError).param, JSON.stringify(patch).slice(0, 80)).toBe(param);
    }
    const ok = await client.beta.assistants.create({
      model: 'gpt-4o',
      metadata: Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`k${i}`.padEnd(64, 'x'), 'v'.repeat(512)])),
      tools: Array.from({ length: 128 }, (_, i) =>
        i === 0 ? { type: 'code_interpreter' as const } : { type: 'function' as const, function: { name: `f${i}` } },
      ),
      tool_resources: {
        code_interpreter: { file_ids: files.slice(0, 20).map((f) => f.id) },
        file_search: { vector_store_ids: [stores[0]!.id] },
      },
    });
    expect(ok.tools).toHaveLength(128);
    await client.beta.assistants.delete(ok.id);
  });

  it('requires the OpenAI-Beta: assistants=v2 header, as upstream', async () => {
    for (const beta of ['', 'assistants=v1']) {
      const response = await h.raw(production, '/assistants', { headers: { 'openai-beta': beta } });
      expect(response.status).toBe(400);
      expect((await response.json()).error.code).toBe('invalid_beta');
    }
  });

  it('answers 404 on every /assistants path when the tenant has assistants retired', async () => {
    const client = h.client(legacy);
    const error = await client.beta.assistants.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as APIError).message).toContain('Invalid URL (GET /v1/assistants)');
    await expect(client.beta.assistants.create({ model: 'gpt-4o' })).rejects.toBeInstanceOf(NotFoundError);
    expect((await client.vectorStores.list()).data.length).toBeGreaterThan(0);
    expect((await client.files.list()).data.length).toBeGreaterThan(0);
    h.sandbox.control.setAssistantsRetired(legacy, false);
    expect((await client.beta.assistants.list()).data.map((a) => a.name)).toEqual(['Legacy Helpdesk']);
    h.sandbox.control.setAssistantsRetired(legacy, true);
    await expect(client.beta.assistants.list()).rejects.toBeInstanceOf(NotFoundError);
  });
});
