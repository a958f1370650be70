import { createHash } from 'node:crypto';
import { BlobSink, blobStream, discardBlob } from '../blobs.ts';
import { once } from 'node:events';
import { ApiError, badRequest } from '../errors.ts';
import { nextSeq, newId, nowSeconds } from '../ids.ts';
import { integerParam, ok, readJsonObject, rejectUnknown } from '../http-io.ts';
import { nudgeYoungGc } from '../memory.ts';
import { receiveMultipart } from '../multipart.ts';
import type { Route } from '../router.ts';
import type { FileRecord, TenantState, UploadRecord } from '../types.ts';
import { limits, parseStringArray } from '../validation.ts';
import { renderUpload } from '../views.ts';
import { parseFileExpiry } from './files.ts';

/** The spec's CreateUploadRequest.purpose: no `user_data`, no `evals` (those go through POST /files). */
const uploadPurposes = ['assistants', 'batch', 'fine-tune', 'vision'];

function requireUpload(tenant: TenantState, id: string): UploadRecord {
  const upload = tenant.uploads.get(id);
  if (!upload) throw new ApiError(404, `No such Upload object: ${id}`, { param: 'upload_id' });
  // Uploads expire an hour after creation; the status says so from then on.
  if (upload.status === 'pending' && upload.expires_at * 1000 < Date.now()) upload.status = 'expired';
  return upload;
}

function requirePending(upload: UploadRecord): void {
  if (upload.status !== 'pending') {
    throw badRequest(
      'upload_id',
      `Upload ${upload.id} is ${upload.status}; only pending uploads accept this operation.`,
      'invalid_upload_status',
    );
  }
}

async function discardParts(upload: UploadRecord): Promise<void> {
  await Promise.all([...upload.parts.values()].map((part) => discardBlob(part.blob)));
  upload.parts.clear();
}

/** /uploads: large files in parts of at most 64 MB, assembled on complete with an optional md5 check. */
export const uploadRoutes: Route[] = [
  {
    method: 'POST',
    pattern: '/v1/uploads',
    scope: 'api.files.write',
    handler: async ({ tenant, request }) => {
      const body = await readJsonObject(request);
      rejectUnknown(body, ['filename', 'purpose', 'bytes', 'mime_type', 'expires_after']);
      for (const name of ['filename', 'purpose', 'bytes', 'mime_type']) {
        if (body[name] === undefined)
          throw badRequest(name, `Missing required parameter: '${name}'.`, 'missing_required_parameter');
      }
      if (typeof body.filename !== 'string' || body.filename === '')
        throw badRequest('filename', "Invalid 'filename': expected a non-empty string.", 'invalid_type');
      if (typeof body.mime_type !== 'string')
        throw badRequest('mime_type', "Invalid type for 'mime_type': expected a string.", 'invalid_type');
      if (typeof body.purpose !== 'string' || !uploadPurposes.includes(body.purpose)) {
        throw badRequest(
          'purpose',
          `Invalid value for 'purpose': ${JSON.stringify(body.purpose)}. Supported values are: ${uploadPurposes.map((p) => `'${p}'`).join(', ')}.`,
          'invalid_value',
        );
      }
      const bytes = integerParam(body.bytes, 'bytes', 1, limits.uploadBytes);
      const createdAt = nowSeconds();
      const expiresAfter = body.expires_after as { anchor?: unknown; seconds?: unknown } | undefined;
      // The upload itself expires after an hour; expires_after applies to the File it produces.
      parseFileExpiry(expiresAfter?.anchor, expiresAfter?.seconds, createdAt);
      const upload: UploadRecord = {
        id: newId.upload(),
        created_at: createdAt,
        expires_at: createdAt + 3600,
        filename: body.filename,
        purpose: body.purpose,
        bytes,
        mime_type: body.mime_type,
        status: 'pending',
        parts: new Map(),
        fileId: null,
      };
      tenant.uploads.set(upload.id, upload);
      return ok(renderUpload(tenant, upload));
    },
  },
  {
    method: 'POST',
    pattern: '/v1/uploads/{upload_id}/parts',
    scope: 'api.files.write',
    handler: async ({ tenant, params, request, store }) => {
      const upload = requireUpload(tenant, params.upload_id ?? '');
      requirePending(upload);
      const blobPath = store.newBlobPath();
      const { file } = await receiveMultipart(request, { fileField: 'data', maxBytes: limits.partBytes, blobPath });
      if (!file) throw badRequest('data', "Missing required parameter: 'data'.", 'missing_required_parameter');
      if (upload.status !== 'pending') {
        // Cancelled while this part was streaming in.
        await discardBlob(file.blob);
        requirePending(upload);
      }
      const part = {
        id: newId.part(),
        created_at: nowSeconds(),
        upload_id: upload.id,
        bytes: file.bytes,
        blob: file.blob,
      };
      upload.parts.set(part.id, part);
      return ok({ id: part.id, object: 'upload.part', created_at: part.created_at, upload_id: upload.id });
    },
  },
  {
    method: 'POST',
    pattern: '/v1/uploads/{upload_id}/complete',
    scope: 'api.files.write',
    handler: async ({ tenant, params, request, store }) => {
      const upload = requireUpload(tenant, params.upload_id ?? '');
      const body = await readJsonObject(request);
      rejectUnknown(body, ['part_ids', 'md5']);
      requirePending(upload);
      if (body.part_ids === undefined)
        throw badRequest('part_ids', "Missing required parameter: 'part_ids'.", 'missing_required_parameter');
      const partIds = parseStringArray(body.part_ids, 'part_ids', 100_000, 'a part id');
      const parts = partIds.map((id, index) => {
        const part = upload.parts.get(id);
        if (!part)
          throw badRequest(
            `part_ids[${index}]`,
            `Invalid 'part_ids[${index}]': part '${id}' does not belong to upload ${upload.id}.`,
            'invalid_value',
          );
        return part;
      });
      if (new Set(partIds).size !== partIds.length)
        throw badRequest('part_ids', "Invalid 'part_ids': a part is listed more than once.", 'invalid_value');
      const total = parts.reduce((sum, part) => sum + part.bytes, 0);
      if (total !== upload.bytes) {
        throw badRequest(
          'part_ids',
          `The number of bytes uploaded (${total}) does not match the number of bytes specified when the upload was created (${upload.bytes}).`,
          'invalid_value',
        );
      }
      if (body.md5 !== undefined && typeof body.md5 !== 'string')
        throw badRequest('md5', "Invalid type for 'md5': expected a string.", 'invalid_type');
      // Assemble by streaming part after part, hashing on the way; never a large file whole in memory.
      const blobPath = store.newBlobPath();
      const hash = createHash('md5');
      const out = new BlobSink(blobPath);
      let sinceGc = 0;
      for (const part of parts) {
        for await (const chunk of blobStream(part.blob) as AsyncIterable<Buffer>) {
          hash.update(chunk);
          if (!out.write(chunk)) await once(out, 'drain');
          sinceGc += chunk.length;
          if (sinceGc >= 8 * 1024 * 1024) {
            sinceGc = 0;
            nudgeYoungGc();
          }
        }
      }
      out.end();
      await once(out, 'finish');
      const digest = hash.digest('hex');
      if (body.md5 !== undefined && body.md5.toLowerCase() !== digest) {
        await discardBlob(out.blob);
        throw badRequest(
          'md5',
          `The md5 checksum provided (${body.md5}) does not match the checksum of the uploaded bytes (${digest}).`,
          'invalid_value',
        );
      }
      const file: FileRecord = {
        id: newId.file(),
        seq: nextSeq(),
        created_at: nowSeconds(),
        filename: upload.filename,
        purpose: upload.purpose,
        bytes: total,
        blob: out.blob,
      };
      tenant.files.set(file.id, file);
      upload.status = 'completed';
      upload.fileId = file.id;
      await discardParts(upload);
      return ok(renderUpload(tenant, upload));
    },
  },
  {
    method: 'POST',
    pattern: '/v1/uploads/{upload_id}/cancel',
    scope: 'api.files.write',
    handler: async ({ tenant, params }) => {
      const upload = requireUpload(tenant, params.upload_id ?? '');
      requirePending(upload);
      upload.status = 'cancelled';
      await discardParts(upload);
      return ok(renderUpload(tenant, upload));
    },
  },
];
