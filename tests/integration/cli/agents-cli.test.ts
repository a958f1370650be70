import type OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFineTunedModel } from 'ferry-sandbox';
import { startCliWorld, type CliWorld } from '../../support/cli-world.ts';
import { ferry, sdkFor, writes } from './in-process.ts';

const PROD = 'Acme Production';
const LEGACY = 'Legacy Cloud';
let world: CliWorld;
let legacy: OpenAI;

beforeAll(async () => {
  world = await startCliWorld({ ingestionMs: 50 });
  legacy = sdkFor(world, LEGACY);
});
afterAll(() => world.stop());

interface Summary {
  state: string;
  verify: { clean: boolean };
  responses: {
    name: string;
    source: string;
    agent?: string;
    request: { model: string; tools?: { type: string; vector_store_ids?: string[] }[] };
    typescript: string;
  }[];
}

describe('ferry and agents, checked with the official SDK', () => {
  it("ls agents lists an Agents org's agents, and says so where a server serves none", async () => {
    const listed = await ferry(world, ['ls', 'agents', '--conn', LEGACY]);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/Hub Setup Guide\s+gpt-4\.1\s+lookup_serial/);
    const none = await ferry(world, ['ls', 'agents', '--conn', PROD, '--json']);
    expect(none.json()).toEqual({ served: false, message: expect.stringMatching(/does not serve the Agents API/) });
  });

  it('clone --all carries every assistant into Legacy Cloud as an agent, and the JSON report holds each Responses request', async () => {
    const sources = (await sdkFor(world, PROD).beta.assistants.list({ limit: 100 })).data;
    const run = await ferry(world, [
      'clone',
      '--from',
      PROD,
      '--to',
      LEGACY,
      '--all',
      '--yes',
      '--json',
      '--model-map',
      `${demoFineTunedModel}=gpt-4o-mini`,
    ]);
    expect(run.code, run.stderr).toBe(0);
    const summary = run.json<Summary>();
    expect(summary.state).toBe('done');
    expect(summary.verify.clean).toBe(true);
    expect(summary.responses.map((r) => r.source).sort()).toEqual(sources.map((a) => a.id).sort());
    const agents = (await legacy.beta.agents.list({ limit: 100 })).data;
    for (const source of sources) {
      const made = agents.filter(
        (a) =>
          a.metadata['cloned_from'] === source.id ||
          summary.responses.find((r) => r.source === source.id)?.agent === a.id,
      );
      expect(
        made,
        `${source.name ?? source.id}: ${JSON.stringify(summary.responses.find((r) => r.source === source.id))} ${run.stdout.slice(0, 3000)}`,
      ).toHaveLength(1);
      expect(made[0]).toMatchObject({ instructions: source.instructions, name: source.name });
    }
    const stores = new Set((await legacy.vectorStores.list({ limit: 100 })).data.map((s) => s.id));
    const kb = summary.responses.find((r) => r.name === 'Support Triage')!;
    const search = kb.request.tools?.find((t) => t.type === 'file_search');
    expect(stores.has(search?.vector_store_ids?.[0] ?? '')).toBe(true);
    expect(kb.typescript).toContain('client.responses.create({');

    // Run again: nothing to write.
    const before = (await legacy.beta.agents.list({ limit: 100 })).data.length;
    const again = await ferry(world, [
      'clone',
      '--from',
      PROD,
      '--to',
      LEGACY,
      '--all',
      '--yes',
      '--model-map',
      `${demoFineTunedModel}=gpt-4o-mini`,
    ]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('Up to date');
    expect((await legacy.beta.agents.list({ limit: 100 })).data.length).toBe(before);
  });

  it('clone --agent into a server without the Agents API: exit 2, a clear error, nothing written', async () => {
    const [guide] = (await legacy.beta.agents.list({ limit: 100 })).data.filter((a) => a.name === 'Hub Setup Guide');
    world.sandbox.control.clearRequestCounts();
    const run = await ferry(world, ['clone', '--from', LEGACY, '--to', 'Acme Staging', '--agent', guide!.id, '--yes']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/"Acme Staging" does not serve the Agents API, so agents cannot be cloned into it/);
    expect(writes(world)).toEqual([]);
  });
});
