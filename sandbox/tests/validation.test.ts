import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/errors.ts';
import { parseFilter } from '../src/search.ts';
import {
  limits,
  parseAttributes,
  parseChunkingStrategy,
  parseMetadata,
  parseRankingOptions,
  parseStringArray,
} from '../src/validation.ts';

// The 400s the real API answers for bad metadata, attributes and shapes, word for word: clients (Ferry's
// error mapping among them) read the param and the code, and admins read the message.
function refusal(run: () => unknown): { param: string | null; code: string | null; message: string } {
  try {
    run();
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    expect(error.status).toBe(400);
    return { param: error.param, code: error.code, message: error.message };
  }
  throw new Error('expected a 400, but the value was accepted');
}

const pairs = (n: number, value: unknown = 'v') =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, value]));

describe('metadata', () => {
  it('keeps what is valid, clears with null, leaves absent alone', () => {
    expect(parseMetadata({ team: 'ops' })).toEqual({ team: 'ops' });
    expect(parseMetadata(null)).toBeNull();
    expect(parseMetadata(undefined)).toBeUndefined();
  });

  it('refuses each limit with the parameter named', () => {
    expect(refusal(() => parseMetadata('x'))).toEqual({
      param: 'metadata',
      code: 'invalid_type',
      message: "Invalid type for 'metadata': expected an object, but got a string instead.",
    });
    expect(refusal(() => parseMetadata(pairs(limits.metadataPairs + 1)))).toEqual({
      param: 'metadata',
      code: 'object_above_max_properties',
      message: `Invalid 'metadata': too many properties. Expected an object with at most ${limits.metadataPairs} properties, but got an object with ${limits.metadataPairs + 1} properties instead.`,
    });
    const longKey = 'k'.repeat(limits.metadataKey + 1);
    expect(refusal(() => parseMetadata({ [longKey]: 'v' }))).toEqual({
      param: `metadata.${longKey}`,
      code: 'string_above_max_length',
      message: `Invalid 'metadata': key too long. Expected a key with maximum length ${limits.metadataKey}, but got a key with length ${longKey.length} instead.`,
    });
    expect(refusal(() => parseMetadata({ n: 1 }))).toEqual({
      param: 'metadata.n',
      code: 'invalid_type',
      message: "Invalid type for 'metadata.n': expected a string, but got an integer instead.",
    });
    expect(refusal(() => parseMetadata({ note: 'v'.repeat(limits.metadataValue + 1) }))).toEqual({
      param: 'metadata.note',
      code: 'string_above_max_length',
      message: `Invalid 'metadata.note': string too long. Expected a string with maximum length ${limits.metadataValue}, but got a string with length ${limits.metadataValue + 1} instead.`,
    });
  });
});

describe('attributes', () => {
  it('takes strings, finite numbers and booleans', () => {
    expect(parseAttributes({ a: 'x', b: 2, c: true })).toEqual({ a: 'x', b: 2, c: true });
  });

  it('refuses other values, too many keys and long strings', () => {
    expect(refusal(() => parseAttributes({ a: [1] }))).toEqual({
      param: 'attributes.a',
      code: 'invalid_type',
      message: "Invalid type for 'attributes.a': expected a string, number or boolean, but got an array instead.",
    });
    expect(refusal(() => parseAttributes({ a: Number.NaN })).code).toBe('invalid_type');
    expect(refusal(() => parseAttributes(pairs(limits.attributesKeys + 1))).code).toBe('object_above_max_properties');
    expect(refusal(() => parseAttributes({ a: 'v'.repeat(limits.attributesValue + 1) }))).toMatchObject({
      param: 'attributes.a',
      code: 'string_above_max_length',
    });
  });
});

describe('shapes', () => {
  it('names the parameter that is not an object or not an array', () => {
    expect(refusal(() => parseChunkingStrategy(3))).toEqual({
      param: 'chunking_strategy',
      code: 'invalid_type',
      message: "Invalid type for 'chunking_strategy': expected an object, but got an integer instead.",
    });
    expect(refusal(() => parseRankingOptions([], 'ranking_options', ['auto'])).message).toBe(
      "Invalid type for 'ranking_options': expected an object, but got an array instead.",
    );
    expect(refusal(() => parseFilter('x'))).toMatchObject({ param: 'filters', code: 'invalid_type' });
    expect(refusal(() => parseStringArray('a', 'file_ids', 10, 'a file ID'))).toEqual({
      param: 'file_ids',
      code: 'invalid_type',
      message: "Invalid type for 'file_ids': expected an array, but got a string instead.",
    });
  });

  it('resolves auto chunking to the documented defaults', () => {
    const auto = { type: 'static', static: { max_chunk_size_tokens: 800, chunk_overlap_tokens: 400 } };
    expect(parseChunkingStrategy({ type: 'auto' })).toEqual(auto);
    expect(parseChunkingStrategy(undefined)).toEqual(auto);
  });
});
