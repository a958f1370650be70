import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCliWorld, type CliWorld } from '../../support/cli-world.ts';
import { ferry, sdkFor, writes } from './in-process.ts';

const ORG = 'Acme Production';
let world: CliWorld;
let sdk: OpenAI;
let dir: string;
const bodyFile = (name: string, body: unknown) => {
  const file = join(dir, name);
  writeFileSync(file, typeof body === 'string' ? body : JSON.stringify(body));
  return file;
};

beforeAll(async () => {
  world = await startCliWorld({ ingestionMs: 50 });
  sdk = sdkFor(world, ORG);
  dir = mkdtempSync(join(tmpdir(), 'ferry-asst-cli-'));
});
afterAll(async () => {
  await world.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('ferry assistants, checked with the official SDK', () => {
  let id: string;

  it("creates an assistant from the API's create body", async () => {
    const store = world.sandbox.control.objects(ORG).vectorStores[0]!['id'] as string;
    const file = bodyFile('create.json', {
      model: 'gpt-4o',
      name: 'Returns Bot',
      instructions: 'Answer questions about returns.',
      tools: [
        { type: 'file_search' },
        { type: 'function', function: { name: 'lookup_order', parameters: { type: 'object', properties: {} } } },
      ],
      tool_resources: { file_search: { vector_store_ids: [store] } },
      metadata: { team: 'ops' },
      temperature: 0.2,
    });
    const run = await ferry(world, ['assistants', 'create', '--file', file, '--conn', ORG, '--json']);
    expect(run.code, run.stderr).toBe(0);
    id = run.json<{ id: string }>().id;
    const remote = await sdk.beta.assistants.retrieve(id);
    expect(remote).toMatchObject({
      name: 'Returns Bot',
      model: 'gpt-4o',
      metadata: { team: 'ops' },
      temperature: 0.2,
      tool_resources: { file_search: { vector_store_ids: [store] } },
    });
    expect(remote.tools.map((t) => t.type)).toEqual(['file_search', 'function']);
    const shown = await ferry(world, ['assistants', 'get', id, '--conn', ORG]);
    expect(shown.stdout).toContain(
      `${id}  Returns Bot (gpt-4o)\n  tools: file_search, lookup_order\n  file_search stores: ${store}\n  metadata: team=ops`,
    );
  });

  it('updates single fields and one metadata pair with --set, keeping the other pairs', async () => {
    const run = await ferry(world, [
      'assistants',
      'update',
      id,
      '--set',
      'name=Returns Desk',
      '--set',
      'temperature=0.7',
      '--set',
      'metadata.owner=ana',
      '--set',
      'description=null',
      '--conn',
      ORG,
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const remote = await sdk.beta.assistants.retrieve(id);
    expect(remote).toMatchObject({
      name: 'Returns Desk',
      temperature: 0.7,
      metadata: { team: 'ops', owner: 'ana' },
      description: null,
    });
    expect(run.json()).toMatchObject({ id, name: 'Returns Desk' });

    const removed = await ferry(world, [
      'assistants',
      'update',
      id,
      '--set',
      'metadata.team=',
      '--set',
      'tools=[{"type":"code_interpreter"}]',
      '--conn',
      ORG,
    ]);
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout).toContain('Updated assistant');
    const after = await sdk.beta.assistants.retrieve(id);
    expect(after.metadata).toEqual({ owner: 'ana' });
    expect(after.tools).toEqual([{ type: 'code_interpreter' }]);
  });

  it('updates from a body file', async () => {
    const run = await ferry(world, [
      'assistants',
      'update',
      id,
      '--file',
      bodyFile('patch.json', { instructions: 'Be brief.', model: 'gpt-4.1' }),
      '--conn',
      ORG,
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(await sdk.beta.assistants.retrieve(id)).toMatchObject({
      instructions: 'Be brief.',
      model: 'gpt-4.1',
      name: 'Returns Desk',
    });
  });

  it('deletes it after --yes', async () => {
    const run = await ferry(world, ['assistants', 'delete', id, '--yes', '--conn', ORG, '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json()).toEqual({ deleted: [id], failed: [] });
    await expect(sdk.beta.assistants.retrieve(id)).rejects.toMatchObject({ status: 404 });
  });
});

describe("ferry assistants: a body over the API's limits is refused before anything is sent (exit 2)", () => {
  const tooMany = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));
  it.each([
    [
      '17 metadata pairs',
      { model: 'gpt-4o', metadata: Object.fromEntries(tooMany(17, (i) => [`k${i}`, 'v'] as const)) },
      /metadata: Metadata holds at most 16 pairs/,
    ],
    [
      'a 65-character metadata key',
      { model: 'gpt-4o', metadata: { ['k'.repeat(65)]: 'v' } },
      /Metadata keys are at most 64 characters/,
    ],
    [
      'a 513-character metadata value',
      { model: 'gpt-4o', metadata: { k: 'v'.repeat(513) } },
      /Metadata values are at most 512 characters/,
    ],
    [
      '129 tools',
      { model: 'gpt-4o', tools: tooMany(129, (i) => ({ type: 'function', function: { name: `f${i}` } })) },
      /tools: An assistant has at most 128 tools/,
    ],
    [
      '21 code_interpreter files',
      { model: 'gpt-4o', tool_resources: { code_interpreter: { file_ids: tooMany(21, (i) => `file-${i}`) } } },
      /code_interpreter holds at most 20 files/,
    ],
    [
      '2 file_search stores',
      { model: 'gpt-4o', tool_resources: { file_search: { vector_store_ids: ['vs_1', 'vs_2'] } } },
      /file_search takes at most 1 vector store/,
    ],
    ['no model', { name: 'x' }, /model: Model is required: the model the assistant uses/],
    [
      'an unknown field',
      { model: 'gpt-4o', colour: 'red' },
      /unknown field "colour"; an assistant body holds name, description/,
    ],
    [
      'function parameters that are not a JSON Schema',
      { model: 'gpt-4o', tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'objekt' } } }] },
      /tools\.0\.function\.parameters: The parameters are not a valid JSON Schema: at type/,
    ],
    [
      'a json_schema response format with a bad schema',
      {
        model: 'gpt-4o',
        response_format: { type: 'json_schema', json_schema: { name: 'r', schema: { required: 'x' } } },
      },
      /response_format\.json_schema\.schema: The schema is not a valid JSON Schema/,
    ],
    ['not JSON', '{"model": ', /not valid JSON/],
    ['a JSON array', '[]', /must hold a JSON object/],
  ])('%s', async (_name, body, message) => {
    world.sandbox.control.clearRequestCounts();
    const run = await ferry(world, ['assistants', 'create', '--file', bodyFile('bad.json', body), '--conn', ORG]);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain('--file ');
    expect(writes(world)).toEqual([]);
  });

  it.each([
    [['--set', 'temperature=hot'], /--set temperature takes a number/],
    [['--set', 'colour=red'], /--set colour: not an assistant field/],
    [['--set', 'tools=[oops'], /--set tools takes JSON/],
    [['--set', 'temperature=3'], /--set: temperature: Temperature is between 0 and 2/],
    [[], /say what to change/],
  ])('update %j', async (flags, message) => {
    const existing = world.sandbox.control.objects(ORG).assistants[0]!['id'] as string;
    world.sandbox.control.clearRequestCounts();
    const run = await ferry(world, ['assistants', 'update', existing, ...flags, '--conn', ORG]);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(writes(world)).toEqual([]);
  });
});
