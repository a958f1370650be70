import { describe, expect, it } from 'vitest';
import { joinAnswer, splitAnswer } from '../../../../renderer/src/bridge/answer-parts.ts';

const rows = (n: number, tag: string) => Array.from({ length: n }, (_, i) => ({ key: `${tag}:${i}`, n: i }));

/** What crosses to the page: every part and the rest as structured copies, the worker's objects left behind. */
const cross = <T>(value: T): T => structuredClone(value);

describe('answers in parts', () => {
  it('sends a job of 1,234 items as three parts and a head, and the page puts them back in order', () => {
    const job = { id: 'job-1', title: 'Clone', counts: { total: 1234 }, items: rows(1234, 'file') };
    const whole = structuredClone(job);
    const { parts, rest } = splitAnswer(job, 500);
    expect(parts.map((p) => [p.path, p.rows.length])).toEqual([
      [['items'], 500],
      [['items'], 500],
      [['items'], 234],
    ]);
    expect(rest).toEqual({ ...whole, items: [] });
    expect(joinAnswer(cross(rest), parts.map(cross))).toEqual(whole);
  });

  it('splits a long list that is the answer itself, and lists inside a list of jobs', () => {
    const list = rows(1001, 'a');
    const split = splitAnswer(structuredClone(list), 500);
    expect(split.parts).toHaveLength(3);
    expect(split.rest).toEqual([]);
    expect(joinAnswer(cross(split.rest), split.parts.map(cross))).toEqual(list);

    const jobs = [
      { id: 'small', items: rows(3, 's') },
      { id: 'big', items: rows(700, 'b') },
    ];
    const nested = splitAnswer(structuredClone(jobs), 500);
    expect(nested.parts.map((p) => p.path)).toEqual([
      [1, 'items'],
      [1, 'items'],
    ]);
    expect(joinAnswer(cross(nested.rest), nested.parts.map(cross))).toEqual(jobs);
  });

  it('leaves an answer with no long list as it is, in no parts', () => {
    const answer = { data: rows(500, 'x'), next: null, deep: { deeper: { deepest: { rows: rows(900, 'y') } } } };
    const { parts, rest } = splitAnswer(answer, 500);
    expect(parts).toEqual([]);
    expect(rest).toBe(answer);
    expect(joinAnswer(rest, [])).toBe(answer);
  });
});
