import type { ClonePlan } from '../../../shared/clone.ts';
import type { Journal, JournalState } from '../jobs/journal.ts';
import type { OrgGateway } from '../openai/org-gateway.ts';
import type { IdMap } from './id-map.ts';
import { now } from './execution-context.ts';

export interface CleanupReport {
  deleted: { key: string; kind: string; destinationId: string }[];
  alreadyGone: string[];
  failed: { key: string; error: string }[];
}

/**
 * Deletes exactly what a job created, as its journal records it, and nothing else: objects it only updated
 * or reused are left alone. Assistants go first, then stores, then files, so nothing points at a deleted
 * object in between. Each deletion is journalled, so an interrupted cleanup can be run again.
 */
export async function cleanupJob(plan: ClonePlan, state: JournalState, destination: OrgGateway, journal: Journal, idMap: IdMap, signal?: AbortSignal): Promise<CleanupReport> {
  const report: CleanupReport = { deleted: [], alreadyGone: [], failed: [] };
  const sourceIdByKey = new Map<string, string>([
    ...plan.files.map((f) => [f.key, f.sourceId] as const),
    ...plan.vectorStores.map((s) => [s.key, s.sourceId] as const),
    ...plan.assistants.map((a) => [a.key, a.sourceId] as const),
  ]);
  const order = (key: string) => (key.startsWith('asst:') ? 0 : key.startsWith('vs:') ? 1 : 2);
  const created = [...state.created.entries()].filter(([key]) => !state.cleaned.has(key)).sort(([a], [b]) => order(a) - order(b));
  for (const [key, destinationId] of created) {
    const kind = key.startsWith('asst:') ? 'assistant' : key.startsWith('vs:') ? 'vector_store' : 'file';
    try {
      const deleted =
        kind === 'assistant'
          ? await destination.assistants.delete(destinationId, signal)
          : kind === 'vector_store'
            ? await destination.vectorStores.delete(destinationId, signal)
            : await destination.files.delete(destinationId, signal);
      await journal.append({ t: 'cleanup', key, destinationId, at: now() });
      const sourceId = sourceIdByKey.get(key);
      if (sourceId && idMap.get(sourceId)?.destinationId === destinationId) idMap.delete([sourceId]);
      if (deleted) report.deleted.push({ key, kind, destinationId });
      else report.alreadyGone.push(key);
    } catch (error) {
      report.failed.push({ key, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return report;
}
