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
