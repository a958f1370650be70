import { isDeepStrictEqual } from 'node:util';
import type { ClonePlan, PlanVectorStore } from '../../../shared/clone.ts';
import type { VerifiedFile, VerifyDifference, VerifyReport } from '../../../shared/jobs.ts';
import type { VectorStoreFile } from '../openai/vector-stores-api.ts';
import { inPool } from '../pool.ts';
import { ParsedDigests, type KnownDigests } from './parsed-digests.ts';
import { checkContent, type ContentCheck, type StorePair } from './verify-content.ts';
import type { Assistant, AssistantsListing } from '../openai/assistants-api.ts';
import type { OrgGateway } from '../openai/org-gateway.ts';
import { assistantBody, diffAssistant } from './assistant-fields.ts';
import { sameChunking } from './chunking.ts';
import { fileKey } from './planner.ts';
import { verifyAgents } from './verify-agents.ts';
import type { PlanListings } from './planner-listings.ts';

/** Checks a file's content beyond name and size (verify-content.ts); a verify may be told not to. */
export interface VerifyOptions {
  /** The sha256 of the bytes Ferry sent, by plan key (from the journal's intents, or the id map). */
  sentHashes?: Map<string, string>;
  signal?: AbortSignal | undefined;
  /** Hashes of bytes a job uploaded and saw answered, by plan key (ExecutionContext.answered). */
  answered?: Map<string, string>;
  /** Parsed-text digests a job read while it ran (see parsed-digests.ts). */
  digests?: ParsedDigests;
  /** Without `digests`: the parsed-text digests earlier runs read, kept in the state folder. */
  known?: KnownDigests;
  /**
   * Destination stores' file lists made after the job's last write to each (by store id): taken instead of
   * listing again. A store not in it is listed.
   */
  storeListings?: Map<string, VectorStoreFile[]>;
  /**
   * Both sides as a plan listed them, for a run that wrote nothing since (planner-listings.ts): taken
   * instead of listing again, and the report is dated when they were listed.
   */
  listed?: PlanListings | undefined;
  /** Source stores' file lists read while the job ran (by source store id); undefined: list now. */
  sourceStoreListings?: Map<string, Promise<VectorStoreFile[] | undefined>>;
}

/** Content checks in flight at once: parsed-text reads are small, downloads stream through a hash. */
const CONTENT_CHECKS_AT_ONCE = 48;

/**
 * Compares what a job was planned to make with its source, field by field: assistants' cloned fields and
 * where their tool resources point, stores' names, metadata, expiry, the files attached to each (against
 * the plan) with their attributes, chunking and status, and each file by content, by the strongest means
 * the two sides allow (and the report says which). Every object the plan promised is checked, whether or
 * not the journal says it exists: a promised object that is missing is a difference. Ids differ by nature
 * and are not reported; reconstructed files differ by nature too, and are reported as expected.
 */
export async function verifyClone(
  plan: ClonePlan,
  given: Map<string, string>,
  source: OrgGateway,
  destination: OrgGateway,
  options: VerifyOptions | AbortSignal = {},
): Promise<VerifyReport> {
  const {
    sentHashes = new Map<string, string>(),
    answered = new Map<string, string>(),
    signal,
    known,
    digests = new ParsedDigests(known),
    storeListings = new Map<string, VectorStoreFile[]>(),
    listed,
    sourceStoreListings = new Map<string, Promise<VectorStoreFile[] | undefined>>(),
  } = options instanceof AbortSignal ? { signal: options } : options;
  const differences: VerifyDifference[] = [];
  const reconstructed: VerifyReport['reconstructed'] = [];
  const verifiedFiles: VerifiedFile[] = [];
  let checked = 0;
  const differ = (key: string, label: string, field: string, src: unknown, dst: unknown, expected = false) =>
    differences.push({ key, label, field, source: src, destination: dst, expected });

  // What the plan promised: created or reused files and stores, created or updated assistants.
  const promisedFiles = plan.files.filter((f) => f.action === 'create' || f.action === 'reuse');
  const promisedStores = plan.vectorStores.filter((s) => s.action === 'create' || s.action === 'reuse');
  // An assistant the plan found up to date is its clone too: the plan compared it, the verify says whether
  // it still matches (a re-run of an unchanged clone writes nothing, and checks everything all the same).
  const promisedAssistants = plan.assistants.filter(
    (a) => a.action === 'create' || a.action === 'update' || (a.upToDate === true && a.destinationId),
  );
  const resolved = new Map(given);
  for (const a of promisedAssistants) if (a.upToDate && !resolved.has(a.key)) resolved.set(a.key, a.destinationId!);
  for (const item of [
    ...promisedFiles.map((f) => ({ key: f.key, label: f.filename })),
    ...promisedStores.map((s) => ({ key: s.key, label: s.name })),
    ...promisedAssistants.map((a) => ({ key: a.key, label: a.name })),
  ]) {
    if (resolved.has(item.key)) continue;
    checked += 1;
    differ(item.key, item.label, 'exists', true, false);
  }
  for (const file of promisedFiles)
    if (!resolved.has(file.key))
      verifiedFiles.push({
        key: file.key,
        filename: file.filename,
        method: file.lossy ? 'reconstructed' : 'name-size',
        match: false,
      });
  const files = promisedFiles.filter((f) => resolved.has(f.key));
  const stores = promisedStores.filter((s) => resolved.has(s.key));
  const assistants = promisedAssistants.filter((a) => resolved.has(a.key));
  // Everything is read up front in one parallel round: verify costs a round trip or two, not one per object.
  const [
    copyFiles,
    originalStores,
    copyStores,
    originalAssistants,
    copyAssistants,
    originalStoreFiles,
    copyStoreFiles,
  ] = await Promise.all([
    fetchAll(
      files.map((f) => resolved.get(f.key)!),
      (id) => destination.files.retrieve(id, signal),
      () => destination.files.list({ ...(signal ? { signal } : {}) }),
      listed && [...listed.destination.files.values()],
    ),
    fetchAll(
      stores.map((s) => s.sourceId),
      (id) => source.vectorStores.retrieve(id, signal),
      () => source.vectorStores.list(signal),
      listed?.source.vectorStores,
    ),
    fetchAll(
      stores.map((s) => resolved.get(s.key)!),
      (id) => destination.vectorStores.retrieve(id, signal),
      () => destination.vectorStores.list(signal),
      listed?.destination.vectorStores,
    ),
    fetchAll(
      assistants.map((a) => a.sourceId),
      (id) => source.assistants.retrieve(id, signal),
      async () => listedAssistants(await source.assistants.list(signal)),
      listed?.source.assistants,
    ),
    fetchAll(
      assistants.map((a) => resolved.get(a.key)!),
      (id) => destination.assistants.retrieve(id, signal),
      async () => listedAssistants(await destination.assistants.list(signal)),
      listed?.destination.assistants,
    ),
    Promise.all(
      stores.map(
        async (s) =>
          listed?.source.storeFiles.get(s.sourceId) ??
          (await sourceStoreListings.get(s.sourceId)) ??
          source.vectorStores.listFiles(s.sourceId, signal),
      ),
    ),
    Promise.all(
      stores.map((s) => {
        const id = resolved.get(s.key)!;
        return storeListings.get(id) ?? destination.vectorStores.listFiles(id, signal);
      }),
    ),
  ]);

  const pairs = storePairs(stores, resolved, originalStoreFiles, copyStoreFiles);
  const contentChecks: ContentCheck[] = [];
  for (const file of files) {
    const copy = copyFiles.get(resolved.get(file.key)!);
    checked += 1;
    if (!copy) {
      differ(file.key, file.filename, 'exists', true, false);
      verifiedFiles.push({
        key: file.key,
        filename: file.filename,
        method: file.lossy ? 'reconstructed' : 'name-size',
        match: false,
      });
      continue;
    }
    if (file.lossy) {
      reconstructed.push({ key: file.key, filename: file.filename });
      verifiedFiles.push({ key: file.key, filename: file.filename, method: 'reconstructed', match: true });
      if (copy.bytes !== file.bytes)
        differ(file.key, file.filename, 'bytes (reconstructed from parsed text)', file.bytes, copy.bytes, true);
      if (copy.filename !== file.filename)
        differ(
          file.key,
          file.filename,
          'filename (reconstructed from parsed text)',
          file.filename,
          copy.filename,
          true,
        );
      continue;
    }
    if (copy.filename !== file.filename) differ(file.key, file.filename, 'filename', file.filename, copy.filename);
    if (copy.bytes !== file.bytes) differ(file.key, file.filename, 'bytes', file.bytes, copy.bytes);
    contentChecks.push({
      file,
      copy,
      sentHash: sentHashes.get(file.key),
      answeredHash: answered.get(file.key),
      store: pairs.get(file.key),
    });
  }
  await inPool(contentChecks, CONTENT_CHECKS_AT_ONCE, async (check) => {
    const outcome = await checkContent(check, source, destination, digests, signal);
    const { file } = check;
    verifiedFiles.push({ key: file.key, filename: file.filename, method: outcome.method, match: outcome.match });
    if (!outcome.match && outcome.method !== 'name-size')
      differ(file.key, file.filename, `content (${outcome.method})`, outcome.source, outcome.destination);
  });

  const fileNames = new Map(plan.files.map((f) => [f.key, f.filename]));
  stores.forEach((store, index) => {
    checked += 1;
    const original = originalStores.get(store.sourceId);
    const copy = copyStores.get(resolved.get(store.key)!);
    if (!original || !copy) return differ(store.key, store.name, 'exists', Boolean(original), Boolean(copy));
    if (copy.name !== original.name) differ(store.key, store.name, 'name', original.name, copy.name);
    if (!isDeepStrictEqual(copy.metadata ?? {}, store.metadata))
      differ(store.key, store.name, 'metadata', store.metadata, copy.metadata);
    if (!isDeepStrictEqual(copy.expires_after ?? null, original.expires_after ?? null))
      differ(store.key, store.name, 'expires_after', original.expires_after, copy.expires_after);
    const sourceFiles = new Map((originalStoreFiles[index] ?? []).map((f) => [fileKey(f.id), f]));
    const copyFilesById = new Map((copyStoreFiles[index] ?? []).map((f) => [f.id, f]));
    // Every file the plan wants in the store counts, copied or not: a store short of files is not a clone.
    const expectedCount = store.files.length;
    const completed = [...copyFilesById.values()].filter((f) => f.status === 'completed').length;
    if (completed !== expectedCount) differ(store.key, store.name, 'file_counts.completed', expectedCount, completed);
    for (const planned of store.files) {
      const copyId = resolved.get(planned.fileKey);
      const copyFile = copyId ? copyFilesById.get(copyId) : undefined;
      const sourceFile = sourceFiles.get(planned.fileKey);
      const label = `${store.name} / ${fileNames.get(planned.fileKey) ?? planned.fileKey}`;
      if (!copyFile) {
        differ(store.key, label, 'attached', true, false);
        continue;
      }
      if (copyFile.status !== 'completed') differ(store.key, label, 'status', 'completed', copyFile.status);
      if (!isDeepStrictEqual(copyFile.attributes ?? null, sourceFile?.attributes ?? null))
        differ(store.key, label, 'attributes', sourceFile?.attributes ?? null, copyFile.attributes ?? null);
      if (!sameChunking(sourceFile?.chunking_strategy, copyFile.chunking_strategy))
        differ(store.key, label, 'chunking_strategy', sourceFile?.chunking_strategy, copyFile.chunking_strategy);
    }
    // And nothing the plan does not put there (a file attached twice over, or by another hand).
    const plannedIds = new Set(store.files.map((f) => resolved.get(f.fileKey)).filter(Boolean));
    for (const extra of copyFilesById.keys())
      if (!plannedIds.has(extra)) differ(store.key, `${store.name} / ${extra}`, 'attached', false, true);
  });

  for (const planned of assistants) {
    checked += 1;
    const original = originalAssistants.get(planned.sourceId);
    const copy = copyAssistants.get(resolved.get(planned.key)!);
    if (!original || !copy) {
      differ(planned.key, planned.name, 'exists', Boolean(original), Boolean(copy));
      continue;
    }
    for (const diff of diffAssistant(assistantBody(original, planned.model.destination).body, copy))
      differ(planned.key, planned.name, diff.field, diff.source, diff.destination);
    const wantFiles = (original.tool_resources?.code_interpreter?.file_ids ?? [])
      .map((f) => resolved.get(fileKey(f)))
      .filter(Boolean)
      .sort();
    const haveFiles = [...(copy.tool_resources?.code_interpreter?.file_ids ?? [])].sort();
    if (!isDeepStrictEqual(wantFiles, haveFiles))
      differ(planned.key, planned.name, 'tool_resources.code_interpreter.file_ids', wantFiles, haveFiles);
    const wantStores = (original.tool_resources?.file_search?.vector_store_ids ?? [])
      .map((s) => resolved.get(`vs:${s}`))
      .filter(Boolean)
      .sort();
    const haveStores = [...(copy.tool_resources?.file_search?.vector_store_ids ?? [])].sort();
    if (!isDeepStrictEqual(wantStores, haveStores))
      differ(planned.key, planned.name, 'tool_resources.file_search.vector_store_ids', wantStores, haveStores);
  }

  checked += await verifyAgents(plan, resolved, source, destination, differ, signal);

  verifiedFiles.sort((a, b) => a.key.localeCompare(b.key));
  const methods: Record<string, number> = {};
  for (const f of verifiedFiles) methods[f.method] = (methods[f.method] ?? 0) + 1;
  return {
    checkedAt: new Date(listed?.listedAt ?? Date.now()).toISOString(),
    checked,
    differences,
    reconstructed,
    clean: differences.every((d) => d.expected),
    files: verifiedFiles,
    methods,
  };
}

/** For each planned file, a planned store that holds it indexed on both sides (for parsed text). */
function storePairs(
  stores: PlanVectorStore[],
  resolved: Map<string, string>,
  sourceLists: VectorStoreFile[][],
  copyLists: VectorStoreFile[][],
): Map<string, StorePair> {
  const pairs = new Map<string, StorePair>();
  stores.forEach((store, index) => {
    const sourceDone = new Set(
      (sourceLists[index] ?? []).filter((f) => f.status === 'completed').map((f) => fileKey(f.id)),
    );
    const copyDone = new Set((copyLists[index] ?? []).filter((f) => f.status === 'completed').map((f) => f.id));
    const copyStoreId = resolved.get(store.key)!;
    for (const planned of store.files) {
      const copyId = resolved.get(planned.fileKey);
      if (pairs.has(planned.fileKey) || !copyId || !sourceDone.has(planned.fileKey) || !copyDone.has(copyId)) continue;
      pairs.set(planned.fileKey, { sourceStoreId: store.sourceId, copyStoreId });
    }
  });
  return pairs;
}

/** Up to this many objects are read one by one; more, and one list is cheaper. */
const RETRIEVE_AT_MOST = 20;

/**
 * The objects with these ids, by id: found in `listed` (what the plan listed) when given, else retrieved
 * one by one when few, else found in one listing.
 */
async function fetchAll<T extends { id: string }>(
  ids: string[],
  retrieve: (id: string) => Promise<T>,
  list: () => Promise<T[]>,
  listed?: T[] | undefined,
): Promise<Map<string, T>> {
  if (ids.length === 0) return new Map();
  if (listed) {
    const wanted = new Set(ids);
    return new Map(listed.filter((item) => wanted.has(item.id)).map((item) => [item.id, item]));
  }
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
