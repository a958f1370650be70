import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_LIMITS as L } from '../../../shared/api-limits.ts';
import { startSandboxWorld, type SandboxWorld } from '../../support/sandbox-core.ts';

let world: SandboxWorld;
let staging: string;
let legacy: string;
beforeAll(async () => {
  world = await startSandboxWorld({ seed: 'demo', readOnly: ['Legacy Cloud'] });
  staging = world.connections['Acme Staging']!;
  legacy = world.connections['Legacy Cloud']!;
});
afterAll(() => world.stop());

const make = async (name: string, metadata: Record<string, string> = {}) =>
  (await world.core.call('assistants.create', { connectionId: staging, body: { model: 'gpt-4o', name, metadata } })).id;
const get = (assistantId: string) => world.core.call('assistants.get', { connectionId: staging, assistantId });
const writes = (tenant: string) =>
  Object.entries(world.sandbox.control.requestCounts(tenant)).filter(([route]) => !route.startsWith('GET '));

describe('bulk actions on assistants', () => {
  it("sets and removes one metadata key on each, keeping each one's other pairs", async () => {
    const a = await make('Bulk A', { team: 'a' });
    const b = await make('Bulk B', { team: 'b', region: 'eu' });
    const set = await world.core.call('assistants.updateMany', {
      connectionId: staging,
      assistantIds: [a, b],
      change: { kind: 'setMetadata', key: 'owner', value: 'ops' },
    });
    expect(set).toEqual({ updated: [a, b], failed: [] });
    expect((await get(a)).metadata).toEqual({ team: 'a', owner: 'ops' });
    expect((await get(b)).metadata).toEqual({ team: 'b', region: 'eu', owner: 'ops' });
    await world.core.call('assistants.updateMany', {
      connectionId: staging,
      assistantIds: [a, b],
      change: { kind: 'removeMetadata', key: 'team' },
    });
    expect((await get(a)).metadata).toEqual({ owner: 'ops' });
    expect((await get(b)).metadata).toEqual({ region: 'eu', owner: 'ops' });
  });

  it('names the assistant a 17th pair would break, and changes the others', async () => {
    const full = await make(
      'Full',
      Object.fromEntries(Array.from({ length: L.metadataPairs }, (_, i) => [`k${i}`, 'v'])),
    );
    const roomy = await make('Roomy');
    const result = await world.core.call('assistants.updateMany', {
      connectionId: staging,
      assistantIds: [full, roomy],
      change: { kind: 'setMetadata', key: 'extra', value: '1' },
    });
    expect(result.updated).toEqual([roomy]);
    expect(result.failed).toEqual([{ assistantId: full, message: expect.stringMatching(/16 metadata pairs/) }]);
    expect(Object.keys((await get(full)).metadata ?? {})).toHaveLength(L.metadataPairs);
  });

  it('changes the model, refusing one the org does not list before any write', async () => {
    const a = await make('Model A');
    world.sandbox.control.clearRequestCounts();
    await expect(
      world.core.call('assistants.updateMany', {
        connectionId: staging,
        assistantIds: [a],
        change: { kind: 'model', model: 'gpt-nope' },
      }),
    ).rejects.toMatchObject({ code: 'bad_input', field: 'model' });
    expect(writes('Acme Staging')).toEqual([]);
    await world.core.call('assistants.updateMany', {
      connectionId: staging,
      assistantIds: [a],
      change: { kind: 'model', model: 'gpt-4o-mini' },
    });
    expect((await get(a)).model).toBe('gpt-4o-mini');
  });

  it('deletes several; on a read-only connection neither bulk action sends anything', async () => {
    const ids = [await make('Del 1'), await make('Del 2')];
    expect(await world.core.call('assistants.deleteMany', { connectionId: staging, assistantIds: ids })).toEqual({
      deleted: ids,
      failed: [],
    });
    world.sandbox.control.clearRequestCounts();
    await expect(
      world.core.call('assistants.deleteMany', { connectionId: legacy, assistantIds: ['asst_x'] }),
    ).rejects.toMatchObject({ code: 'read_only' });
    await expect(
      world.core.call('assistants.updateMany', {
        connectionId: legacy,
        assistantIds: ['asst_x'],
        change: { kind: 'removeMetadata', key: 'k' },
      }),
    ).rejects.toMatchObject({ code: 'read_only' });
    expect(world.sandbox.control.requestCounts('Legacy Cloud')).toEqual({});
  });
});
