import { isDeepStrictEqual } from 'node:util';

/**
 * What chunking a file gets in its clone. The API answers `{type: "other"}` for files indexed before
 * chunking strategies existed, but file batches accept only `auto` or `static`: sent as it is, it makes
 * the API refuse the whole batch (up to 2000 files). Such a file is recreated with `auto` chunking.
 */
export const CHUNKING_OTHER_NOTE = 'Indexed before chunking strategies; recreated with auto chunking.';

export function plannedChunking(strategy: unknown): { chunkingStrategy: unknown; note?: string } {
  if (isOther(strategy)) return { chunkingStrategy: { type: 'auto' }, note: CHUNKING_OTHER_NOTE };
  return { chunkingStrategy: strategy ?? null };
}

/** The strategy a batch may carry; a plan saved before this rule may still hold `other`. */
export function batchChunking(strategy: unknown): unknown {
  return plannedChunking(strategy).chunkingStrategy;
}

function isOther(strategy: unknown): boolean {
  return typeof strategy === 'object' && strategy !== null && (strategy as { type?: unknown }).type === 'other';
}

/** Failed or cancelled ingestion: the file is not in the store's index, so its clone leaves it out. */
export function failedIngestion(file: { status: string }): boolean {
  return file.status === 'failed' || file.status === 'cancelled';
}

/**
 * Whether a clone's chunking is the source's, for verify. A source file answering `other` was recreated
 * with `auto` on purpose (noted in the plan), so whatever auto became counts as the same.
 */
export function sameChunking(source: unknown, copy: unknown): boolean {
  if (isOther(source)) return !isOther(copy);
  return isDeepStrictEqual(copy ?? null, source ?? null);
}
