import type { UnusedFiles } from '../../../shared/contract/manage.ts';
import type { OrgGateway } from '../openai/org-gateway.ts';

/**
 * Files referenced by no vector store and no assistant. Every store's files are listed, and every
 * assistant's code_interpreter files. Where the Assistants API is retired an assistant might still hold a
 * file we cannot see, so nothing counts as unused unless the admin waives that check (`ignoreAssistants`).
 */
export async function findUnusedFiles(org: OrgGateway, ignoreAssistants: boolean, signal?: AbortSignal, narrow: UnusedFilter = {}): Promise<UnusedFiles> {
  const [all, stores, assistants] = await Promise.all([org.files.list({ ...(signal ? { signal } : {}) }), org.vectorStores.list(signal), org.assistants.list(signal)]);
  const files = all.filter(keepFile(narrow));
  const used = new Set<string>();
  const storeFiles = await Promise.all(stores.map((store) => org.vectorStores.listFiles(store.id, signal)));
  for (const list of storeFiles) for (const f of list) used.add(f.id);
  if (assistants.served) {
    for (const a of assistants.assistants) for (const id of a.tool_resources?.code_interpreter?.file_ids ?? []) used.add(id);
  }
  const candidates = files.filter((f) => !used.has(f.id)) as unknown as UnusedFiles['files'];
  if (!assistants.served) {
    const message =
      `${org.name} no longer serves the Assistants API, so Ferry could not check which files assistants use. ` +
      (ignoreAssistants
        ? 'These files are in no vector store; an assistant elsewhere may still use them.'
        : `${candidates.length} ${candidates.length === 1 ? 'file is' : 'files are'} in no vector store. Confirm to list them anyway.`);
    return { assistantsChecked: false, message, files: ignoreAssistants ? candidates : [], total: all.length };
  }
  return { assistantsChecked: true, files: candidates, total: all.length };
}

/** Narrows the candidates: by purpose, and by age in whole days from the server's created_at. */
export interface UnusedFilter {
  purposes?: string[];
  olderThanDays?: number;
  /** Milliseconds since the epoch; tests pass a clock, the core passes nothing (now). */
  now?: number;
}

function keepFile({ purposes, olderThanDays, now = Date.now() }: UnusedFilter) {
  const cutoff = olderThanDays === undefined ? Infinity : now / 1000 - olderThanDays * 86_400;
  return (file: { purpose: string; created_at: number }) => (purposes === undefined || purposes.includes(file.purpose)) && file.created_at <= cutoff;
}
