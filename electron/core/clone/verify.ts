import { isDeepStrictEqual } from 'node:util';
import type { ClonePlan } from '../../../shared/clone.ts';
import type { VerifyDifference, VerifyReport } from '../../../shared/jobs.ts';
import type { OrgGateway } from '../openai/org-gateway.ts';
import { assistantBody, diffAssistant } from './assistant-fields.ts';
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

  for (const file of plan.files) {
    const id = resolved.get(file.key);
    if (!id) continue;
    checked += 1;
    const copy = await destination.files.retrieve(id, signal);
    if (file.lossy) {
      reconstructed.push({ key: file.key, filename: file.filename });
      if (copy.bytes !== file.bytes) differ(file.key, file.filename, 'bytes (reconstructed from parsed text)', file.bytes, copy.bytes, true);
      if (copy.filename !== file.filename) differ(file.key, file.filename, 'filename (reconstructed from parsed text)', file.filename, copy.filename, true);
      continue;
    }
    if (copy.filename !== file.filename) differ(file.key, file.filename, 'filename', file.filename, copy.filename);
    if (copy.bytes !== file.bytes) differ(file.key, file.filename, 'bytes', file.bytes, copy.bytes);
  }

  for (const store of plan.vectorStores) {
    const id = resolved.get(store.key);
    if (!id) continue;
    checked += 1;
    const [original, copy] = await Promise.all([source.vectorStores.retrieve(store.sourceId, signal), destination.vectorStores.retrieve(id, signal)]);
    if (copy.name !== original.name) differ(store.key, store.name, 'name', original.name, copy.name);
    if (!isDeepStrictEqual(copy.metadata ?? {}, store.metadata)) differ(store.key, store.name, 'metadata', store.metadata, copy.metadata);
    if (!isDeepStrictEqual(copy.expires_after ?? null, original.expires_after ?? null)) differ(store.key, store.name, 'expires_after', original.expires_after, copy.expires_after);
    const sourceFiles = new Map((await source.vectorStores.listFiles(store.sourceId, signal)).map((f) => [fileKey(f.id), f]));
    const copyFiles = new Map((await destination.vectorStores.listFiles(id, signal)).map((f) => [f.id, f]));
    const expectedCount = store.files.filter((f) => resolved.has(f.fileKey)).length;
    const completed = [...copyFiles.values()].filter((f) => f.status === 'completed').length;
    if (completed !== expectedCount) differ(store.key, store.name, 'file_counts.completed', expectedCount, completed);
    for (const planned of store.files) {
      const copyId = resolved.get(planned.fileKey);
      if (!copyId) continue;
      const copyFile = copyFiles.get(copyId);
      const sourceFile = sourceFiles.get(planned.fileKey);
      const label = `${store.name} / ${plan.files.find((f) => f.key === planned.fileKey)?.filename ?? planned.fileKey}`;
      if (!copyFile) {
        differ(store.key, label, 'attached', true, false);
        continue;
      }
      if (copyFile.status !== 'completed') differ(store.key, label, 'status', 'completed', copyFile.status);
      if (!isDeepStrictEqual(copyFile.attributes ?? null, sourceFile?.attributes ?? null)) differ(store.key, label, 'attributes', sourceFile?.attributes ?? null, copyFile.attributes ?? null);
      if (!isDeepStrictEqual(copyFile.chunking_strategy ?? null, sourceFile?.chunking_strategy ?? null)) differ(store.key, label, 'chunking_strategy', sourceFile?.chunking_strategy, copyFile.chunking_strategy);
    }
  }

  for (const planned of plan.assistants) {
    const id = resolved.get(planned.key);
    if (!id) continue;
    checked += 1;
    const [original, copy] = await Promise.all([source.assistants.retrieve(planned.sourceId, signal), destination.assistants.retrieve(id, signal)]);
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
