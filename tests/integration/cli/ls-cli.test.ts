import type OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCliWorld, type CliWorld } from '../../support/cli-world.ts';
import { ferry, sdkFor, writes } from './in-process.ts';

const ORG = 'Acme Production';
async function all<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of pages) out.push(item);
  return out;
}
let world: CliWorld;
let sdk: OpenAI;

beforeAll(async () => {
  world = await startCliWorld({ ingestionMs: 50 });
  sdk = sdkFor(world, ORG);
});
afterAll(() => world.stop());

describe('ferry ls, checked with the official SDK', () => {
  it('lists every assistant, store and file the org holds, as a table and as JSON, and writes nothing', async () => {
    world.sandbox.control.clearRequestCounts();
    const assistants = await all(sdk.beta.assistants.list({ limit: 100 }));
    const stores = await all(sdk.vectorStores.list({ limit: 100 }));
    const files = await all(sdk.files.list());

    const listed = await ferry(world, ['ls', 'assistants', '--conn', ORG, '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    expect(
      listed
        .json<{ id: string }[]>()
        .map((a) => a.id)
        .sort(),
    ).toEqual(assistants.map((a) => a.id).sort());
    const table = await ferry(world, ['ls', 'assistants', '--conn', ORG.toLowerCase()]);
    expect(table.stdout.split('\n')[0]).toMatch(/^ID\s+NAME\s+MODEL\s+TOOLS\s+CREATED/);
    for (const a of assistants) expect(table.stdout).toContain(a.id);
    const withFunction = assistants.find((a) => a.tools.some((t) => t.type === 'function'));
    if (withFunction) {
      const tool = withFunction.tools.find((t) => t.type === 'function') as { function: { name: string } };
      expect(table.stdout.split('\n').find((line) => line.startsWith(withFunction.id))).toContain(tool.function.name);
    }

    const storeList = await ferry(world, ['ls', 'vector-stores', '--conn', ORG, '--json']);
    expect(
      storeList
        .json<{ id: string }[]>()
        .map((s) => s.id)
        .sort(),
    ).toEqual(stores.map((s) => s.id).sort());
    const fileList = await ferry(world, ['ls', 'files', '--conn', ORG, '--json']);
    expect(
      fileList
        .json<{ id: string }[]>()
        .map((f) => f.id)
        .sort(),
    ).toEqual(files.map((f) => f.id).sort());
    expect(writes(world)).toEqual([]);
  });

  it('says where assistants are retired, and names an empty org', async () => {
    const retired = await ferry(world, ['ls', 'assistants', '--conn', 'Legacy Cloud']);
    expect(retired.code).toBe(0);
    expect(retired.stdout).toMatch(/retired|not served|no longer/i);
    const empty = await ferry(world, ['ls', 'assistants', '--conn', 'Acme Staging']);
    expect(empty.code).toBe(0);
    expect(empty.stdout).toMatch(/^(ID\s+NAME|No assistants in "Acme Staging"\.)/);
  });

  it('refuses bad input with exit 2', async () => {
    const noKind = await ferry(world, ['ls', '--conn', ORG]);
    expect(noKind.code).toBe(2);
    expect(noKind.stderr).toContain('say what to list: assistants, agents, vector-stores, files.');
    const noConn = await ferry(world, ['ls', 'files']);
    expect(noConn.code).toBe(2);
    expect(noConn.stderr).toContain('--conn is required');
  });
});
