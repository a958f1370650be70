import { describe, expect, it } from 'vitest';
import { collectFromBothEnds, collectPages, type CursorPageLike } from '../../../../electron/core/openai/paginate.ts';
import { rng } from '../../../support/chaos.ts';

/** A cursor-paginated list as the API serves it (`after` an id, either order), answering after `delay()` turns. */
function server(ids: string[], pageSize: number, delay: () => number) {
  const requests: string[] = [];
  const fetchPage = async (
    order: 'asc' | 'desc',
    after: string | undefined,
  ): Promise<CursorPageLike<{ id: string }>> => {
    requests.push(`${order} ${after ?? '-'}`);
    for (let turns = delay(); turns > 0; turns -= 1) await Promise.resolve();
    const ordered = order === 'asc' ? ids : [...ids].reverse();
    const start = after === undefined ? 0 : ordered.indexOf(after) + 1;
    const data = ordered.slice(start, start + pageSize).map((id) => ({ id }));
    return { data, has_more: start + pageSize < ordered.length };
  };
  return { fetchPage, requests };
}

describe('collectFromBothEnds', () => {
  it('gives every item once, in ascending order, whatever the length and however the answers interleave', async () => {
    const seed = 20261202;
    const random = rng(seed);
    for (let trial = 0; trial < 300; trial += 1) {
      const length = Math.floor(random() * 60);
      const pageSize = 1 + Math.floor(random() * 7);
      const ids = Array.from({ length }, (_, i) => `item-${String(i).padStart(3, '0')}`);
      const { fetchPage, requests } = server(ids, pageSize, () => Math.floor(random() * 4));
      const all = await collectFromBothEnds(fetchPage);
      expect(
        all.map((item) => item.id),
        `seed ${seed}, trial ${trial}`,
      ).toEqual(ids);
      // About half the pages each way, one page more at most for the meeting, never more than one walk alone.
      const pages = Math.max(1, Math.ceil(length / pageSize));
      expect(requests.length, `seed ${seed}, trial ${trial}`).toBeLessThanOrEqual(pages + 2);
    }
  });

  it('costs one request for a list of one page, and about half the round trips for a long one', async () => {
    const short = server(['a', 'b'], 100, () => 0);
    expect(await collectFromBothEnds(short.fetchPage)).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(short.requests).toEqual(['asc -']);

    // Round trips: requests asked for together are answered together, one round at a time.
    const ids = Array.from({ length: 1000 }, (_, i) => `f-${String(i).padStart(4, '0')}`);
    const rounds = async (collect: (fetchPage: ReturnType<typeof server>['fetchPage']) => Promise<unknown>) => {
      const { fetchPage } = server(ids, 100, () => 0);
      const waiting: Array<() => void> = [];
      let count = 0;
      const inRounds = async (order: 'asc' | 'desc', after: string | undefined) => {
        await new Promise<void>((resolve) => waiting.push(resolve));
        return fetchPage(order, after);
      };
      let finished = false;
      const done = collect(inRounds).then(() => (finished = true));
      while (!finished) {
        // Let every walk ask for its next page, then answer them all as one round.
        for (let turn = 0; turn < 20; turn += 1) await Promise.resolve();
        // A page still on its way when the walks met is not waited for: it is no round of the listing's.
        if (finished) break;
        if (waiting.length === 0) continue;
        count += 1;
        for (const resolve of waiting.splice(0)) resolve();
      }
      await done;
      return count;
    };
    expect(await rounds((fetchPage) => collectPages((after) => fetchPage('asc', after)))).toBe(10);
    // The first page alone, then both walks: 1 + about half of the other 9.
    expect(await rounds((fetchPage) => collectFromBothEnds(fetchPage))).toBeLessThanOrEqual(6);
  });
});
