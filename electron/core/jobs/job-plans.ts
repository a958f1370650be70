import type { ClonePlan } from '../../../shared/clone.ts';
import type { JobView } from '../../../shared/jobs.ts';

/**
 * A plan that stands in for a damaged plan.json during cleanup: it names the connections (from job.json)
 * and no objects, so cleanup works from the journal alone (kinds from the `asst:`/`vs:`/`file:` keys).
 */
export function salvagePlan(jobId: string, view: JobView): ClonePlan {
  return {
    id: `salvage-${jobId}`,
    createdAt: view.createdAt,
    source: view.source,
    destination: view.destination,
    request: { onConflict: 'skip', modelMap: {} },
    assistants: [],
    vectorStores: [],
    files: [],
    agents: [],
    destinationModels: [],
    totals: {
      assistants: { create: 0, update: 0, skip: 0, blocked: 0 },
      vectorStores: { create: 0, reuse: 0, skip: 0 },
      files: { create: 0, reuse: 0, skip: 0, lossy: 0 },
      bytes: 0,
    },
    warnings: [],
    blockers: [],
  };
}

/** A retried item and what it needs: an assistant's files and stores, a store's files. */
export function withDependencies(plan: ClonePlan, keys: string[]): Set<string> {
  const out = new Set(keys);
  for (const key of keys) {
    const assistant = plan.assistants.find((a) => a.key === key);
    if (assistant) {
      for (const k of assistant.codeInterpreterFileKeys) out.add(k);
      for (const k of assistant.fileSearchVectorStoreKeys) out.add(k);
    }
  }
  for (const key of [...out]) {
    const store = plan.vectorStores.find((s) => s.key === key);
    if (store) for (const f of store.files) out.add(f.fileKey);
  }
  return out;
}
