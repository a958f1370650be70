/** One page as the list endpoints return it. */
export interface CursorPageLike<T> {
  data: T[];
  has_more: boolean;
}

/**
 * Walks a cursor-paginated list to the end, one scheduled request per page (the SDK's own auto-pagination
 * would bypass the scheduler's rate limiting, retries and cancel).
 */
export async function collectPages<T extends { id: string }>(
  fetchPage: (after: string | undefined) => Promise<CursorPageLike<T>>,
  signal?: AbortSignal,
): Promise<T[]> {
  const all: T[] = [];
  let after: string | undefined;
  for (;;) {
    signal?.throwIfAborted();
    const page = await fetchPage(after);
    all.push(...page.data);
    const last = page.data.at(-1);
    if (!page.has_more || !last) return all;
    after = last.id;
  }
}

/**
 * Walks a cursor-paginated list from both ends at once, oldest first and newest first, until the two
 * walks meet: a long list takes half the round trips (a store of 10,000 files is 100 pages of 100, eight
 * seconds one after another at 80 ms each) for about one page more. The newest-first walk starts only
 * once the first page says there is more, so a list of one page still costs one request. Answers in
 * ascending order, each item once.
 *
 * The walks meet without a gap: the oldest-first one holds a run from the start, the newest-first one a
 * run from the end, and the first item either finds in the other's run is where they join.
 */
export async function collectFromBothEnds<T extends { id: string }>(
  fetchPage: (order: 'asc' | 'desc', after: string | undefined) => Promise<CursorPageLike<T>>,
  signal?: AbortSignal,
): Promise<T[]> {
  const first = await fetchPage('asc', undefined);
  const head = first.data.at(-1);
  if (!first.has_more || !head) return first.data;
  const ascending = { items: [...first.data], seen: new Set(first.data.map((item) => item.id)), after: head.id };
  const descending = { items: [] as T[], seen: new Set<string>(), after: undefined as string | undefined };
  let met = false;
  let meet!: () => void;
  // Once the walks meet, neither waits for the page it still has on its way (its answer is dropped).
  const meeting = new Promise<undefined>((resolve) => (meet = () => resolve(undefined)));
  const walk = async (
    order: 'asc' | 'desc',
    mine: typeof ascending | typeof descending,
    other: { seen: Set<string> },
  ) => {
    while (!met) {
      signal?.throwIfAborted();
      const asked = fetchPage(order, mine.after);
      asked.catch(() => undefined);
      const page = await Promise.race([asked, meeting]);
      if (met || !page) return;
      for (const item of page.data) {
        if (other.seen.has(item.id)) {
          met = true;
          return meet();
        }
        mine.items.push(item);
        mine.seen.add(item.id);
      }
      const last = page.data.at(-1);
      // One walk reached the other end by itself: it holds the whole list.
      if (!page.has_more || !last) {
        met = true;
        return meet();
      }
      mine.after = last.id;
    }
  };
  await Promise.all([walk('asc', ascending, descending), walk('desc', descending, ascending)]);
  const all = ascending.items;
  for (let i = descending.items.length - 1; i >= 0; i -= 1) {
    const item = descending.items[i]!;
    if (!ascending.seen.has(item.id)) all.push(item);
  }
  return all;
}
