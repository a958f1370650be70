import type { Row } from './list-model.ts';

/** A search's words, lower-cased: a row matches when each of them appears in its name, id or detail. */
export const queryWords = (query: string): string[] => query.toLowerCase().split(/\s+/).filter(Boolean);

/**
 * The rows of `rows` whose haystack holds every one of `words`, in their order: `rows` itself when every
 * row matches (no word, or a first letter most rows hold), so the list sees nothing new to draw.
 */
function scan(rows: readonly Row[], words: readonly string[]): readonly Row[] {
  if (words.length === 0) return rows;
  const out: Row[] = [];
  if (words.length === 1) {
    const word = words[0]!;
    for (const row of rows) if (row.haystack.includes(word)) out.push(row);
  } else {
    for (const row of rows) if (words.every((w) => row.haystack.includes(w))) out.push(row);
  }
  return out.length === rows.length ? rows : out;
}

/** Every word of the query must appear in the row's name, id or detail (case-insensitive). */
export function filterRows(rows: readonly Row[], query: string): readonly Row[] {
  return scan(rows, queryWords(query));
}

/**
 * A filter over one list that remembers its last answer. Typing narrows a search: when each word of the
 * last query lies inside a word of the new one, every row the new query matches was in the last answer,
 * so only that answer is scanned, and only for the words it does not already guarantee. With 100,000
 * rows that makes every keystroke after the first scan what is left, not the whole list; a query that
 * is the same words (a trailing space) answers the same array, so the list draws nothing new.
 */
export function rowFilter(rows: readonly Row[]): (query: string) => readonly Row[] {
  let lastWords: string[] = [];
  let lastResult: readonly Row[] = rows;
  return (query) => {
    const words = queryWords(query);
    const narrows = lastWords.every((old) => words.some((w) => w.includes(old)));
    lastResult = narrows
      ? scan(
          lastResult,
          words.filter((w) => !lastWords.includes(w)),
        )
      : scan(rows, words);
    lastWords = words;
    return lastResult;
  };
}
