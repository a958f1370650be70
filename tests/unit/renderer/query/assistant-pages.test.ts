import { describe, expect, it } from 'vitest';
import type { FerryBridge } from '../../../../shared/bridge.ts';
import type { AssistantView } from '../../../../shared/resources.ts';
import { assistantChunks } from '../../../../renderer/src/query/assistant-pages.ts';

/** A bridge that answers assistants.page from `total` assistants, 100 a page, and records each call's page count. */
function pagedBridge(total: number) {
  const all = Array.from({ length: total }, (_, i) => ({ id: `asst_${String(i).padStart(6, '0')}` }) as AssistantView);
  const asked: number[] = [];
  const bridge = {
    call: async (method: string, params: { after?: string; pages: number }) => {
      if (method !== 'assistants.page') throw new Error(`unexpected ${method}`);
      asked.push(params.pages);
      const start = params.after ? Number(params.after.slice('asst_'.length)) + 1 : 0;
      const assistants = all.slice(start, start + 100 * params.pages);
      const more = start + assistants.length < total;
      return { served: true, assistants, after: more ? assistants.at(-1)!.id : null };
    },
  } as unknown as FerryBridge;
  return { bridge, all, asked };
}

async function collect(bridge: FerryBridge, signal = new AbortController().signal) {
  const chunks = [];
  for await (const chunk of assistantChunks(bridge, 'c1', signal)) chunks.push(chunk);
  return chunks;
}

describe('assistantChunks', () => {
  it('asks for the first page alone, then for more as more is shown: 100,000 in under 50 calls', async () => {
    const { bridge, all, asked } = pagedBridge(100_000);
    const chunks = await collect(bridge);
    const sizes = chunks.map((c) => (c.served ? c.assistants.length : -1));
    expect(asked[0]).toBe(1);
    expect(sizes[0]).toBe(100);
    expect(asked.length).toBeLessThan(50);
    expect(chunks).toHaveLength(asked.length);
    // Each call asks for about a quarter of what is shown (at least one page, at most the contract's 50).
    let shown = 0;
    for (const [i, pages] of asked.entries()) {
      expect(pages).toBe(Math.min(50, Math.max(1, Math.floor(shown / 400))));
      shown += sizes[i]!;
    }
    expect(chunks.map((c) => c.served && c.complete)).toEqual([...Array(chunks.length - 1).fill(false), true]);
    expect(chunks.flatMap((c) => (c.served ? c.assistants.map((a) => a.id) : []))).toEqual(all.map((a) => a.id));
  });

  it('a small org is one chunk, complete', async () => {
    const { bridge } = pagedBridge(13);
    const chunks = await collect(bridge);
    expect(chunks).toHaveLength(1);
    expect(chunks[0]).toMatchObject({ served: true, complete: true });
  });

  it("passes the retired API's answer on and stops", async () => {
    const bridge = {
      call: async () => ({ served: false, message: 'No Assistants API here.' }),
    } as unknown as FerryBridge;
    expect(await collect(bridge)).toEqual([{ served: false, message: 'No Assistants API here.' }]);
  });

  it('stops asking once the read is abandoned (the pane closed or read again)', async () => {
    const { bridge, asked } = pagedBridge(1000);
    const abandon = new AbortController();
    const chunks = [];
    for await (const chunk of assistantChunks(bridge, 'c1', abandon.signal)) {
      chunks.push(chunk);
      abandon.abort();
    }
    expect(chunks).toHaveLength(1);
    expect(asked).toHaveLength(1);
  });
});
