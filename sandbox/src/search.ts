import { badRequest } from './errors.ts';
import type { Attributes, ChunkingStrategy } from './types.ts';
import { expectObject } from './validation.ts';

/**
 * A plain lexical search: enough to make file_search results plausible and attribute filters testable.
 * Tokens are approximated by words (~0.75 words per token), which is what chunk sizes are in.
 */

export interface ComparisonFilter {
  type: 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'nin';
  key: string;
  value: unknown;
}
export interface CompoundFilter {
  type: 'and' | 'or';
  filters: Filter[];
}
export type Filter = ComparisonFilter | CompoundFilter;

const comparisons = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'nin'];

export function parseFilter(input: unknown, param = 'filters'): Filter {
  const value = expectObject(input, param);
  if (value.type === 'and' || value.type === 'or') {
    if (!Array.isArray(value.filters))
      throw badRequest(`${param}.filters`, `Invalid type for '${param}.filters': expected an array.`, 'invalid_type');
    return {
      type: value.type,
      filters: value.filters.map((item, index) => parseFilter(item, `${param}.filters[${index}]`)),
    };
  }
  if (typeof value.type !== 'string' || !comparisons.includes(value.type)) {
    throw badRequest(
      `${param}.type`,
      `Invalid value for '${param}.type': expected one of ${[...comparisons, 'and', 'or'].join(', ')}.`,
      'invalid_value',
    );
  }
  if (typeof value.key !== 'string')
    throw badRequest(`${param}.key`, `Missing required parameter: '${param}.key'.`, 'missing_required_parameter');
  if (value.value === undefined)
    throw badRequest(`${param}.value`, `Missing required parameter: '${param}.value'.`, 'missing_required_parameter');
  if ((value.type === 'in' || value.type === 'nin') !== Array.isArray(value.value)) {
    throw badRequest(
      `${param}.value`,
      `Invalid '${param}.value': '${value.type}' ${Array.isArray(value.value) ? 'does not take' : 'takes'} an array.`,
      'invalid_value',
    );
  }
  return { type: value.type as ComparisonFilter['type'], key: value.key, value: value.value };
}

export function matchesFilter(filter: Filter, attributes: Attributes): boolean {
  if ('filters' in filter) {
    return filter.type === 'and'
      ? filter.filters.every((inner) => matchesFilter(inner, attributes))
      : filter.filters.some((inner) => matchesFilter(inner, attributes));
  }
  const actual = attributes[filter.key];
  const expected = filter.value;
  switch (filter.type) {
    case 'eq':
      return actual === expected;
    case 'ne':
      return actual !== expected;
    case 'in':
      return (expected as unknown[]).includes(actual);
    case 'nin':
      return !(expected as unknown[]).includes(actual);
    default: {
      if (actual === undefined || typeof actual !== typeof expected || typeof actual === 'boolean') return false;
      const a = actual as number | string;
      const b = expected as number | string;
      if (filter.type === 'gt') return a > b;
      if (filter.type === 'gte') return a >= b;
      if (filter.type === 'lt') return a < b;
      return a <= b;
    }
  }
}

export function chunkText(text: string, strategy: ChunkingStrategy): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  // Files indexed before chunking strategies were chunked by the then defaults, the same as auto's today.
  const settings =
    strategy.type === 'static' ? strategy.static : { max_chunk_size_tokens: 800, chunk_overlap_tokens: 400 };
  const size = Math.max(1, Math.floor(settings.max_chunk_size_tokens * 0.75));
  const overlap = Math.floor(settings.chunk_overlap_tokens * 0.75);
  const step = Math.max(1, size - overlap);
  const chunks: string[] = [];
  for (let start = 0; start < words.length; start += step) {
    chunks.push(words.slice(start, start + size).join(' '));
    if (start + size >= words.length) break;
  }
  return chunks;
}

const stopwords = new Set([
  'the',
  'and',
  'for',
  'with',
  'that',
  'this',
  'are',
  'was',
  'what',
  'how',
  'does',
  'from',
  'our',
  'your',
  'a',
  'an',
  'of',
  'to',
  'in',
  'on',
  'is',
  'it',
  'be',
  'or',
  'by',
  'as',
  'at',
]);

export function queryTerms(queries: string[]): string[] {
  const terms = queries.flatMap((query) => query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
  return [...new Set(terms.filter((term) => term.length > 1 && !stopwords.has(term)))];
}

/** A score in [0, 1]: mostly the share of query terms the chunk contains, a little for repetition. */
export function scoreChunk(terms: string[], chunk: string): number {
  if (terms.length === 0) return 0;
  const words = chunk.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const counts = new Map<string, number>();
  for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
  let matched = 0;
  let hits = 0;
  for (const term of terms) {
    const count = counts.get(term) ?? 0;
    if (count > 0) matched += 1;
    hits += count;
  }
  if (matched === 0) return 0;
  return Math.min(1, Number(((matched / terms.length) * 0.85 + Math.min(0.15, hits * 0.01)).toFixed(4)));
}
