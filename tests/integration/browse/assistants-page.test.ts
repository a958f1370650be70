import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxWorld, type SandboxWorld } from '../../support/sandbox-core.ts';

/**
 * A pane reads assistants a page at a time so its first rows show before a big org has been read whole:
 * the pages, followed by their cursors, must add up to exactly what the whole listing says, in order.
 */
let world: SandboxWorld;
const COUNT = 230;
beforeAll(async () => {
  world = await startSandboxWorld({
    seed: {
      tenants: [
        {
          name: 'Big',
          models: ['gpt-4o'],
          assistants: Array.from({ length: COUNT }, (_, i) => ({
            name: `A ${i}`,
            model: 'gpt-4o',
            ageDays: COUNT - i,
          })),
        },
        { name: 'Retired' },
      ],
    },
  });
});
afterAll(() => world?.stop());

describe('assistants.page', () => {
  it('pages of 100 with a cursor each, ending with null, add up to the whole listing', async () => {
    const connectionId = world.connections['Big']!;
    const pages: string[][] = [];
    let after: string | undefined;
    for (;;) {
      const page = await world.core.call('assistants.page', { connectionId, ...(after ? { after } : {}) });
      if (!page.served) throw new Error(page.message);
      pages.push(page.assistants.map((a) => a.id));
      if (page.after === null) break;
      expect(page.after, 'the cursor is the last id of the page').toBe(page.assistants.at(-1)?.id);
      after = page.after;
    }
    expect(pages.map((p) => p.length)).toEqual([100, 100, 30]);
    const whole = await world.core.call('assistants.list', { connectionId });
    if (!whole.served) throw new Error(whole.message);
    expect(pages.flat()).toEqual(whole.assistants.map((a) => a.id));
  });

  it('several pages at once: `pages` of them, with the cursor after the last', async () => {
    const connectionId = world.connections['Big']!;
    const two = await world.core.call('assistants.page', { connectionId, pages: 2 });
    if (!two.served) throw new Error(two.message);
    expect(two.assistants).toHaveLength(200);
    expect(two.after).toBe(two.assistants.at(-1)?.id);
    const rest = await world.core.call('assistants.page', { connectionId, after: two.after!, pages: 50 });
    if (!rest.served) throw new Error(rest.message);
    expect([rest.assistants.length, rest.after]).toEqual([30, null]);
  });

  it('refuses a page count the contract does not allow, naming the limit', async () => {
    const connectionId = world.connections['Big']!;
    await expect(world.core.call('assistants.page', { connectionId, pages: 51 })).rejects.toThrow(/at most 50/);
  });

  it("answers the retired API's 404 as an answer, on the first page as on the listing", async () => {
    world.sandbox.control.setAssistantsRetired('Retired', true);
    const connectionId = world.connections['Retired']!;
    const page = await world.core.call('assistants.page', { connectionId });
    expect(page).toEqual({ served: false, message: expect.stringContaining('no longer serves the Assistants API') });
    expect(await world.core.call('assistants.list', { connectionId })).toEqual(page);
  });
});
