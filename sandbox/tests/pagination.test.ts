import { describe, expect, it } from 'vitest';
import { paginate } from '../src/pagination.ts';

interface Rec {
  id: string;
  created_at: number;
  seq: number;
  name: string;
}

const OPTIONS = { maxLimit: 100, defaultLimit: 20, allowBefore: true };

/** The API's order, computed the plain way: what every page must agree with. */
function expected(records: Map<string, Rec>, order: 'asc' | 'desc'): Rec[] {
  const sorted = [...records.values()].sort((a, b) => a.created_at - b.created_at || a.seq - b.seq);
  return order === 'desc' ? sorted.reverse() : sorted;
}

function readAll(records: Map<string, Rec>, order: 'asc' | 'desc', limit: number): Rec[] {
  const out: Rec[] = [];
  let after: string | null = null;
  for (;;) {
    const query = new URLSearchParams({ limit: String(limit), order });
    if (after) query.set('after', after);
    const page = paginate(records.values(), query, OPTIONS, (r) => r);
    out.push(...page.data);
    if (!page.has_more) return out;
    after = page.last_id;
  }
}

/** A small seeded generator (mulberry32), so a failing sequence can be replayed from its seed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('cursor pages over a big collection', () => {
  it('agree with a whole sort, page by page, as objects are created, deleted and replaced between pages', () => {
    const seed = Number(process.env['PAGINATION_SEED'] ?? Date.now() % 1_000_000);
    const next = random(seed);
    const records = new Map<string, Rec>();
    let seq = 0;
    const create = () => {
      seq += 1;
      // Ties on created_at are common (one second of creates): seq breaks them, as the API's order does.
      const record = { id: `obj_${seq}`, created_at: 1_700_000_000 + Math.floor(next() * 50), seq, name: `n${seq}` };
      records.set(record.id, record);
    };
    for (let i = 0; i < 2500; i += 1) create();
    for (let round = 0; round < 30; round += 1) {
      const order = next() < 0.5 ? 'asc' : 'desc';
      const limit = 1 + Math.floor(next() * 100);
      expect(readAll(records, order, limit), `seed ${seed}, round ${round}`).toEqual(expected(records, order));
      // A cursor in the middle, and `before` from there: the same slices a whole sort gives.
      const all = expected(records, order);
      const cursor = all[Math.floor(next() * all.length)]!;
      const before = paginate(
        records.values(),
        new URLSearchParams({ order, before: cursor.id, limit: '7' }),
        OPTIONS,
        (r) => r,
      );
      const at = all.indexOf(cursor);
      expect(before.data, `seed ${seed}, round ${round}`).toEqual(all.slice(Math.max(0, at - 7), at));
      expect(before.has_more).toBe(at > 7);
      const choice = next();
      const ids = [...records.keys()];
      if (choice < 0.3) create();
      else if (choice < 0.6) records.delete(ids[Math.floor(next() * ids.length)]!);
      else if (choice < 0.9) {
        // Replaced by a new object with the same id and place: the page must show the new one.
        const id = ids[Math.floor(next() * ids.length)]!;
        records.set(id, { ...records.get(id)!, name: `renamed ${round}` });
      }
    }
  });

  it('refuses a cursor that was deleted since the last page', () => {
    const records = new Map<string, Rec>();
    for (let i = 1; i <= 1200; i += 1)
      records.set(`obj_${i}`, { id: `obj_${i}`, created_at: 1_700_000_000 + i, seq: i, name: '' });
    const first = paginate(records.values(), new URLSearchParams({ limit: '100' }), OPTIONS, (r) => r);
    records.delete(first.last_id!);
    expect(() =>
      paginate(records.values(), new URLSearchParams({ limit: '100', after: first.last_id! }), OPTIONS, (r) => r),
    ).toThrow(/no object with id/);
  });
});
