import { blobStream, discardBlob } from '../blobs.ts';
import { UNDOWNLOADABLE_PURPOSES } from '../../../shared/file-purposes.ts';
import { ApiError, badRequest } from '../errors.ts';
import { nextSeq, newId, nowSeconds } from '../ids.ts';
import { ok } from '../http-io.ts';
import { receiveMultipart } from '../multipart.ts';
import { paginate } from '../pagination.ts';
import type { Route } from '../router.ts';
import type { FileRecord, TenantState } from '../types.ts';
import { renderFile } from '../views.ts';

/**
 * What POST /files accepts. The output purposes (`assistants_output`, `batch_output`, `fine-tune-results`)
 * are ones the API gives files it makes; they download fine, but no upload may claim them.
 */
export const filePurposes = ['assistants', 'batch', 'fine-tune', 'vision', 'user_data', 'evals'] as const;

/** The API's documented refusals, plus the ones this tenant adds (as the real API does at run time). */
export function downloadRefused(tenant: TenantState, purpose: string): boolean {
  return UNDOWNLOADABLE_PURPOSES.has(purpose) || tenant.refusedDownloadPurposes.has(purpose);
}

export function requireFile(tenant: TenantState, id: string, param = 'file_id'): FileRecord {
  const file = tenant.files.get(id);
  if (!file) throw new ApiError(404, `No such File object: ${id}`, { param });
  return file;
}

/** Deleting a file also detaches it from every vector store, as it stops being searchable upstream. */
export async function deleteFileRecord(tenant: TenantState, file: FileRecord): Promise<void> {
  tenant.files.delete(file.id);
  for (const store of tenant.vectorStores.values()) store.files.delete(file.id);
  await discardBlob(file.blob);
}

export function parseFileExpiry(anchor: unknown, seconds: unknown, createdAt: number): number | undefined {
  if (anchor === undefined && seconds === undefined) return undefined;
  if (anchor !== 'created_at')
    throw badRequest(
      'expires_after.anchor',
      "Invalid value for 'expires_after.anchor': expected 'created_at'.",
      'invalid_value',
    );
  const value = typeof seconds === 'string' ? Number(seconds) : seconds;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 3600 || value > 2_592_000) {
    throw badRequest(
      'expires_after.seconds',
      "Invalid 'expires_after.seconds': expected an integer between 3600 and 2592000.",
      'invalid_value',
    );
  }
  return createdAt + value;
}

export const fileRoutes: Route[] = [
  {
    method: 'POST',
    pattern: '/v1/files',
    scope: 'api.files.write',
    handler: async ({ tenant, request, store }) => {
      const blobPath = store.newBlobPath();
      const { fields, file } = await receiveMultipart(request, {
        fileField: 'file',
        maxBytes: store.maxFileBytes,
        blobPath,
      });
      const discard = () => (file ? discardBlob(file.blob) : Promise.resolve());
      if (!file) throw badRequest('file', "Missing required parameter: 'file'.", 'missing_required_parameter');
      const purpose = fields.purpose;
      if (purpose === undefined) {
        await discard();
        throw badRequest('purpose', "Missing required parameter: 'purpose'.", 'missing_required_parameter');
      }
      if (!(filePurposes as readonly string[]).includes(purpose)) {
        await discard();
        throw badRequest(
          'purpose',
          `Invalid value for 'purpose': '${purpose}'. Supported values are: ${filePurposes.map((p) => `'${p}'`).join(', ')}.`,
          'invalid_value',
        );
      }
      const createdAt = nowSeconds();
      let expiresAt: number | undefined;
      try {
        expiresAt = parseFileExpiry(fields['expires_after[anchor]'], fields['expires_after[seconds]'], createdAt);
      } catch (error) {
        await discard();
        throw error;
      }
      const record: FileRecord = {
        id: newId.file(),
        seq: nextSeq(),
        created_at: createdAt,
        filename: file.filename,
        purpose,
        bytes: file.bytes,
        blob: file.blob,
        ...(expiresAt === undefined ? {} : { expires_at: expiresAt }),
      };
      tenant.files.set(record.id, record);
      return ok(renderFile(record));
    },
  },
  {
    method: 'GET',
    pattern: '/v1/files',
    scope: 'api.files.read',
    handler: async ({ tenant, query }) => {
      const purpose = query.get('purpose');
      const files = [...tenant.files.values()].filter(
        (file) => purpose === null || purpose === '' || file.purpose === purpose,
      );
      return ok(paginate(files, query, { maxLimit: 10_000, defaultLimit: 10_000, allowBefore: false }, renderFile));
    },
  },
  {
    method: 'GET',
    pattern: '/v1/files/{file_id}',
    scope: 'api.files.read',
    handler: async ({ tenant, params }) => ok(renderFile(requireFile(tenant, params.file_id ?? ''))),
  },
  {
    method: 'DELETE',
    pattern: '/v1/files/{file_id}',
    scope: 'api.files.write',
    handler: async ({ tenant, params }) => {
      const file = requireFile(tenant, params.file_id ?? '');
      await deleteFileRecord(tenant, file);
      return ok({ id: file.id, object: 'file', deleted: true });
    },
  },
  {
    method: 'GET',
    pattern: '/v1/files/{file_id}/content',
    scope: 'api.files.read',
    handler: async ({ tenant, params }) => {
      const file = requireFile(tenant, params.file_id ?? '');
      // The real API names no parameter here (param null), unlike its validation errors.
      if (downloadRefused(tenant, file.purpose))
        throw new ApiError(400, `Not allowed to download files of purpose: ${file.purpose}`);
      return {
        status: 200,
        stream: blobStream(file.blob),
        contentType: 'application/octet-stream',
        length: file.bytes,
      };
    },
  },
];
