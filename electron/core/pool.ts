/**
 * Runs `work` over `items`, at most `limit` at a time, in order of start. A handful of lines, not a
 * library: the clone's copies, verify and the managers' bulk deletes all bound their fan-out this way, and
 * the request scheduler below them keeps the real limit.
 */
export async function inPool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  });
  await Promise.all(runners);
}
