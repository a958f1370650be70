/**
 * A big answer crosses from the call worker to the page in parts. The page pays for each message it takes
 * in (the structured copy of a job of 6,560 items took 41 ms in one piece), so the worker sends every long
 * list of rows in parts of {@link PART_ROWS}, each its own message and so its own task on the page, then
 * the rest of the answer with those lists emptied; the page puts the rows back where they were.
 */

/** Rows per part: a few milliseconds of copying on the page each. */
export const PART_ROWS = 500;

/** Where a list lies in an answer: the keys and indexes leading to it ([] for the answer itself). */
export type RowsPath = ReadonlyArray<string | number>;

/** One part of a long list, in order among the parts of the same list. */
export interface AnswerPart {
  path: RowsPath;
  rows: unknown[];
}

/** How deep lists are looked for: a list, a job's items, a list of jobs' items. */
const MAX_DEPTH = 3;

/**
 * Takes the lists longer than `partRows` out of `answer` (emptying them in place: the worker owns its
 * answer): the parts, in the order to send them, and the rest of the answer, to send after them.
 */
export function splitAnswer(answer: unknown, partRows = PART_ROWS): { parts: AnswerPart[]; rest: unknown } {
  const parts: AnswerPart[] = [];
  let rest = answer;
  const visit = (value: unknown, path: Array<string | number>, set: (rows: unknown[]) => void) => {
    if (Array.isArray(value)) {
      if (value.length > partRows) {
        for (let at = 0; at < value.length; at += partRows) parts.push({ path, rows: value.slice(at, at + partRows) });
        set([]);
        return;
      }
      if (path.length < MAX_DEPTH)
        value.forEach((element, index) => visit(element, [...path, index], (rows) => (value[index] = rows)));
      return;
    }
    if (typeof value !== 'object' || value === null || path.length >= MAX_DEPTH) return;
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) visit(record[key], [...path, key], (rows) => (record[key] = rows));
  };
  visit(answer, [], (rows) => (rest = rows));
  return { parts, rest };
}

/** Puts the parts' rows back into what `splitAnswer` left of the answer; returns the whole answer. */
export function joinAnswer(rest: unknown, parts: readonly AnswerPart[]): unknown {
  const lists = new Map<string, { path: RowsPath; rows: unknown[] }>();
  for (const part of parts) {
    const key = JSON.stringify(part.path);
    const list = lists.get(key);
    if (list) for (const row of part.rows) list.rows.push(row);
    else lists.set(key, { path: part.path, rows: part.rows.slice() });
  }
  let whole = rest;
  for (const { path, rows } of lists.values()) {
    if (path.length === 0) {
      whole = rows;
      continue;
    }
    let parent = whole as Record<string | number, unknown>;
    for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
    parent[path.at(-1)!] = rows;
  }
  return whole;
}
