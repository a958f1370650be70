import { API_LIMITS } from '../../shared/api-limits.ts';
import { badRequest } from './errors.ts';
import { describeType, isPlainObject } from './http-io.ts';
import type { Attributes, ChunkingStrategy, Metadata } from './types.ts';

/** The documented limits (shared/api-limits.ts); the real API rejects anything over them with a 400 naming the parameter. */
export const limits = {
  ...API_LIMITS,
  uploadBytes: 8 * 1024 * 1024 * 1024,
  partBytes: 64 * 1024 * 1024,
} as const;

/** `value` if it is an object, else the 400 the real API answers, in its words, naming the parameter. */
export function expectObject(value: unknown, param: string): Record<string, unknown> {
  if (isPlainObject(value)) return value;
  throw badRequest(
    param,
    `Invalid type for '${param}': expected an object, but got ${describeType(value)} instead.`,
    'invalid_type',
  );
}

/** `value` if it is an array, else the real API's 400 naming the parameter. */
export function expectArray(value: unknown, param: string): unknown[] {
  if (Array.isArray(value)) return value;
  throw badRequest(
    param,
    `Invalid type for '${param}': expected an array, but got ${describeType(value)} instead.`,
    'invalid_type',
  );
}

const tooLong = (at: string, item: string, max: number): string => {
  if (item.length > max)
    throw badRequest(
      at,
      `Invalid '${at}': string too long. Expected a string with maximum length ${max}, but got a string with length ${item.length} instead.`,
      'string_above_max_length',
    );
  return item;
};

/**
 * What metadata and attributes share: an object (or null, which clears), at most `pairs` keys of at most
 * `keyLength` characters, each value checked by `check` (given the value's parameter path).
 */
function parsePairs<T>(
  value: unknown,
  param: string,
  pairs: number,
  keyLength: number,
  check: (item: unknown, at: string) => T,
): Record<string, T> | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  const entries = Object.entries(expectObject(value, param));
  if (entries.length > pairs) {
    throw badRequest(
      param,
      `Invalid '${param}': too many properties. Expected an object with at most ${pairs} properties, but got an object with ${entries.length} properties instead.`,
      'object_above_max_properties',
    );
  }
  const out: Record<string, T> = {};
  for (const [key, item] of entries) {
    if (key.length > keyLength) {
      throw badRequest(
        `${param}.${key}`,
        `Invalid '${param}': key too long. Expected a key with maximum length ${keyLength}, but got a key with length ${key.length} instead.`,
        'string_above_max_length',
      );
    }
    out[key] = check(item, `${param}.${key}`);
  }
  return out;
}

export function parseMetadata(value: unknown, param = 'metadata'): Metadata | null | undefined {
  return parsePairs(value, param, limits.metadataPairs, limits.metadataKey, (item, at) => {
    if (typeof item !== 'string')
      throw badRequest(
        at,
        `Invalid type for '${at}': expected a string, but got ${describeType(item)} instead.`,
        'invalid_type',
      );
    return tooLong(at, item, limits.metadataValue);
  });
}

export function parseAttributes(value: unknown, param = 'attributes'): Attributes | null | undefined {
  return parsePairs(value, param, limits.attributesKeys, limits.attributesKey, (item, at) => {
    if (typeof item === 'string') return tooLong(at, item, limits.attributesValue);
    if (typeof item === 'boolean' || (typeof item === 'number' && Number.isFinite(item))) return item;
    throw badRequest(
      at,
      `Invalid type for '${at}': expected a string, number or boolean, but got ${describeType(item)} instead.`,
      'invalid_type',
    );
  });
}

/** `auto` resolves to the documented defaults (800 tokens, 400 overlap), which is what the API reports back. */
export function parseChunkingStrategy(value: unknown, param = 'chunking_strategy'): ChunkingStrategy {
  const auto: ChunkingStrategy = { type: 'static', static: { max_chunk_size_tokens: 800, chunk_overlap_tokens: 400 } };
  if (value === undefined || value === null) return auto;
  const { type, static: settings } = expectObject(value, param);
  if (type === 'auto') return auto;
  if (type !== 'static') {
    throw badRequest(
      `${param}.type`,
      `Invalid value for '${param}.type': expected one of 'auto' or 'static', but got ${JSON.stringify(type)} instead.`,
      'invalid_value',
    );
  }
  if (!isPlainObject(settings))
    throw badRequest(`${param}.static`, `Missing required parameter: '${param}.static'.`, 'missing_required_parameter');
  const max = settings.max_chunk_size_tokens;
  const overlap = settings.chunk_overlap_tokens;
  if (typeof max !== 'number' || !Number.isInteger(max) || max < 100 || max > 4096) {
    throw badRequest(
      `${param}.static.max_chunk_size_tokens`,
      `Invalid '${param}.static.max_chunk_size_tokens': expected an integer between 100 and 4096, but got ${JSON.stringify(max)} instead.`,
      'invalid_value',
    );
  }
  if (typeof overlap !== 'number' || !Number.isInteger(overlap) || overlap < 0 || overlap > max / 2) {
    throw badRequest(
      `${param}.static.chunk_overlap_tokens`,
      `Invalid '${param}.static.chunk_overlap_tokens': the overlap must be a non-negative integer not exceeding half of max_chunk_size_tokens (${max}), but got ${JSON.stringify(overlap)} instead.`,
      'invalid_value',
    );
  }
  return { type: 'static', static: { max_chunk_size_tokens: max, chunk_overlap_tokens: overlap } };
}

export function parseStringArray(value: unknown, param: string, max: number, unit: string): string[] {
  const items = expectArray(value, param);
  if (items.length > max) {
    throw badRequest(
      param,
      `Invalid '${param}': array too long. Expected an array with maximum length ${max}, but got an array with length ${items.length} instead.`,
      'array_above_max_length',
    );
  }
  return items.map((item, index) => {
    if (typeof item !== 'string')
      throw badRequest(
        `${param}[${index}]`,
        `Invalid type for '${param}[${index}]': expected ${unit}, but got ${describeType(item)} instead.`,
        'invalid_type',
      );
    return item;
  });
}

/**
 * ranking_options as the spec has them: a known ranker (the enums differ: assistants' file_search tool
 * takes `default_2024_08_21`, vector-store search `default-2024-11-15`) and a score threshold in [0, 1].
 */
export function parseRankingOptions(
  value: unknown,
  param: string,
  rankers: readonly string[],
): { ranker?: string; score_threshold?: number } | undefined {
  if (value === undefined) return undefined;
  const { ranker, score_threshold: threshold } = expectObject(value, param);
  if (ranker !== undefined && (typeof ranker !== 'string' || !rankers.includes(ranker))) {
    throw badRequest(
      `${param}.ranker`,
      `Invalid value: ${JSON.stringify(ranker)}. Supported values are: ${rankers.map((r) => `'${r}'`).join(' and ')}.`,
      'invalid_value',
    );
  }
  if (threshold !== undefined && (typeof threshold !== 'number' || !(threshold >= 0 && threshold <= 1))) {
    throw badRequest(
      `${param}.score_threshold`,
      `Invalid '${param}.score_threshold': expected a number between 0 and 1, but got ${JSON.stringify(threshold)} instead.`,
      'invalid_value',
    );
  }
  return {
    ...(ranker === undefined ? {} : { ranker: ranker as string }),
    ...(threshold === undefined ? {} : { score_threshold: threshold as number }),
  };
}

export const assistantRankers = ['auto', 'default_2024_08_21'] as const;
export const searchRankers = ['auto', 'default-2024-11-15'] as const;
