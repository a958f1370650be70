import type { VectorStoreView } from '../../../../shared/resources.ts';

/** Noon UTC, so a date reads the same in every time zone the tests may run in. */
export const NOW = Date.UTC(2026, 10, 22, 12) / 1000;
export const DAY = 86_400;

/** A vector store as the API returns it; every figure overridable. */
export function store(
  overrides: Partial<VectorStoreView> & { counts?: Partial<VectorStoreView['file_counts']> } = {},
): VectorStoreView {
  const { counts, ...rest } = overrides;
  const file_counts = { completed: 4, in_progress: 0, failed: 0, cancelled: 0, total: 0, ...counts };
  file_counts.total = file_counts.completed + file_counts.in_progress + file_counts.failed + file_counts.cancelled;
  return {
    id: 'vs_1',
    object: 'vector_store',
    created_at: NOW - 50 * DAY,
    name: 'Store',
    usage_bytes: 2048,
    status: 'completed',
    metadata: {},
    expires_after: null,
    expires_at: null,
    last_active_at: NOW - 3 * DAY,
    ...rest,
    file_counts,
  };
}
