import { badRequest } from './errors.ts';
import { integerParam } from './http-io.ts';

export interface ListPage<T> {
  object: 'list';
  data: T[];
  first_id: string | null;
  last_id: string | null;
  has_more: boolean;
}

export interface CursorOptions {
  maxLimit: number;
  defaultLimit: number;
  /** /files takes only `after`; a `before` there is rejected like any unknown parameter. */
  allowBefore: boolean;
}

interface Ordered {
  id: string;
  created_at: number;
  seq: number;
}

/**
 * Cursor pagination as the API does it: order by creation (desc by default), `after` starts just past
 * the cursor, `before` ends just short of it (keeping the items nearest the cursor). Empty pages carry
 * null ids — the real API's answer, although the spec types them as plain strings.
 */
export function paginate<R extends Ordered, T>(
  records: Iterable<R>,
  query: URLSearchParams,
  options: CursorOptions,
  render: (record: R) => T,
): ListPage<T> {
  const limit = query.has('limit')
    ? integerParam(query.get('limit'), 'limit', 1, options.maxLimit)
    : options.defaultLimit;
  const order = query.get('order') ?? 'desc';
  if (order !== 'asc' && order !== 'desc') {
    throw badRequest(
      'order',
      `Invalid value for 'order': expected one of asc or desc, but got '${order}' instead.`,
      'invalid_value',
    );
  }
  const after = query.get('after');
  const before = query.get('before');
  if (before !== null && !options.allowBefore) {
    throw badRequest('before', 'Unrecognized request argument supplied: before', 'unknown_parameter');
  }
  const { sorted, position } = orderOf(records, order);

  let start = 0;
  let end = sorted.length;
  if (after !== null && after !== '') {
    const index = position.get(after);
    if (index === undefined)
      throw badRequest('after', `Invalid 'after': no object with id '${after}' in this list.`, 'invalid_value');
    start = index + 1;
  }
  if (before !== null && before !== '') {
    const index = position.get(before);
    if (index === undefined)
      throw badRequest('before', `Invalid 'before': no object with id '${before}' in this list.`, 'invalid_value');
    end = Math.min(end, index);
  }
  let window: R[];
  let hasMore: boolean;
  if (before !== null && before !== '' && (after === null || after === '')) {
    const from = Math.max(start, end - limit);
    window = sorted.slice(from, end);
    hasMore = from > start;
  } else {
    window = sorted.slice(start, Math.min(end, start + limit));
    hasMore = start + limit < end;
  }
  const data = window.map(render);
  return {
    object: 'list',
    data,
    first_id: window[0]?.id ?? null,
    last_id: window[window.length - 1]?.id ?? null,
    has_more: hasMore,
  };
}

interface Ordering<R> {
  /** The records as the collection gave them, the key this ordering is found by. */
  given: R[];
  order: 'asc' | 'desc';
  sorted: R[];
  /** Each id's index in `sorted`, so a cursor is found without a scan. */
  position: Map<string, number>;
}

/** Orderings of the last few collections paged through: a client reads a list page by page. */
const recent: Ordering<Ordered>[] = [];
const RECENT_ORDERINGS = 8;
/** Smaller lists sort in well under a millisecond: not worth holding their records past a delete. */
const KEEP_FROM = 1000;

/**
 * The records in list order, with each id's position. Sorting a whole collection for every page made
 * reading 100,000 objects quadratic (58.7 s). A collection read again exactly as it was (the same record
 * objects in the same order: nothing created, deleted or replaced) has the same order, so the sort is
 * reused; any change to what it holds is a different sequence and is sorted afresh. A record's
 * `created_at` and `seq` never change, so the order of the same objects cannot either.
 */
function orderOf<R extends Ordered>(
  records: Iterable<R>,
  order: 'asc' | 'desc',
): { sorted: R[]; position: Map<string, number> } {
  const given = matchRecent(records, order);
  if (!Array.isArray(given)) return given;
  const hit = recent.findIndex((o) => o.order === order && sameRecords(o.given, given));
  if (hit >= 0) return use(hit) as Ordering<R>;
  const sorted = given.slice().sort((a, b) => a.created_at - b.created_at || a.seq - b.seq);
  if (order === 'desc') sorted.reverse();
  const position = new Map<string, number>();
  // The first of a repeated id wins, as a scan from the start would find it.
  for (let i = sorted.length - 1; i >= 0; i -= 1) position.set(sorted[i]!.id, i);
  if (given.length >= KEEP_FROM) {
    recent.unshift({ given, order, sorted, position } as Ordering<Ordered>);
    recent.length = Math.min(recent.length, RECENT_ORDERINGS);
  }
  return { sorted, position };
}

/**
 * Walks `records` against the latest ordering of the same direction without copying them: the ordering
 * when they are the very same, else the records as an array (the walk so far plus the rest).
 */
function matchRecent<R extends Ordered>(records: Iterable<R>, order: 'asc' | 'desc'): R[] | Ordering<R> {
  const at = recent.findIndex((o) => o.order === order);
  const known = at >= 0 ? (recent[at]!.given as R[]) : undefined;
  let i = 0;
  const iterator = records[Symbol.iterator]();
  if (known) {
    for (let next = iterator.next(); ; next = iterator.next()) {
      if (next.done) {
        if (i === known.length) return use(at) as Ordering<R>;
        return known.slice(0, i);
      }
      if (known[i] !== next.value) {
        const given = known.slice(0, i);
        given.push(next.value);
        for (let rest = iterator.next(); !rest.done; rest = iterator.next()) given.push(rest.value);
        return given;
      }
      i += 1;
    }
  }
  return Array.from({ [Symbol.iterator]: () => iterator });
}

/** Moves the ordering at `index` to the front (the most recently used) and returns it. */
function use(index: number): Ordering<Ordered> {
  const [ordering] = recent.splice(index, 1) as [Ordering<Ordered>];
  recent.unshift(ordering);
  return ordering;
}

function sameRecords(a: readonly Ordered[], b: readonly Ordered[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}
