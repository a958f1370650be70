import { describe, expect, it, vi } from 'vitest';
import { filterRows } from '../../../../renderer/src/browse/list-filter.ts';
import {
  assistantRows,
  fileRows,
  nameKey,
  sortedRows,
  sortRows,
  SORTS,
  vectorStoreRows,
} from '../../../../renderer/src/browse/list-model.ts';
import type { AssistantView } from '../../../../shared/resources.ts';
import { DAY, NOW, store } from './vector-store-fixture.ts';

const stores = [
  store({ id: 'vs_a', name: 'Alpha', last_active_at: NOW - 10 * DAY }),
  store({
    id: 'vs_b',
    name: 'Bravo',
    counts: { failed: 1 },
    last_active_at: NOW - 2 * DAY,
    expires_after: { anchor: 'last_active_at', days: 365 },
    expires_at: NOW + 363 * DAY,
  }),
  store({
    id: 'vs_c',
    name: 'Charlie',
    status: 'in_progress',
    counts: { in_progress: 3, failed: 5 },
    last_active_at: null,
  }),
  store({
    id: 'vs_d',
    name: 'Delta',
    status: 'expired',
    last_active_at: NOW - 40 * DAY,
    expires_after: { anchor: 'last_active_at', days: 7 },
    expires_at: NOW - 33 * DAY,
  }),
  store({
    id: 'vs_e',
    name: 'Echo',
    last_active_at: NOW - DAY,
    expires_after: { anchor: 'last_active_at', days: 30 },
    expires_at: NOW + 29 * DAY,
  }),
];
const rows = vectorStoreRows(stores);
const names = (list: readonly { name: string }[]) => list.map((r) => r.name);

describe('vector store rows', () => {
  it('carry the store, for the row to draw and the sorts to read', () => {
    expect(rows.map((r) => r.store?.id)).toEqual(['vs_a', 'vs_b', 'vs_c', 'vs_d', 'vs_e']);
    expect(rows[1]).toMatchObject({ id: 'vs_b', name: 'Bravo', size: 2048 });
  });

  it('name an unnamed store by its id', () => {
    expect(vectorStoreRows([store({ id: 'vs_x', name: '' })])[0]?.name).toBe('Unnamed (vs_x)');
  });

  describe('the filter matches name, id and status words', () => {
    it.each([
      ['brav', ['Bravo']],
      ['VS_D', ['Delta']],
      ['in progress', ['Charlie']],
      ['in_progress', ['Charlie']],
      ['expired', ['Delta']],
      ['completed', ['Alpha', 'Bravo', 'Echo']],
      // A store with failed files is found by "failed", though failed is no store status.
      ['failed', ['Bravo', 'Charlie']],
      ['failed charlie', ['Charlie']],
    ])('%s', (query, expected) => {
      expect(names(filterRows(rows, query))).toEqual(expected);
    });
  });

  describe('sorts', () => {
    it('offers the admin’s sorts on the Vector stores tab and keeps the others', () => {
      expect(SORTS.vectorStores.map((s) => s.id)).toEqual([
        'name',
        'newest',
        'oldest',
        'size',
        'failed',
        'active',
        'expiring',
      ]);
      expect(SORTS.vectorStores.find((s) => s.id === 'failed')?.label).toBe('Failures first');
      expect(SORTS.assistants.map((s) => s.id)).toEqual(['name', 'newest', 'oldest']);
      expect(SORTS.files.map((s) => s.id)).toEqual(['name', 'newest', 'oldest', 'size']);
    });

    it('failures first: most failed files first, then by name', () => {
      expect(names(sortRows(rows, 'failed'))).toEqual(['Charlie', 'Bravo', 'Alpha', 'Delta', 'Echo']);
    });

    it('last active: most recently active first, never active last', () => {
      expect(names(sortRows(rows, 'active'))).toEqual(['Echo', 'Bravo', 'Alpha', 'Delta', 'Charlie']);
    });

    it('expires first: the earliest expiry (an expired store) first, never expiring last by name', () => {
      expect(names(sortRows(rows, 'expiring'))).toEqual(['Delta', 'Echo', 'Bravo', 'Alpha', 'Charlie']);
    });

    it('sort a copy, leaving the rows as they came', () => {
      sortRows(rows, 'failed');
      expect(names(rows)).toEqual(['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo']);
    });
  });
});

describe('assistant rows keep their look', () => {
  it('show the model under the name and carry no store', () => {
    const [row] = assistantRows([assistant('asst_1', 'Helper')]);
    expect(row).toMatchObject({ name: 'Helper', detail: 'gpt-4o' });
    expect(row?.store).toBeUndefined();
  });
});

describe('file rows', () => {
  it("write each file's day as the locale does, one formatter for the whole list", () => {
    const at = (iso: string) => Date.parse(iso) / 1000;
    const files = [at('2026-03-04T09:00:00'), at('2026-03-04T23:59:00'), at('2026-11-30T00:01:00')].map(
      (created_at, i) => ({
        id: `file-${i}`,
        object: 'file',
        filename: `f${i}.md`,
        bytes: 10,
        purpose: 'assistants',
        created_at,
        status: 'processed',
      }),
    );
    const rows = fileRows(files as never);
    const expected = files.map((f) =>
      new Date(f.created_at * 1000).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' }),
    );
    expect(rows.map((r) => r.detail.split(' · ')[2])).toEqual(expected);
    expect(rows[0]?.haystack).toContain(expected[0]!.toLowerCase());
  });

  it('for 100,000 files build one formatter, not one per row (that was 80% of 5–9 s to the first row)', () => {
    const files = Array.from({ length: 100_000 }, (_, i) => ({
      id: `file-${i}`,
      object: 'file',
      filename: `f${i}.md`,
      bytes: i,
      purpose: 'assistants',
      created_at: 1_780_000_000 + i * 60,
      status: 'processed',
    }));
    const perRow = vi.spyOn(Date.prototype, 'toLocaleDateString');
    const formatters = vi.spyOn(Intl, 'DateTimeFormat');
    try {
      expect(fileRows(files as never)).toHaveLength(100_000);
      expect(perRow).not.toHaveBeenCalled();
      expect(formatters).toHaveBeenCalledTimes(1);
    } finally {
      perRow.mockRestore();
      formatters.mockRestore();
    }
  });
});

const assistant = (id: string, name: string, created_at = NOW): AssistantView => ({
  id,
  object: 'assistant',
  created_at,
  name,
  description: null,
  model: 'gpt-4o',
  instructions: null,
  tools: [],
  metadata: null,
});

describe('the name sort', () => {
  // Names a plain string comparison orders differently from the collator: numbers of other lengths, case,
  // accents, punctuation and spaces, names that differ only in case (then the id decides).
  const parts = ['Alpha', 'alpha', 'Álpha', 'beta', 'Beta', 'Zed', 'zeta', '_x', '~y', 'a-b', 'a b', 'ab', 'Ω', 'ü'];
  it('is the collator’s order with ids breaking ties, whatever the names (seeded)', () => {
    const seed = 20_261_202;
    let state = seed;
    const random = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    const list = Array.from({ length: 3000 }, (_, i) =>
      assistant(
        `asst_${Math.floor(random() * 1e9).toString(36)}${i}`,
        `${pick(parts)} ${Math.floor(random() * 2000)}${pick(['', ' v2', '.md', ' 07'])}`,
      ),
    );
    const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
    const expected = [...assistantRows(list)]
      .sort((a, b) => collator.compare(a.name, b.name) || a.id.localeCompare(b.id))
      .map((r) => r.id);
    expect(
      sortRows(assistantRows(list), 'name').map((r) => r.id),
      `seed ${seed}`,
    ).toEqual(expected);
  });

  it('puts 9 before 10, as people count', () => {
    const list = ['Bot 10', 'Bot 9', 'bot 100', 'Bot 1'].map((name, i) => assistant(`asst_${i}`, name));
    expect(names(sortRows(assistantRows(list), 'name'))).toEqual(['Bot 1', 'Bot 9', 'Bot 10', 'bot 100']);
  });
});

describe('rows and sorts are built once', () => {
  it('a list keeps its rows, the next page and a re-read reuse them, a list and sort keep their order', () => {
    const a = assistant('asst_a', 'A');
    const b = assistant('asst_b', 'B');
    const first = [b];
    const more = [b, a];
    const firstRows = assistantRows(first);
    expect(assistantRows(first)).toBe(firstRows);
    // The next page: the rows read so far are reused, the new ones built.
    expect(assistantRows(more)[0]).toBe(firstRows[0]);
    // A re-read that kept the objects in a new array builds none of their rows.
    expect(assistantRows([...more])[1]).toBe(assistantRows(more)[1]);
    // A changed object gets a new row.
    expect(assistantRows([b, { ...a, name: 'A2' }])[1]?.name).toBe('A2');
    const rows = assistantRows(more);
    expect(sortedRows(rows, 'name')).toBe(sortedRows(rows, 'name'));
    expect(names(sortedRows(rows, 'name'))).toEqual(['A', 'B']);
    expect(names(sortedRows(rows, 'newest'))).toEqual(['A', 'B']);
  });
});

describe('the name sort key', () => {
  it('pads each run of digits so plain string order counts as people do', () => {
    expect(nameKey('Bot 9')).toBe('bot 0000000000000009');
    expect(nameKey('A1b22')).toBe('a0000000000000001b0000000000000022');
    expect(nameKey('Plain')).toBe('plain');
    expect(nameKey('12345678901234567890')).toBe('12345678901234567890');
  });
});
