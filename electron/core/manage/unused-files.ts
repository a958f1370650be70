import type { UnusedFiles } from '../../../shared/contract/manage.ts';
import type { OrgGateway } from '../openai/org-gateway.ts';
import { readReferences } from './usage.ts';

/**
 * Files referenced by no vector store and no assistant. Every store's files are listed, and every
 * assistant's code_interpreter files. Where the Assistants API is retired an assistant might still hold a
 * file we cannot see, so nothing counts as unused unless the admin waives that check (`ignoreAssistants`).
 */
export async function findUnusedFiles(
  org: OrgGateway,
  ignoreAssistants: boolean,
  signal?: AbortSignal,
  narrow: UnusedFilter = {},
): Promise<UnusedFiles> {
  const [all, refs] = await Promise.all([
    org.files.list({ ...(signal ? { signal } : {}) }),
    readReferences(org, { storeFiles: true, signal }),
  ]);
  const files = all.filter(keepFile(narrow));
  const used = new Set<string>();
  for (const store of refs.stores) for (const id of store.fileIds) used.add(id);
  for (const a of refs.assistants ?? []) for (const id of a.codeInterpreterFileIds) used.add(id);
  const candidates = files.filter((f) => !used.has(f.id)) as unknown as UnusedFiles['files'];
  if (!refs.assistants) {
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
  return (file: { purpose: string; created_at: number }) =>
    (purposes === undefined || purposes.includes(file.purpose)) && file.created_at <= cutoff;
}
