import { rm, stat } from 'node:fs/promises';
import type { Attributes, Chunking, UploadResult } from '../../../shared/contract/manage.ts';
import type { FerryEvent } from '../../../shared/events.ts';
import { FerryError } from '../errors.ts';
import type { FilePurpose } from '../openai/files-api.ts';
import type { OrgGateway } from '../openai/org-gateway.ts';
import { checkUploadSize } from './staging.ts';
import { toBatchFile } from './store-admin.ts';

export interface UploadRequest {
  uploadId: string;
  filename: string;
  purpose: FilePurpose;
  vectorStoreId?: string | undefined;
  attributes?: Attributes | undefined;
  chunking?: Chunking | undefined;
}

/**
 * Where an upload's bytes are: a staged copy Ferry owns (browser mode streamed it under the state folder)
 * and removes afterwards, or the admin's own file, granted by the desktop window and only ever read.
 */
export interface UploadSource {
  path: string;
  owned: boolean;
}

/**
 * Sends a file to the org (streamed from disk), then attaches it to a store if asked, reporting each step
 * as `upload.progress`. A staged copy is removed whatever happens. The store is looked up before the
 * upload, and a file whose attach fails anyway is deleted again, so a failed upload leaves nothing in the
 * org, or says by id what it left.
 */
export async function uploadFile(
  org: OrgGateway,
  source: UploadSource,
  upload: UploadRequest,
  emit: (event: FerryEvent) => void,
): Promise<UploadResult> {
  const { path } = source;
  let bytesTotal = 0;
  const report = (state: 'uploading' | 'attaching' | 'done' | 'failed', bytesSent: number, message?: string) =>
    emit({
      type: 'upload.progress',
      uploadId: upload.uploadId,
      connectionId: org.connectionId,
      filename: upload.filename,
      bytesSent,
      bytesTotal,
      state,
      ...(message ? { message } : {}),
    });
  try {
    org.assertWritable(`Uploading "${upload.filename}"`);
    const info = await stat(path).catch(() => {
      throw source.owned
        ? new FerryError('not_found', 'The staged upload is gone; upload the file again.', { field: 'stagedId' })
        : new FerryError(
            'not_found',
            `"${upload.filename}" cannot be read any more: it was moved or deleted since you picked it.`,
            { field: 'file' },
          );
    });
    bytesTotal = info.size;
    checkUploadSize(upload.filename, bytesTotal);
    if (upload.vectorStoreId) await org.vectorStores.retrieve(upload.vectorStoreId);
    report('uploading', 0);
    let last = 0;
    const progress = (sent: number) => {
      const now = Date.now();
      if (sent >= bytesTotal || now - last >= 100) {
        last = now;
        report('uploading', sent);
      }
    };
    const file = await org.files.uploadFromDisk(
      { path, filename: upload.filename, purpose: upload.purpose, bytes: bytesTotal },
      {
        // Reads from disk track the single-request body; parts above 64 MB report as each part lands.
        onRead: progress,
        onBytes: progress,
      },
    );
    let vectorStoreFile;
    if (upload.vectorStoreId) {
      report('attaching', bytesTotal);
      try {
        vectorStoreFile = await org.vectorStores.attachFile(
          upload.vectorStoreId,
          toBatchFile(file.id, upload.attributes, upload.chunking),
        );
      } catch (error) {
        throw await withoutOrphan(org, file.id, upload.filename, error);
      }
    }
    report('done', bytesTotal);
    return { file: file as never, ...(vectorStoreFile ? { vectorStoreFile: vectorStoreFile as never } : {}) };
  } catch (error) {
    report('failed', 0, error instanceof Error ? error.message : String(error));
    throw error;
  } finally {
    if (source.owned) await rm(path, { force: true });
  }
}

/** Deletes a file whose attach failed; the attach error is the one reported, saying what was left if the delete failed too. */
async function withoutOrphan(
  org: OrgGateway,
  fileId: string,
  filename: string,
  attachError: unknown,
): Promise<unknown> {
  const reason = attachError instanceof Error ? attachError.message : String(attachError);
  try {
    await org.files.delete(fileId);
    return attachError;
  } catch {
    return new FerryError(
      attachError instanceof FerryError ? attachError.code : 'upstream',
      `"${filename}" was uploaded but could not be added to the store (${reason}), and deleting it again failed: file ${fileId} is left in the org. Delete it from the Files tab, or add it to the store from there.`,
      { cause: attachError },
    );
  }
}
