import type { manageApi } from '../../../shared/contract/manage.ts';
import type { AreaHandlers } from '../dispatch.ts';
import { deleteFiles, deleteVectorStores } from '../manage/delete-many.ts';
import { findUnusedFiles } from '../manage/unused-files.ts';
import { filesUsage, storesUsage } from '../manage/usage.ts';
import { retryStoreFile, searchStore, toBatchFile, toChunkingStrategy, toExpiresAfter } from '../manage/store-admin.ts';
import { stagedPath } from '../manage/staging.ts';
import { uploadFile, type UploadSource } from '../manage/uploads.ts';
import type { CoreServices } from '../services.ts';

/** Managing vector stores and files point and click: every write through the gateway (scheduled, read-only guarded). */
export function manageHandlers({
  gateways,
  stateDir,
  events,
  localFiles,
}: CoreServices): AreaHandlers<typeof manageApi> {
  const org = (id: string) => gateways.get(id);
  return {
    'vectorStores.create': async ({ connectionId, name, expiresAfterDays, metadata, fileIds, chunking }) => {
      const expires = toExpiresAfter(expiresAfterDays);
      const strategy = fileIds && fileIds.length > 0 ? toChunkingStrategy(chunking) : undefined;
      return (await org(connectionId)).vectorStores.create({
        name,
        ...(metadata ? { metadata } : {}),
        ...(expires ? { expires_after: expires } : {}),
        ...(fileIds && fileIds.length > 0 ? { file_ids: fileIds } : {}),
        ...(strategy ? { chunking_strategy: strategy } : {}),
      }) as never;
    },
    'vectorStores.update': async ({ connectionId, vectorStoreId, name, metadata, expiresAfterDays }) => {
      const expires = toExpiresAfter(expiresAfterDays);
      return (await org(connectionId)).vectorStores.update(vectorStoreId, {
        ...(name !== undefined ? { name } : {}),
        ...(metadata !== undefined ? { metadata } : {}),
        ...(expires !== undefined ? { expires_after: expires } : {}),
      }) as never;
    },
    'vectorStores.delete': async ({ connectionId, vectorStoreId }) => ({
      deleted: await (await org(connectionId)).vectorStores.delete(vectorStoreId),
    }),
    'vectorStores.deleteMany': async ({ connectionId, vectorStoreIds }) =>
      deleteVectorStores(await org(connectionId), vectorStoreIds),
    'vectorStores.addFiles': async ({ connectionId, vectorStoreId, files }) => {
      const batch = await (
        await org(connectionId)
      ).vectorStores.createBatch(
        vectorStoreId,
        files.map((f) => toBatchFile(f.fileId, f.attributes, f.chunking)),
      );
      return { batchId: batch.id, status: batch.status };
    },
    'vectorStores.removeFile': async ({ connectionId, vectorStoreId, fileId }) => ({
      removed: await (await org(connectionId)).vectorStores.removeFile(vectorStoreId, fileId),
    }),
    'vectorStores.updateFileAttributes': async ({ connectionId, vectorStoreId, fileId, attributes }) =>
      (await org(connectionId)).vectorStores.updateFileAttributes(vectorStoreId, fileId, attributes) as never,
    'vectorStores.retryFile': async ({ connectionId, vectorStoreId, fileId }) =>
      retryStoreFile(await org(connectionId), vectorStoreId, fileId) as never,
    'vectorStores.search': async ({ connectionId, vectorStoreId, query, filters, maxResults }) =>
      searchStore(await org(connectionId), vectorStoreId, query, filters, maxResults),
    'files.usedBy': async ({ connectionId, fileIds }) => filesUsage(await org(connectionId), fileIds),
    'vectorStores.usedBy': async ({ connectionId, vectorStoreIds }) =>
      storesUsage(await org(connectionId), vectorStoreIds),
    'files.delete': async ({ connectionId, fileId }) => ({
      deleted: await (await org(connectionId)).files.delete(fileId),
    }),
    'files.deleteMany': async ({ connectionId, fileIds }) => deleteFiles(await org(connectionId), fileIds),
    'files.unused': async ({ connectionId, ignoreAssistants, purposes, olderThanDays }) =>
      findUnusedFiles(await org(connectionId), ignoreAssistants, undefined, {
        ...(purposes ? { purposes } : {}),
        ...(olderThanDays !== undefined ? { olderThanDays } : {}),
      }) as never,
    'files.upload': async ({ connectionId, stagedId, grantId, ...upload }) => {
      // The contract lets exactly one through: bytes browser mode staged, or a file the desktop window granted.
      const source: UploadSource =
        grantId !== undefined
          ? { path: localFiles.take(grantId), owned: false }
          : { path: stagedPath(stateDir, stagedId ?? ''), owned: true };
      return uploadFile(await org(connectionId), source, upload, (event) => events.emit(event));
    },
  };
}
