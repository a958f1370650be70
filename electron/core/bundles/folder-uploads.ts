import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Bundle } from './bundle.ts';
import type { ByteRange } from './bundle-state.ts';
import { spoolPart } from './spooled-part.ts';
import { dropPartial, partialDir } from './bundle-leftovers.ts';
import type { ManifestFile } from './bundle-format.ts';
import { badRequest, json, jsonBody, notFound, type FolderRequest } from './folder-wire.ts';

interface PendingUpload {
  id: string;
  filename: string;
  purpose: string;
  bytes: number;
  parts: Map<string, ByteRange>;
  status: 'pending' | 'completed' | 'cancelled';
  file?: ManifestFile;
}

/**
 * /uploads for a folder: parts wait on disk in the bundle's partial folder (outside its content) and are
 * joined into the file on completion, one part in memory at a time.
 */
export class FolderUploads {
  readonly #bundle: Bundle;
  readonly #createdAt: number;
  readonly #pending = new Map<string, PendingUpload>();

  constructor(bundle: Bundle, createdAt: number) {
    this.#bundle = bundle;
    this.#createdAt = createdAt;
  }

  routes(renderFile: (file: ManifestFile) => unknown) {
    const render = (u: PendingUpload) => ({
      id: u.id,
      object: 'upload',
      bytes: u.bytes,
      created_at: this.#createdAt,
      filename: u.filename,
      purpose: u.purpose,
      status: u.status,
      expires_at: this.#createdAt + 3600,
      file: u.file ? renderFile(u.file) : null,
    });
    const upload = (id: string) => this.#pending.get(id) ?? fail(notFound(`upload '${id}'`));
    return [
      {
        method: 'POST',
        pattern: '/uploads',
        handler: async ({ request }: FolderRequest) => {
          const body = await jsonBody(request);
          if (typeof body.filename !== 'string' || typeof body.purpose !== 'string' || typeof body.bytes !== 'number') {
            throw badRequest("An upload needs 'filename', 'purpose' and 'bytes'.");
          }
          const created: PendingUpload = {
            id: `upload_${randomUUID().replace(/-/g, '')}`,
            filename: body.filename,
            purpose: body.purpose,
            bytes: body.bytes,
            parts: new Map(),
            status: 'pending',
          };
          this.#pending.set(created.id, created);
          return json(render(created));
        },
      },
      {
        method: 'POST',
        pattern: '/uploads/{id}/parts',
        handler: async ({ request, params }: FolderRequest) => {
          const u = upload(params.id!);
          const partId = `part_${randomUUID().replace(/-/g, '')}`;
          mkdirSync(join(partialDir(this.#bundle.root), u.id), { recursive: true });
          u.parts.set(partId, await spoolPart(request, join(partialDir(this.#bundle.root), u.id, partId)));
          return json({ id: partId, object: 'upload.part', created_at: this.#createdAt, upload_id: u.id });
        },
      },
      {
        method: 'POST',
        pattern: '/uploads/{id}/complete',
        handler: async ({ request, params }: FolderRequest) => {
          const u = upload(params.id!);
          const body = await jsonBody(request);
          const ids = Array.isArray(body.part_ids) ? (body.part_ids as string[]) : [];
          const paths = ids.map((id) => u.parts.get(id) ?? fail(badRequest(`No part '${id}' in this upload.`)));
          if (u.status === 'pending') {
            u.file = this.#bundle.addFileParts(u.filename, u.purpose, paths);
            u.status = 'completed';
            dropPartial(this.#bundle.root, u.id);
          }
          return json(render(u));
        },
      },
      {
        method: 'POST',
        pattern: '/uploads/{id}/cancel',
        handler: ({ params }: FolderRequest) => {
          const u = upload(params.id!);
          u.status = 'cancelled';
          dropPartial(this.#bundle.root, u.id);
          return json(render(u));
        },
      },
    ];
  }
}

function fail(error: Error): never {
  throw error;
}
