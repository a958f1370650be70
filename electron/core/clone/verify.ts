import { isDeepStrictEqual } from 'node:util';
import type { ClonePlan } from '../../../shared/clone.ts';
import type { VerifyDifference, VerifyReport } from '../../../shared/jobs.ts';
import type { Assistant, AssistantsListing } from '../openai/assistants-api.ts';
import type { OrgGateway } from '../openai/org-gateway.ts';
import { assistantBody, diffAssistant } from './assistant-fields.ts';
import { sameChunking } from './chunking.ts';
import { fileKey } from './planner.ts';

/**
 * Compares what a job made with its source, field by field: assistants' cloned fields and where their tool
 * resources point, stores' names, metadata, expiry, file counts and each file's attributes, chunking and
 * status, and files' names and sizes. Ids differ by nature and are not reported; reconstructed files
 * differ by nature too, and are reported as expected.
 */
export async function verifyClone(plan: ClonePlan, resolved: Map<string, string>, source: OrgGateway, destination: OrgGateway, signal?: AbortSignal): Promise<VerifyReport> {
  const differences: VerifyDifference[] = [];
  const reconstructed: VerifyReport['reconstructed'] = [];
  let checked = 0;
  const differ = (key: string, label: string, field: string, src: unknown, dst: unknown, expected = false) =>
    differences.push({ key, label, field, source: src, destination: dst, expected });

  // What the plan promised and the destination no longer holds by the journal (Clean up deleted it) is a
  // difference, not something left unchecked.
  const promisedFiles = plan.files.filter((f) => f.action === 'create' || f.action === 'reuse');
  const promisedStores = plan.vectorStores.filter((s) => s.action === 'create' || s.action === 'reuse');
  const promisedAssistants = plan.assistants.filter((a) => a.action === 'create' || a.action === 'update');
  for (const item of [...promisedFiles.map((f) => ({ key: f.key, label: f.filename })), ...promisedStores.map((s) => ({ key: s.key, label: s.name })), ...promisedAssistants.map((a) => ({ key: a.key, label: a.name }))]) {
    if (resolved.has(item.key)) continue;
    checked += 1;
    differ(item.key, item.label, 'exists', true, false);
  }
  const files = promisedFiles.filter((f) => resolved.has(f.key));
  const stores = promisedStores.filter((s) => resolved.has(s.key));
  const assistants = promisedAssistants.filter((a) => resolved.has(a.key));
  // Everything is read up front in one parallel round: verify costs a round trip or two, not one per object.
  const [copyFiles, originalStores, copyStores, originalAssistants, copyAssistants, originalStoreFiles, copyStoreFiles] = await Promise.all([
    fetchAll(files.map((f) => resolved.get(f.key)!), (id) => destination.files.retrieve(id, signal), () => destination.files.list({ ...(signal ? { signal } : {}) })),
    fetchAll(stores.map((s) => s.sourceId), (id) => source.vectorStores.retrieve(id, signal), () => source.vectorStores.list(signal)),
    fetchAll(stores.map((s) => resolved.get(s.key)!), (id) => destination.vectorStores.retrieve(id, signal), () => destination.vectorStores.list(signal)),
    fetchAll(assistants.map((a) => a.sourceId), (id) => source.assistants.retrieve(id, signal), async () => listedAssistants(await source.assistants.list(signal))),
    fetchAll(assistants.map((a) => resolved.get(a.key)!), (id) => destination.assistants.retrieve(id, signal), async () => listedAssistants(await destination.assistants.list(signal))),
    Promise.all(stores.map((s) => source.vectorStores.listFiles(s.sourceId, signal))),
    Promise.all(stores.map((s) => destination.vectorStores.listFiles(resolved.get(s.key)!, signal))),
  ]);

  for (const file of files) {
    const copy = copyFiles.get(resolved.get(file.key)!);
    checked += 1;
    if (!copy) {
      differ(file.key, file.filename, 'exists', true, false);
      continue;
    }
    if (file.lossy) {
      reconstructed.push({ key: file.key, filename: file.filename });
      if (copy.bytes !== file.bytes) differ(file.key, file.filename, 'bytes (reconstructed from parsed text)', file.bytes, copy.bytes, true);
      if (copy.filename !== file.filename) differ(file.key, file.filename, 'filename (reconstructed from parsed text)', file.filename, copy.filename, true);
      continue;
    }
    if (copy.filename !== file.filename) differ(file.key, file.filename, 'filename', file.filename, copy.filename);
    if (copy.bytes !== file.bytes) differ(file.key, file.filename, 'bytes', file.bytes, copy.bytes);
  }

  stores.forEach((store, index) => {
    checked += 1;
    const original = originalStores.get(store.sourceId);
    const copy = copyStores.get(resolved.get(store.key)!);
    if (!original || !copy) return differ(store.key, store.name, 'exists', Boolean(original), Boolean(copy));
    if (copy.name !== original.name) differ(store.key, store.name, 'name', original.name, copy.name);
    if (!isDeepStrictEqual(copy.metadata ?? {}, store.metadata)) differ(store.key, store.name, 'metadata', store.metadata, copy.metadata);
    if (!isDeepStrictEqual(copy.expires_after ?? null, original.expires_after ?? null)) differ(store.key, store.name, 'expires_after', original.expires_after, copy.expires_after);
    const sourceFiles = new Map((originalStoreFiles[index] ?? []).map((f) => [fileKey(f.id), f]));
    const copyFilesById = new Map((copyStoreFiles[index] ?? []).map((f) => [f.id, f]));
    const expectedCount = store.files.filter((f) => resolved.has(f.fileKey)).length;
    const completed = [...copyFilesById.values()].filter((f) => f.status === 'completed').length;
    if (completed !== expectedCount) differ(store.key, store.name, 'file_counts.completed', expectedCount, completed);
    for (const planned of store.files) {
      const copyId = resolved.get(planned.fileKey);
      if (!copyId) continue;
      const copyFile = copyFilesById.get(copyId);
      const sourceFile = sourceFiles.get(planned.fileKey);
      const label = `${store.name} / ${plan.files.find((f) => f.key === planned.fileKey)?.filename ?? planned.fileKey}`;
      if (!copyFile) {
        differ(store.key, label, 'attached', true, false);
        continue;
      }
      if (copyFile.status !== 'completed') differ(store.key, label, 'status', 'completed', copyFile.status);
      if (!isDeepStrictEqual(copyFile.attributes ?? null, sourceFile?.attributes ?? null)) differ(store.key, label, 'attributes', sourceFile?.attributes ?? null, copyFile.attributes ?? null);
      if (!sameChunking(sourceFile?.chunking_strategy, copyFile.chunking_strategy)) differ(store.key, label, 'chunking_strategy', sourceFile?.chunking_strategy, copyFile.chunking_strategy);
    }
  });

  for (const planned of assistants) {
    checked += 1;
    const original = originalAssistants.get(planned.sourceId);
    const copy = copyAssistants.get(resolved.get(planned.key)!);
    if (!original || !copy) {
      differ(planned.key, planned.name, 'exists', Boolean(original), Boolean(copy));
      continue;
    }
    for (const diff of diffAssistant(assistantBody(original, planned.model.destination).body, copy)) differ(planned.key, planned.name, diff.field, diff.source, diff.destination);
    const wantFiles = (original.tool_resources?.code_interpreter?.file_ids ?? []).map((f) => resolved.get(fileKey(f))).filter(Boolean).sort();
    const haveFiles = [...(copy.tool_resources?.code_interpreter?.file_ids ?? [])].sort();
    if (!isDeepStrictEqual(wantFiles, haveFiles)) differ(planned.key, planned.name, 'tool_resources.code_interpreter.file_ids', wantFiles, haveFiles);
    const wantStores = (original.tool_resources?.file_search?.vector_store_ids ?? []).map((s) => resolved.get(`vs:${s}`)).filter(Boolean).sort();
    const haveStores = [...(copy.tool_resources?.file_search?.vector_store_ids ?? [])].sort();
    if (!isDeepStrictEqual(wantStores, haveStores)) differ(planned.key, planned.name, 'tool_resources.file_search.vector_store_ids', wantStores, haveStores);
  }

  return { checkedAt: new Date().toISOString(), checked, differences, reconstructed, clean: differences.every((d) => d.expected) };
}

/** Up to this many objects are read one by one; more, and one list is cheaper. */
const RETRIEVE_AT_MOST = 20;

/** The objects with these ids, by id: retrieved one by one when few, else found in one listing. */
async function fetchAll<T extends { id: string }>(ids: string[], retrieve: (id: string) => Promise<T>, list: () => Promise<T[]>): Promise<Map<string, T>> {
  if (ids.length === 0) return new Map();
  if (ids.length <= RETRIEVE_AT_MOST) {
    const found = await Promise.all(ids.map((id) => retrieve(id).catch((): T | undefined => undefined)));
    const present = found.filter((item): item is Awaited<T> => item !== undefined) as T[];
    return new Map(present.map((item) => [item.id, item]));
  }
  const wanted = new Set(ids);
  return new Map((await list()).filter((item) => wanted.has(item.id)).map((item) => [item.id, item]));
}

function listedAssistants(listing: AssistantsListing): Assistant[] {
  return listing.served ? listing.assistants : [];
}
