import type { CloneRequestParsed } from '../../../shared/clone.ts';
import { FerryError } from '../errors.ts';
import { isNotFound } from '../openai/api-errors.ts';
import type { Assistant } from '../openai/assistants-api.ts';
import type { FileObject } from '../openai/files-api.ts';
import type { OrgGateway } from '../openai/org-gateway.ts';
import type { VectorStore, VectorStoreFile } from '../openai/vector-stores-api.ts';

/** Everything the plan needs from the source, read once. The source is only ever read. */
export interface SourceSnapshot {
  assistants: Assistant[];
  /** False when the source server no longer serves the Assistants API. */
  assistantsServed: boolean;
  vectorStores: VectorStore[];
  /** Vector store files by store id (with attributes, chunking and status). */
  storeFiles: Map<string, VectorStoreFile[]>;
  /** File objects by id, for every file any selected object uses. */
  files: Map<string, FileObject>;
  /** Stores whose parsed text can stand in for a file's bytes, by file id (completed ingestion only). */
  parsedTextIn: Map<string, string>;
}

export async function readSource(
  source: OrgGateway,
  request: CloneRequestParsed,
  signal?: AbortSignal,
  /** Told the stores the request names (every store, for `all`) as soon as the store list is in. */
  onStores?: (stores: VectorStore[]) => void,
): Promise<SourceSnapshot> {
  const wantsAssistants = request.all || request.assistants.length > 0;
  // Independent reads go out together: planning is a few round trips, whatever the selection.
  const storesListed = source.vectorStores.list(signal);
  if (onStores)
    void storesListed.then(
      (stores) => {
        const named = new Set(request.vectorStores);
        onStores(request.all ? stores : stores.filter((store) => named.has(store.id)));
      },
      () => {}, // the listing's failure is the plan's, awaited below
    );
  // The files of each store known to be wanted are listed as soon as its id is known, not after every
  // assistant page has come: at 6,400 assistants that is 64 pages in a row, which these now overlap.
  const early = new Map<string, Promise<VectorStoreFile[]>>();
  const listEarly = (id: string) => {
    const files = source.vectorStores.listFiles(id, signal);
    files.catch(() => {}); // awaited below; a failure before that must not go unhandled
    early.set(id, files);
  };
  for (const id of request.all ? [] : request.vectorStores) listEarly(id);
  const [listing, allStores, allFiles] = await Promise.all([
    wantsAssistants ? source.assistants.list(signal) : Promise.resolve(undefined),
    request.all
      ? storesListed.then((stores) => {
          for (const store of stores) listEarly(store.id);
          return stores;
        })
      : storesListed,
    source.files.list({ ...(signal ? { signal } : {}) }),
  ]);
  let assistants: Assistant[] = [];
  let assistantsServed = true;
  if (listing) {
    assistantsServed = listing.served;
    if (!listing.served && request.assistants.length > 0) {
      throw new FerryError(
        'bad_input',
        `"${source.name}" does not serve the Assistants API (it was retired on api.openai.com on 2026-08-26), so its assistants cannot be cloned. Vector stores can.`,
        { field: 'assistants' },
      );
    }
    if (listing.served)
      assistants = request.all
        ? listing.assistants
        : pick(listing.assistants, request.assistants, 'assistant', source.name);
  }

  const wantedStoreIds = new Set<string>(request.all ? allStores.map((vs) => vs.id) : request.vectorStores);
  for (const assistant of assistants)
    for (const id of assistant.tool_resources?.file_search?.vector_store_ids ?? []) wantedStoreIds.add(id);
  const byId = new Map(allStores.map((vs) => [vs.id, vs]));
  const vectorStores = await Promise.all(
    [...wantedStoreIds].map((id) => byId.get(id) ?? retrieveStore(source, id, signal)),
  );
  const storeFiles = new Map<string, VectorStoreFile[]>(
    await Promise.all(
      vectorStores.map(
        async (store) =>
          [store.id, await (early.get(store.id) ?? source.vectorStores.listFiles(store.id, signal))] as const,
      ),
    ),
  );

  const wantedFileIds = new Set<string>();
  for (const list of storeFiles.values()) for (const file of list) wantedFileIds.add(file.id);
  for (const assistant of assistants)
    for (const id of assistant.tool_resources?.code_interpreter?.file_ids ?? []) wantedFileIds.add(id);
  const files = new Map<string, FileObject>();
  for (const file of allFiles) if (wantedFileIds.has(file.id)) files.set(file.id, file);
  await Promise.all(
    [...wantedFileIds]
      .filter((id) => !files.has(id))
      .map(async (id) => {
        try {
          files.set(id, await source.files.retrieve(id, signal));
        } catch (error) {
          // A resource pointing at a deleted file: the plan reports it as skipped.
          if (!isNotFound((error as { cause?: unknown }).cause)) throw error;
        }
      }),
  );

  // Parsed text is a last resort for files that cannot be downloaded; look in the selected stores first and
  // then in the source's other stores, for a copy whose ingestion completed. A bundle's parsed text is the
  // bytes it holds, so a file a bundle cannot give bytes for has none either, whatever its store says.
  const parsedTextIn = new Map<string, string>();
  const note = (storeId: string, list: VectorStoreFile[]) => {
    for (const file of list)
      if (file.status === 'completed' && !parsedTextIn.has(file.id)) parsedTextIn.set(file.id, storeId);
  };
  if (!source.folder) for (const [storeId, list] of storeFiles) note(storeId, list);
  const orphaned =
    !source.folder &&
    [...wantedFileIds].some(
      (id) => !parsedTextIn.has(id) && source.files.downloads.refuses(files.get(id)?.purpose ?? '', id),
    );
  if (orphaned) {
    const others = allStores.filter((store) => !storeFiles.has(store.id));
    const lists = await Promise.all(others.map((store) => source.vectorStores.listFiles(store.id, signal)));
    others.forEach((store, index) => note(store.id, lists[index] ?? []));
  }
  return { assistants, assistantsServed, vectorStores, storeFiles, files, parsedTextIn };
}

function pick<T extends { id: string }>(all: T[], ids: string[], what: string, org: string): T[] {
  const byId = new Map(all.map((item) => [item.id, item]));
  return ids.map((id) => {
    const found = byId.get(id);
    if (!found)
      throw new FerryError(
        'bad_input',
        `"${org}" has no ${what} with the id ${id}. List them with \`ferry ls ${what === 'assistant' ? 'assistants' : 'vector-stores'} --conn "${org}"\`.`,
        { field: `${what}s` },
      );
    return found;
  });
}

async function retrieveStore(source: OrgGateway, id: string, signal?: AbortSignal): Promise<VectorStore> {
  try {
    return await source.vectorStores.retrieve(id, signal);
  } catch (error) {
    if (isNotFound((error as { cause?: unknown }).cause)) {
      throw new FerryError(
        'bad_input',
        `"${source.name}" has no vector store with the id ${id}. List them with \`ferry ls vector-stores --conn "${source.name}"\`.`,
        { field: 'vectorStores' },
      );
    }
    throw error;
  }
}
