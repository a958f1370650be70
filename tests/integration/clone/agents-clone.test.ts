import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandboxWorld, type SandboxWorld } from '../../support/sandbox-core.ts';

let world: SandboxWorld | undefined;
afterEach(async () => {
  await world?.stop();
  world = undefined;
});

/** The official SDK on a sandbox tenant, to check what a job made the way any other tool would see it. */
function sdk(w: SandboxWorld, name: string): OpenAI {
  const tenant = w.sandbox.tenants.find((t) => t.name === name)!;
  return new OpenAI({
    apiKey: tenant.key,
    baseURL: w.sandbox.url,
    organization: tenant.organization,
    project: tenant.project,
    maxRetries: 0,
  });
}

const triageTool = {
  type: 'function',
  name: 'route_ticket',
  description: 'Route a ticket.',
  parameters: { type: 'object', properties: { queue: { type: 'string' } }, required: ['queue'] },
};
const twoAgentOrgs = {
  tenants: [
    {
      name: 'Agents East',
      agentsServed: true,
      assistantsRetired: true,
      models: ['gpt-4.1', 'gpt-4o'],
      agents: [
        {
          name: 'Router',
          model: 'gpt-4.1',
          instructions: 'Route every ticket.',
          tools: [triageTool],
          reasoning: { effort: 'medium' },
          text: { format: { type: 'json_schema', schema: { type: 'object' } } },
          metadata: { team: 'ops' },
        },
      ],
    },
    { name: 'Agents West', agentsServed: true, assistantsRetired: true, models: ['gpt-4o'] },
    { name: 'Plain Files', assistantsRetired: true, models: ['gpt-4.1'] },
  ],
};

async function run(w: SandboxWorld, request: Record<string, unknown>) {
  const plan = await w.core.call('clone.plan', request as never);
  const job = await w.core.call('clone.apply', { planId: plan.id });
  return { plan, job: await w.core.jobs.wait(job.id) };
}

describe('agents between orgs that serve them', () => {
  it('clones an agent exactly once, verifies it, plans "Up to date" next time, and cleanup removes it', async () => {
    world = await startSandboxWorld({ seed: twoAgentOrgs });
    const [router] = (await sdk(world, 'Agents East').beta.agents.list()).data;
    const request = { from: 'Agents East', to: 'Agents West', agents: [router!.id], modelMap: { 'gpt-4.1': 'gpt-4o' } };
    const { plan, job } = await run(world, request);
    expect(plan.agents).toMatchObject([
      { from: 'agent', action: 'create', model: { source: 'gpt-4.1', destination: 'gpt-4o', available: true } },
    ]);
    expect(job.state).toBe('done');
    expect(job.verify).toMatchObject({ clean: true, differences: [] });

    const west = (await sdk(world, 'Agents West').beta.agents.list()).data;
    expect(west).toHaveLength(1);
    expect(west[0]).toMatchObject({
      name: 'Router',
      model: 'gpt-4o',
      instructions: 'Route every ticket.',
      tools: [{ ...triageTool, defer_loading: false }],
      reasoning: { effort: 'medium' },
      metadata: { team: 'ops', cloned_from: router!.id },
    });

    const again = await run(world, request);
    expect(again.plan.agents?.[0]).toMatchObject({ action: 'skip', upToDate: true, destinationId: west[0]!.id });
    expect((await sdk(world, 'Agents West').beta.agents.list()).data).toHaveLength(1);

    // Changed at the source: the next run updates the same agent in place.
    await sdk(world, 'Agents East').beta.agents.update(router!.id, { instructions: 'Route every ticket, fast.' });
    const third = await run(world, request);
    expect(third.plan.agents?.[0]).toMatchObject({
      action: 'update',
      destinationId: west[0]!.id,
      diff: [{ field: 'instructions' }],
    });
    expect((await sdk(world, 'Agents West').beta.agents.list()).data.map((a) => a.instructions)).toEqual([
      'Route every ticket, fast.',
    ]);

    const report = await world.core.call('jobs.cleanup', { id: job.id });
    expect(report.deleted).toEqual([{ key: `agent:${router!.id}`, kind: 'agent', destinationId: west[0]!.id }]);
    expect((await sdk(world, 'Agents West').beta.agents.list()).data).toEqual([]);
  });

  it('an agent at the metadata limit: cloned once without the marker (the plan says so), then Up to date; a 17th pair is refused before sending', async () => {
    world = await startSandboxWorld({ seed: twoAgentOrgs });
    const east = sdk(world, 'Agents East');
    const sixteen = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`k${i}`, `v${i}`]));
    const full = await east.beta.agents.create({ name: 'Full', model: 'gpt-4o', metadata: sixteen });
    const request = { from: 'Agents East', to: 'Agents West', agents: [full.id] };
    const { plan, job } = await run(world, request);
    expect(plan.agents?.[0]).toMatchObject({ action: 'create', markerAdded: false });
    expect(plan.warnings.join(' ')).toMatch(/Agent "Full" already has 16 metadata pairs.*id map is the only link/);
    expect(job).toMatchObject({ state: 'done', verify: { clean: true } });
    const west = (await sdk(world, 'Agents West').beta.agents.list()).data;
    expect(west.map((a) => a.metadata)).toEqual([sixteen]);
    // No marker to find it by: the id map alone says it is the clone, and the next plan knows it.
    const again = await run(world, request);
    expect(again.plan.agents?.[0]).toMatchObject({ action: 'skip', upToDate: true, destinationId: west[0]!.id });
    expect((await sdk(world, 'Agents West').beta.agents.list()).data).toHaveLength(1);

    world.sandbox.control.clearRequestCounts();
    const refused = await world.core
      .call('agents.update', {
        connectionId: world.connections['Agents West']!,
        agentId: west[0]!.id,
        patch: { metadata: { ...sixteen, k16: 'v16' } },
      })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'bad_input', field: 'patch.metadata', message: expect.stringMatching(/16/) });
    expect(world.sandbox.control.requestCounts('Agents West')).toEqual({});
  });

  it('refuses, writing nothing: a destination without the Agents API, an unknown agent; a missing model blocks with the map offered', async () => {
    world = await startSandboxWorld({ seed: twoAgentOrgs });
    const [router] = (await sdk(world, 'Agents East').beta.agents.list()).data;
    world.sandbox.control.clearRequestCounts();
    const neither = await world.core
      .call('clone.plan', { from: 'Agents East', to: 'Plain Files', agents: [router!.id] })
      .catch((e: unknown) => e);
    expect(neither).toMatchObject({
      code: 'bad_input',
      field: 'to',
      message: expect.stringMatching(/"Plain Files" does not serve the Agents API \(nor assistants\)/),
    });
    const unknown = await world.core
      .call('clone.plan', { from: 'Agents East', to: 'Agents West', agents: ['agent_nope'] })
      .catch((e: unknown) => e);
    expect(unknown).toMatchObject({ code: 'bad_input', field: 'agents', message: expect.stringMatching(/ls agents/) });

    const blocked = await world.core.call('clone.plan', {
      from: 'Agents East',
      to: 'Agents West',
      agents: [router!.id],
    });
    expect(blocked.agents?.[0]).toMatchObject({
      action: 'blocked',
      model: { destination: 'gpt-4.1', available: false },
    });
    expect(blocked.blockers.join(' ')).toMatch(/no model "gpt-4.1". Map it/);
    expect(blocked.destinationModels).toEqual(['gpt-4o']);
    await expect(world.core.call('clone.apply', { planId: blocked.id })).rejects.toMatchObject({ code: 'bad_input' });
    const writes = Object.keys(world.sandbox.control.requestCounts('Agents West')).filter(
      (route) => !route.startsWith('GET'),
    );
    expect(writes).toEqual([]);
  });
});
