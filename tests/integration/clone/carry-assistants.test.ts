import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { jobSummary } from '../../../shared/job-report.ts';
import { resolveResponsesRequest } from '../../../shared/responses-request.ts';
import { startSandboxWorld, type SandboxWorld } from '../../support/sandbox-core.ts';

let world: SandboxWorld | undefined;
afterEach(async () => {
  await world?.stop();
  world = undefined;
});

const PROD = 'Acme Production';
const LEGACY = 'Legacy Cloud';

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

async function triage(w: SandboxWorld) {
  const all = (await sdk(w, PROD).beta.assistants.list({ limit: 100 })).data;
  return all.find((a) => a.name === 'Support Triage')!;
}

describe('an assistant carried into an org that retired the Assistants API', () => {
  it('becomes one agent with every field that has a home, its store and files recreated, the rest listed with where it went', async () => {
    world = await startSandboxWorld({ seed: 'demo' });
    const source = await triage(world);
    const plan = await world.core.call('clone.plan', { from: PROD, to: LEGACY, assistants: [source.id] });
    expect(plan.blockers).toEqual([]);
    expect(plan.assistants).toEqual([]);
    const carried = plan.agents?.[0];
    expect(carried).toMatchObject({
      from: 'assistant',
      action: 'create',
      key: `agent:${source.id}`,
      fileSearchVectorStoreKeys: [expect.stringMatching(/^vs:/)],
      codeInterpreterFileKeys: [expect.stringMatching(/^file:/)],
    });
    const notCarried = Object.fromEntries(carried!.notCarried.map((n) => [n.field, n.where]));
    expect(Object.keys(notCarried).sort()).toEqual([
      'description',
      'temperature',
      'tools.code_interpreter',
      'tools.create_ticket.strict',
      'tools.file_search',
    ]);
    expect(notCarried['tools.file_search']).toMatch(
      /Responses request, on the recreated vector store “Support Knowledge Base”/,
    );
    expect(notCarried['tools.code_interpreter']).toMatch(/“product-catalog.json”/);
    expect(plan.vectorStores.map((s) => [s.name, s.action])).toEqual([['Support Knowledge Base', 'create']]);

    const started = await world.core.call('clone.apply', { planId: plan.id });
    const job = await world.core.jobs.wait(started.id);
    expect(job.state).toBe('done');
    expect(job.verify).toMatchObject({ clean: true });

    // Through the official SDK, as any other tool would see it: one agent, one store with its files.
    const agents = (await sdk(world, LEGACY).beta.agents.list({ limit: 100 })).data.filter(
      (a) => a.metadata['cloned_from'] === source.id,
    );
    expect(agents).toHaveLength(1);
    const fn = (source.tools.find((t) => t.type === 'function') as OpenAI.Beta.FunctionTool).function;
    expect(agents[0]).toMatchObject({
      name: 'Support Triage',
      model: 'gpt-4o',
      instructions: source.instructions,
      tools: [{ type: 'function', name: fn.name, description: fn.description, parameters: fn.parameters }],
      metadata: { ...source.metadata, cloned_from: source.id },
    });
    const stores = (await sdk(world, LEGACY).vectorStores.list({ limit: 100 })).data.filter(
      (s) => s.metadata?.['cloned_from'],
    );
    expect(stores.map((s) => s.name)).toEqual(['Support Knowledge Base']);
    expect(stores[0]!.file_counts.completed).toBe(5);

    // The Responses request names the new store and the new file: it reproduces the whole assistant.
    const ids = new Map(job.items.filter((i) => i.destinationId).map((i) => [i.key, i.destinationId!]));
    const request = resolveResponsesRequest(carried!.responses!, ids, new Map());
    expect(request).toMatchObject({
      model: 'gpt-4o',
      instructions: source.instructions,
      temperature: 0.3,
      tools: expect.arrayContaining([
        { type: 'file_search', vector_store_ids: [stores[0]!.id] },
        { type: 'code_interpreter', container: { type: 'auto', file_ids: [expect.stringMatching(/^file-/)] } },
        { type: 'function', ...fn },
      ]),
    });

    // The job's report and the new agent's inspector carry the same request, with the new ids.
    const reported = jobSummary(await world.core.call('jobs.get', { id: job.id })).responses;
    expect(reported).toEqual([
      {
        name: 'Support Triage',
        source: source.id,
        agent: agents[0]!.id,
        request,
        typescript: expect.stringContaining('client.responses.create({'),
      },
    ]);
    expect(reported?.[0]?.typescript).toContain(stores[0]!.id);
    const connectionId = world.connections[LEGACY]!;
    expect(await world.core.call('agents.responses', { connectionId, agentId: agents[0]!.id })).toEqual({
      carried: { ...reported![0], job: job.id },
    });
    const other = (await sdk(world, LEGACY).beta.agents.list()).data.find((a) => a.name === 'Hub Setup Guide')!;
    expect(await world.core.call('agents.responses', { connectionId, agentId: other.id })).toEqual({ carried: null });

    // A second run plans "Up to date" and writes nothing.
    const again = await world.core.call('clone.plan', { from: PROD, to: LEGACY, assistants: [source.id] });
    expect(again.agents?.[0]).toMatchObject({ action: 'skip', upToDate: true, destinationId: agents[0]!.id });
    expect(again.vectorStores[0]).toMatchObject({ action: 'reuse' });
  });

  it('re-running after the assistant changed updates the agent in place; verify compares every carried field', async () => {
    world = await startSandboxWorld({ seed: 'demo' });
    const source = await triage(world);
    const first = await world.core.call('clone.plan', { from: PROD, to: LEGACY, assistants: [source.id] });
    await world.core.jobs.wait((await world.core.call('clone.apply', { planId: first.id })).id);
    await sdk(world, PROD).beta.assistants.update(source.id, {
      instructions: 'Triage, then hand over.',
      reasoning_effort: 'low',
    });
    const plan = await world.core.call('clone.plan', { from: PROD, to: LEGACY, assistants: [source.id] });
    expect(plan.agents?.[0]).toMatchObject({ action: 'update' });
    expect(plan.agents?.[0]!.diff.map((d) => d.field).sort()).toEqual(['instructions', 'reasoning']);
    const job = await world.core.jobs.wait((await world.core.call('clone.apply', { planId: plan.id })).id);
    expect(job.verify?.clean).toBe(true);
    const agents = (await sdk(world, LEGACY).beta.agents.list({ limit: 100 })).data.filter(
      (a) => a.metadata['cloned_from'] === source.id,
    );
    expect(agents.map((a) => [a.instructions, a.reasoning.effort])).toEqual([['Triage, then hand over.', 'low']]);

    // Edited behind Ferry's back: verify names the field.
    await sdk(world, LEGACY).beta.agents.update(agents[0]!.id, { name: 'Renamed' });
    const report = await world.core.call('jobs.verify', { id: job.id });
    expect(report.differences).toMatchObject([
      { key: `agent:${source.id}`, field: 'name', source: 'Support Triage', destination: 'Renamed' },
    ]);
  });

  it('into an org that serves neither: stores and files, and a Responses request, but no agent', async () => {
    world = await startSandboxWorld({ seed: 'demo' });
    world.sandbox.control.setAssistantsRetired('Acme Staging', true);
    const source = await triage(world);
    world.sandbox.control.clearRequestCounts();
    const plan = await world.core.call('clone.plan', { from: PROD, to: 'Acme Staging', assistants: [source.id] });
    // What the destination serves is asked once per plan (one assistant and one agent probe), beside the
    // listing of its assistants: the agents' plan takes that answer rather than asking again.
    expect(world.sandbox.control.requestCounts('Acme Staging')).toMatchObject({
      'GET /v1/assistants': 2,
      'GET /v1/agents': 1,
    });
    expect(plan.agents?.[0]).toMatchObject({
      action: 'skip',
      reason: expect.stringMatching(/serves neither assistants nor agents/),
    });
    expect(plan.agents?.[0]!.responses).toMatchObject({ model: 'gpt-4o', temperature: 0.3 });
    expect(plan.warnings.join(' ')).toMatch(/serves neither assistants nor agents/);
    const job = await world.core.jobs.wait((await world.core.call('clone.apply', { planId: plan.id })).id);
    expect(job.state).toBe('done');
    expect(world.sandbox.control.objects('Acme Staging').vectorStores.map((s) => s['name'])).toEqual([
      'Support Knowledge Base',
    ]);
  });
});
