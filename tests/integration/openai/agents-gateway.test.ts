import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAPABILITIES_TTL_MS } from '../../../electron/core/openai/capabilities.ts';
import { startSandboxWorld, type SandboxWorld } from '../../support/sandbox-core.ts';

let world: SandboxWorld;
beforeAll(async () => {
  world = await startSandboxWorld({ seed: 'demo', readOnly: [] });
});
afterAll(() => world.stop());

const id = (name: string) => world.connections[name] ?? '';

describe('what a server serves', () => {
  it('tells assistants, agents and neither apart, and asks each server once', async () => {
    world.sandbox.control.clearRequestCounts();
    expect(await world.core.call('connections.capabilities', { connectionId: id('Acme Production') })).toEqual({
      assistants: true,
      agents: false,
      summary: 'Serves assistants',
    });
    expect(await world.core.call('connections.capabilities', { connectionId: id('Legacy Cloud') })).toEqual({
      assistants: false,
      agents: true,
      summary: 'Serves agents (no Assistants API)',
    });
    const asked = world.sandbox.control.requestCounts('Legacy Cloud');
    expect(asked['GET /v1/agents']).toBe(1);
    await world.core.call('connections.capabilities', { connectionId: id('Legacy Cloud') });
    // Remembered per connection: the second ask sends nothing.
    expect(world.sandbox.control.requestCounts('Legacy Cloud')).toEqual(asked);
  });

  it('says so when a server serves neither', async () => {
    world.sandbox.control.setAssistantsRetired('Acme Staging', true);
    try {
      const caps = await world.core.call('connections.capabilities', { connectionId: id('Acme Staging') });
      expect(caps).toMatchObject({
        assistants: false,
        agents: false,
        summary: expect.stringMatching(/Vector stores and files only/),
      });
    } finally {
      world.sandbox.control.setAssistantsRetired('Acme Staging', false);
    }
  });
});

describe('a server that starts serving the Agents API while Ferry runs', () => {
  it('is believed for a minute of the connection clock, then asked again', async () => {
    let clock = 1_000_000;
    const own = await startSandboxWorld({ seed: 'demo', core: { schedulerOptions: { now: () => clock } } });
    try {
      const staging = { connectionId: own.connections['Acme Staging'] ?? '' };
      expect(await own.core.call('connections.capabilities', staging)).toMatchObject({ agents: false });
      own.sandbox.control.setAgentsServed('Acme Staging', true);
      own.sandbox.control.clearRequestCounts();
      clock += CAPABILITIES_TTL_MS - 1;
      expect(await own.core.call('connections.capabilities', staging)).toMatchObject({ agents: false });
      expect(own.sandbox.control.requestCounts('Acme Staging')).toEqual({});
      clock += 1;
      expect(await own.core.call('connections.capabilities', staging)).toEqual({
        assistants: true,
        agents: true,
        summary: expect.any(String),
      });
      expect(own.sandbox.control.requestCounts('Acme Staging')['GET /v1/agents']).toBe(1);
    } finally {
      await own.stop();
    }
  });
});

describe('agents through the contract', () => {
  it('lists, reads, edits and deletes agents; a server without them answers "not served"', async () => {
    const listing = await world.core.call('agents.list', { connectionId: id('Legacy Cloud') });
    if (!listing.served) throw new Error('Legacy Cloud serves agents');
    const guide = listing.agents.find((a) => a.name === 'Hub Setup Guide');
    expect(guide).toMatchObject({
      model: 'gpt-4.1',
      reasoning: { effort: 'low' },
      tools: [{ type: 'function', name: 'lookup_serial' }],
    });
    const agentId = guide?.id ?? '';
    expect(await world.core.call('agents.get', { connectionId: id('Legacy Cloud'), agentId })).toEqual(guide);

    const edited = await world.core.call('agents.update', {
      connectionId: id('Legacy Cloud'),
      agentId,
      patch: { instructions: 'Ask for the serial.', metadata: { team: 'support', tier: 'gold' } },
    });
    expect(edited).toMatchObject({
      instructions: 'Ask for the serial.',
      metadata: { team: 'support', tier: 'gold' },
      name: 'Hub Setup Guide',
    });

    expect(await world.core.call('agents.list', { connectionId: id('Acme Production') })).toMatchObject({
      served: false,
      message: expect.stringMatching(/does not serve the Agents API/),
    });

    const made = await (
      await world.core.gateways.get('Legacy Cloud')
    ).agents.create({ model: 'gpt-4o', name: 'Scratch' });
    expect(await world.core.call('agents.delete', { connectionId: id('Legacy Cloud'), agentId: made.id })).toEqual({
      deleted: true,
    });
    // A delete whose first answer was lost finds it gone: that is its goal reached.
    expect(await world.core.call('agents.delete', { connectionId: id('Legacy Cloud'), agentId: made.id })).toEqual({
      deleted: false,
    });
  });

  it('refuses metadata over the limits before anything is sent', async () => {
    const listing = await world.core.call('agents.list', { connectionId: id('Legacy Cloud') });
    const agentId = listing.served ? (listing.agents[0]?.id ?? '') : '';
    world.sandbox.control.clearRequestCounts();
    const many = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, 'v']));
    const refused = await world.core
      .call('agents.update', { connectionId: id('Legacy Cloud'), agentId, patch: { metadata: many } })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({
      code: 'bad_input',
      field: 'patch.metadata',
      message: expect.stringMatching(/at most 16 pairs/),
    });
    expect(world.sandbox.control.requestCounts('Legacy Cloud')['POST /v1/agents/{agent_id}']).toBeUndefined();
  });
});
