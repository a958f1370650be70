import type { z } from 'zod';
import type { Chunking, SearchFilter } from '../../shared/contract/manage.ts';
import { describeIssues } from '../../shared/errors.ts';
import { UsageError } from './command.ts';

/** `key=value` flags (`--metadata owner=ops`) as string pairs, each malformed one named with its flag. */
export function stringPairs(entries: string[] | undefined, flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of entries ?? []) {
    const at = entry.indexOf('=');
    if (at <= 0) throw new UsageError(`${flag} must look like KEY=VALUE, e.g. ${flag} owner=ops (got "${entry}").`);
    out[entry.slice(0, at)] = entry.slice(at + 1);
  }
  return out;
}

/**
 * A typed value as attributes and filters hold them: `true`/`false` are booleans and plain numbers are
 * numbers (an attribute `version=2` matches a filter `version>=2`); quote to keep a string (`code="007"`).
 */
export function typedValue(raw: string): string | number | boolean {
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  if (/^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  const quoted = /^"(.*)"$/s.exec(raw);
  return quoted ? quoted[1]! : raw;
}

/** `--attr k=v…` as attributes, with typed values. */
export function attributePairs(
  entries: string[] | undefined,
  flag = '--attr',
): Record<string, string | number | boolean> {
  return Object.fromEntries(Object.entries(stringPairs(entries, flag)).map(([key, value]) => [key, typedValue(value)]));
}

const OPS: [string, SearchFilter['op']][] = [
  ['!=', 'ne'],
  ['>=', 'gte'],
  ['<=', 'lte'],
  ['>', 'gt'],
  ['<', 'lt'],
  ['=', 'eq'],
];

/** `--filter k=v`, `k!=v`, `k>=v`, `k<=v`, `k>v`, `k<v` as search filters (all must match). */
export function searchFilters(entries: string[] | undefined): SearchFilter[] {
  return (entries ?? []).map((entry) => {
    for (const [symbol, op] of OPS) {
      const at = entry.indexOf(symbol);
      if (at > 0) return { key: entry.slice(0, at), op, value: typedValue(entry.slice(at + symbol.length)) };
    }
    throw new UsageError(
      `--filter must look like KEY=VALUE (or KEY!=, >=, <=, >, < VALUE), e.g. --filter team=ops (got "${entry}").`,
    );
  });
}

/** `--chunking auto` or `--chunking static:SIZE:OVERLAP` (tokens). */
export function chunking(raw: string | undefined): Chunking | undefined {
  if (raw === undefined) return undefined;
  if (raw === 'auto') return { type: 'auto' };
  const match = /^static:(\d+):(\d+)$/.exec(raw);
  if (!match)
    throw new UsageError(
      `--chunking must be auto or static:SIZE:OVERLAP in tokens, e.g. static:800:400 (got "${raw}").`,
    );
  return { type: 'static', maxChunkSizeTokens: Number(match[1]), chunkOverlapTokens: Number(match[2]) };
}

/** A whole number flag, or a usage error naming the flag and the range. */
export function wholeNumber(raw: string | undefined, flag: string, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max)
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max} (got "${raw}").`);
  return value;
}

/**
 * Checks a value against a contract schema before anything is sent, so bad input is named with the flag
 * (or file) that carried it. The schema is the contract's own: the API's limits keep their one home.
 * `source` names where the value came from: one name, or a flag per top-level field.
 */
export function checked<S extends z.ZodType>(
  schema: S,
  value: unknown,
  source: string | Record<string, string>,
): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const first = String(parsed.error.issues[0]?.path[0] ?? '');
  const where = typeof source === 'string' ? source : (source[first] ?? first);
  throw new UsageError(`${where}: ${describeIssues(parsed.error.issues).message}`);
}
