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
  const sorted = [...records].sort((a, b) => a.created_at - b.created_at || a.seq - b.seq);
  if (order === 'desc') sorted.reverse();

  let start = 0;
  let end = sorted.length;
  if (after !== null && after !== '') {
    const index = sorted.findIndex((record) => record.id === after);
    if (index < 0)
      throw badRequest('after', `Invalid 'after': no object with id '${after}' in this list.`, 'invalid_value');
    start = index + 1;
  }
  if (before !== null && before !== '') {
    const index = sorted.findIndex((record) => record.id === before);
    if (index < 0)
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
