import type { FilesUsage, FileUsage, StoresUsage } from '../../../shared/contract/manage.ts';
import type { OrgGateway } from '../openai/org-gateway.ts';

interface Named {
  id: string;
  name: string;
}

interface AssistantRefs extends Named {
  codeInterpreterFileIds: string[];
  vectorStoreIds: string[];
}

/**
 * Who references what in one org, read fresh: each store with the ids of its files, and each assistant
 * with its code-interpreter files and file-search stores. No API answers "what uses this file", so every
 * store's file list is read; the unused-files check and the "Used by" of a delete confirmation both start here.
 */
export interface OrgReferences {
  stores: (Named & { fileIds: Set<string> })[];
  /** Null where the server no longer serves the Assistants API: who uses what cannot be known. */
  assistants: AssistantRefs[] | null;
  /** Why assistants could not be checked, in words. */
  assistantsMessage?: string;
}

export async function readReferences(
  org: OrgGateway,
  options: { storeFiles: boolean; signal?: AbortSignal | undefined },
): Promise<OrgReferences> {
  const [stores, listing] = await Promise.all([
    org.vectorStores.list(options.signal),
    org.assistants.list(options.signal),
  ]);
  const fileIds = options.storeFiles
    ? await Promise.all(stores.map((store) => org.vectorStores.listFiles(store.id, options.signal)))
    : stores.map(() => []);
  const references: OrgReferences = {
    stores: stores.map((store, i) => ({
      id: store.id,
      name: store.name || `Unnamed (${store.id})`,
      fileIds: new Set((fileIds[i] ?? []).map((f) => f.id)),
    })),
    assistants: listing.served
      ? listing.assistants.map((a) => ({
          id: a.id,
          name: a.name || `Unnamed (${a.id})`,
          codeInterpreterFileIds: a.tool_resources?.code_interpreter?.file_ids ?? [],
          vectorStoreIds: a.tool_resources?.file_search?.vector_store_ids ?? [],
        }))
      : null,
  };
  if (!listing.served)
    references.assistantsMessage = `${org.name} no longer serves the Assistants API, so Ferry could not check which assistants use it.`;
  return references;
}

/** What uses each of the files: the stores holding it, and the assistants using it directly or through one of them. */
export async function filesUsage(
  org: OrgGateway,
  fileIds: readonly string[],
  signal?: AbortSignal,
): Promise<FilesUsage> {
  const refs = await readReferences(org, { storeFiles: true, signal });
  return { ...checked(refs), files: fileIds.map((id) => usageOfFile(refs, id)) };
}

export function usageOfFile(refs: OrgReferences, fileId: string): FileUsage {
  const holding = refs.stores.filter((s) => s.fileIds.has(fileId));
  const assistants: FileUsage['assistants'] = [];
  for (const a of refs.assistants ?? []) {
    if (a.codeInterpreterFileIds.includes(fileId)) assistants.push({ id: a.id, name: a.name, via: 'code_interpreter' });
    const store = holding.find((s) => a.vectorStoreIds.includes(s.id));
    if (store) assistants.push({ id: a.id, name: a.name, via: 'file_search', vectorStoreId: store.id });
  }
  return { fileId, vectorStores: holding.map(({ id, name }) => ({ id, name })), assistants };
}

/** Which assistants' file search uses each of the stores. */
export async function storesUsage(
  org: OrgGateway,
  vectorStoreIds: readonly string[],
  signal?: AbortSignal,
): Promise<StoresUsage> {
  const refs = await readReferences(org, { storeFiles: false, signal });
  return {
    ...checked(refs),
    vectorStores: vectorStoreIds.map((id) => ({
      vectorStoreId: id,
      assistants: (refs.assistants ?? [])
        .filter((a) => a.vectorStoreIds.includes(id))
        .map(({ id: aid, name }) => ({ id: aid, name })),
    })),
  };
}

function checked(refs: OrgReferences): { assistantsChecked: boolean; message?: string } {
  return refs.assistants
    ? { assistantsChecked: true }
    : { assistantsChecked: false, ...(refs.assistantsMessage ? { message: refs.assistantsMessage } : {}) };
}
