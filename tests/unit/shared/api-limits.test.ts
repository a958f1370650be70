import { describe, expect, it } from 'vitest';
import { API_LIMITS, Attributes, LimitedMetadata, LimitedToolResources } from '../../../shared/api-limits.ts';
import { describeIssues } from '../../../shared/errors.ts';

/** `n` distinct keys `k0`, `k1`, … each with `value`. */
const pairs = <T>(n: number, value: T) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, value]));
const ids = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}_${i}`);
/** The messages of a failed parse, or [] when it passed. */
const errors = (result: { success: boolean; error?: { issues: Array<{ message: string }> } }) =>
  result.success ? [] : (result.error?.issues.map((i) => i.message) ?? []);

describe('LimitedMetadata: string pairs, as many and as long as the API takes', () => {
  it('takes 16 pairs with 64-character keys and 512-character values', () => {
    const full = { ...pairs(15, 'v'), ['k'.repeat(API_LIMITS.metadataKey)]: 'v'.repeat(API_LIMITS.metadataValue) };
    expect(errors(LimitedMetadata.safeParse(full))).toEqual([]);
    expect(errors(LimitedMetadata.safeParse({}))).toEqual([]);
  });

  it('refuses one more of each, saying which limit', () => {
    expect(errors(LimitedMetadata.safeParse(pairs(17, 'v')))).toEqual(['Metadata holds at most 16 pairs.']);
    expect(errors(LimitedMetadata.safeParse({ ['k'.repeat(65)]: 'v' }))).toEqual([
      'Metadata keys are at most 64 characters.',
    ]);
    expect(errors(LimitedMetadata.safeParse({ k: 'v'.repeat(513) }))).toEqual([
      'Metadata values are at most 512 characters.',
    ]);
  });

  it('refuses values that are not strings (the API stores strings only)', () => {
    expect(LimitedMetadata.safeParse({ count: 3 }).success).toBe(false);
  });
});

describe('Attributes: a vector-store file’s attributes', () => {
  it('takes strings, numbers and booleans, up to 16 keys', () => {
    expect(errors(Attributes.safeParse({ team: 'a', n: 3, live: true }))).toEqual([]);
    expect(errors(Attributes.safeParse(pairs(16, 1)))).toEqual([]);
  });

  it('refuses a 17th key, a long key or value, an empty key and nested values', () => {
    expect(errors(Attributes.safeParse(pairs(17, 1)))).toEqual(['A file has at most 16 attributes.']);
    // zod wraps a key's own issue in "Invalid key in record"; the sentence people read says the limit.
    const longKey = Attributes.safeParse({ ['k'.repeat(65)]: 1 });
    expect(describeIssues(longKey.error?.issues ?? []).message).toBe(
      `${'k'.repeat(65)}: Attribute keys are at most 64 characters.`,
    );
    expect(errors(Attributes.safeParse({ k: 'v'.repeat(513) }))).toContain(
      'Attribute values are at most 512 characters.',
    );
    expect(Attributes.safeParse({ '': 1 }).success).toBe(false);
    expect(Attributes.safeParse({ k: { nested: 1 } }).success).toBe(false);
    expect(Attributes.safeParse({ k: null }).success).toBe(false);
  });
});

describe('LimitedToolResources: what an assistant’s tools may hold', () => {
  it('takes 20 code_interpreter files and one store, or nothing, or null', () => {
    const full = {
      code_interpreter: { file_ids: ids(API_LIMITS.codeInterpreterFiles, 'file') },
      file_search: { vector_store_ids: ['vs_1'] },
    };
    expect(errors(LimitedToolResources.safeParse(full))).toEqual([]);
    expect(errors(LimitedToolResources.safeParse({}))).toEqual([]);
    expect(errors(LimitedToolResources.safeParse(null))).toEqual([]);
  });

  it('refuses a 21st file, a second store and empty ids, naming the limit', () => {
    expect(errors(LimitedToolResources.safeParse({ code_interpreter: { file_ids: ids(21, 'file') } }))).toEqual([
      'code_interpreter holds at most 20 files.',
    ]);
    expect(errors(LimitedToolResources.safeParse({ file_search: { vector_store_ids: ['vs_1', 'vs_2'] } }))).toEqual([
      'file_search takes at most 1 vector store per assistant.',
    ]);
    expect(LimitedToolResources.safeParse({ code_interpreter: { file_ids: [''] } }).success).toBe(false);
  });
});

describe('API_LIMITS.functionName: a function’s or schema’s name', () => {
  it.each(['a', 'get_weather', 'Lookup-2', 'x'.repeat(64)])('%j is a name', (name) =>
    expect(API_LIMITS.functionName.test(name)).toBe(true),
  );
  it.each(['', 'x'.repeat(65), 'has space', 'dot.name', 'émoji'])('%j is not', (name) =>
    expect(API_LIMITS.functionName.test(name)).toBe(false),
  );
});
