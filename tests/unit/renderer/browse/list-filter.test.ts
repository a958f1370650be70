import { describe, expect, it } from 'vitest';
import { filterRows, rowFilter } from '../../../../renderer/src/browse/list-filter.ts';
import type { Row } from '../../../../renderer/src/browse/list-model.ts';

/** Rows that count how often a filter reads their search text. */
function countedRows(names: readonly string[]) {
  const reads = { count: 0 };
  const rows = names.map((name, i): Row => {
    const haystack = `${name.toLowerCase()}\u0000id_${i}\u0000gpt-4o`;
    return {
      id: `id_${i}`,
      name,
      detail: 'gpt-4o',
      created: i,
      size: 0,
      nameKey: name.toLowerCase(),
      get haystack() {
        reads.count += 1;
        return haystack;
      },
    };
  });
  return { rows, reads };
}

const words = ['Support', 'Refund', 'Sales', 'Triage', 'Billing', 'Ops'];
const names = Array.from({ length: 600 }, (_, i) => `${words[i % 6]} ${words[Math.floor(i / 6) % 6]} ${i}`);

describe('a filter that remembers its last answer', () => {
  it('answers what the plain filter answers, keystroke by keystroke, typing and deleting (seeded)', () => {
    const seed = 4242;
    let state = seed;
    const random = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const { rows } = countedRows(names);
    const filter = rowFilter(rows);
    let query = '';
    const alphabet = 'supotriagebl 0123 ';
    for (let step = 0; step < 400; step += 1) {
      query =
        random() < 0.3 && query.length > 0
          ? query.slice(0, -1)
          : random() < 0.05
            ? ''
            : query + alphabet[Math.floor(random() * alphabet.length)];
      expect(
        filter(query).map((r) => r.id),
        `seed ${seed}, step ${step}, query ${JSON.stringify(query)}`,
      ).toEqual(filterRows(rows, query).map((r) => r.id));
    }
  });

  it('scans only the last answer when the new query narrows it', () => {
    const { rows, reads } = countedRows(names);
    const filter = rowFilter(rows);
    const triage = filter('triage');
    expect(triage.length).toBeGreaterThan(100);
    expect(triage.length).toBeLessThan(rows.length / 2);
    const expected = filterRows(rows, 'triage 5').map((r) => r.id);
    reads.count = 0;
    expect(filter('triage 5').map((r) => r.id)).toEqual(expected);
    // Only the last answer's rows are read, each once (for '5': 'triage' is known to hold for them).
    const narrowed = reads.count;
    expect(narrowed).toBe(triage.length);
    reads.count = 0;
    filter('triage 54');
    expect(reads.count).toBe(expected.length);
  });

  it('answers the same array for the same words (a trailing space), so the list draws nothing new', () => {
    const { rows, reads } = countedRows(names);
    const filter = rowFilter(rows);
    const first = filter('sales');
    reads.count = 0;
    expect(filter('sales ')).toBe(first);
    expect(reads.count).toBe(0);
    expect(filter('')).toBe(rows);
    // A word every row holds answers the rows themselves.
    expect(filter('id_')).toBe(rows);
    expect(filterRows(rows, 'gpt')).toBe(rows);
  });

  it('scans every row again when a word is deleted or changed', () => {
    const { rows } = countedRows(names);
    const filter = rowFilter(rows);
    expect(filter('ops billing')).toHaveLength(filterRows(rows, 'ops billing').length);
    expect(filter('ops').map((r) => r.id)).toEqual(filterRows(rows, 'ops').map((r) => r.id));
    expect(filter('sales').map((r) => r.id)).toEqual(filterRows(rows, 'sales').map((r) => r.id));
  });
});
