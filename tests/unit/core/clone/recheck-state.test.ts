import { describe, expect, it } from 'vitest';
import { MarkerIndex } from '../../../../electron/core/clone/recheck-state.ts';

describe('MarkerIndex', () => {
  it('lists once per run, finds by marker without scanning, and sees what the run made since', async () => {
    let listings = 0;
    const made = (id: string, marker?: string) => ({ id, metadata: marker ? { cloned_from: marker } : {} });
    const index = new MarkerIndex(async () => {
      listings += 1;
      return [made('a1', 'src-a'), made('b1'), made('c1', 'src-c')];
    });
    const [first, second] = await Promise.all([index.marked('src-a'), index.marked('src-c')]);
    expect(first.map((o) => o.id)).toEqual(['a1']);
    expect(second.map((o) => o.id)).toEqual(['c1']);
    expect(await index.marked('src-x')).toEqual([]);
    index.note(made('x1', 'src-x'));
    index.note(made('x1', 'src-x'));
    expect((await index.marked('src-x')).map((o) => o.id)).toEqual(['x1']);
    expect((await index.all()).length).toBe(4);
    expect(listings).toBe(1);
  });

  it('lists again after a failed listing, and keeps what the run made while it was under way', async () => {
    let calls = 0;
    let release!: () => void;
    const index = new MarkerIndex<{ id: string; metadata?: unknown }>(async () => {
      calls += 1;
      if (calls === 1) throw new Error('network');
      await new Promise<void>((resolve) => (release = resolve));
      return [];
    });
    await expect(index.marked('s')).rejects.toThrow('network');
    const pending = index.marked('s');
    index.note({ id: 'n1', metadata: { cloned_from: 's' } });
    release();
    expect((await pending).map((o) => o.id)).toEqual(['n1']);
    expect(calls).toBe(2);
  });
});
