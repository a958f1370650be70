import { describe, expect, it } from 'vitest';
import { newId, randomBase62 } from '../src/ids.ts';

describe('sandbox ids', () => {
  it('are shaped like the API’s and never repeat, across many blocks of random bytes', () => {
    // 20,000 ids draw about 1 MB of random bytes: hundreds of pool refills.
    const ids = Array.from({ length: 20_000 }, () => newId.assistant());
    for (const id of ids) expect(id).toMatch(/^asst_[A-Za-z0-9]{24}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(newId.file()).toMatch(/^file-[A-Za-z0-9]{22}$/);
    expect(newId.request()).toMatch(/^req_[a-z0-9]{32}$/);
  });

  it('uses every base62 character about equally often', () => {
    const counts = new Map<string, number>();
    for (const char of randomBase62(620_000)) counts.set(char, (counts.get(char) ?? 0) + 1);
    expect(counts.size).toBe(62);
    // 10,000 expected each; a biased byte mapping (256 % 62 ≠ 0) would put 8 characters ~25% above the rest.
    for (const n of counts.values()) expect(Math.abs(n - 10_000)).toBeLessThan(600);
  });
});
