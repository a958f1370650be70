import { toFile, type APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import type { SeedObject } from 'ferry-sandbox';
import { useSandbox } from './harness.ts';

const seed: SeedObject = {
  tenants: [
    {
      name: 'Edge',
      organization: 'org-edge000000000000000000',
      project: 'proj_edge000000000000000000',
      models: ['gpt-4o-mini'],
      files: [{ ref: 'old', filename: 'old.md', purpose: 'assistants', content: 'old notes', ageDays: 40 }],
      vectorStores: [
        { ref: 'expired', name: 'Expired', expiresAfterDays: 7, ageDays: 30, files: [{ file: 'old' }] },
        { ref: 'frozen', name: 'Frozen', ageDays: 1, files: [{ file: 'old', stuck: true }] },
      ],
    },
  ],
};

const h = useSandbox({ seed, maxFileBytes: 64 * 1024 });

function multipart(
  boundary: string,
  parts: { name: string; filename?: string; value: string | Buffer }[],
): Uint8Array<ArrayBuffer> {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename === undefined ? '' : `; filename="${part.filename}"`}`;
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${part.filename === undefined ? '' : 'Content-Type: application/octet-stream\r\n'}\r\n`,
      ),
    );
    chunks.push(Buffer.isBuffer(part.value) ? part.value : Buffer.from(part.value));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return new Uint8Array(Buffer.concat(chunks));
}

describe('edge cases', () => {
  it('accepts the file part before the purpose field, keeps UTF-8 filenames and applies expires_after', async () => {
    const boundary = 'b0undary';
    const body = multipart(boundary, [
      { name: 'file', filename: 'résumé notes.md', value: '# Résumé' },
      { name: 'purpose', value: 'assistants' },
      { name: 'expires_after[anchor]', value: 'created_at' },
      { name: 'expires_after[seconds]', value: '3600' },
    ]);
    const response = await h.raw('Edge', '/files', {
      method: 'POST',
      body,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    const file = await response.json();
    expect(response.status).toBe(200);
    expect(file).toMatchObject({
      filename: 'résumé notes.md',
      purpose: 'assistants',
      bytes: Buffer.byteLength('# Résumé'),
    });
    expect(file.expires_at).toBe(file.created_at + 3600);
    const badExpiry = multipart(boundary, [
      { name: 'purpose', value: 'assistants' },
      { name: 'expires_after[anchor]', value: 'created_at' },
      { name: 'expires_after[seconds]', value: '60' },
      { name: 'file', filename: 'a.txt', value: 'a' },
    ]);
    const rejected = await h.raw('Edge', '/files', {
      method: 'POST',
      body: badExpiry,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect((await rejected.json()).error.param).toBe('expires_after.seconds');
  });

  it('answers 413 past the size limit and stores nothing', async () => {
    const before = h.sandbox.control.objects('Edge').files.length;
    const error = await h
      .client('Edge')
      .files.create({ file: await toFile(Buffer.alloc(64 * 1024 + 1), 'big.txt'), purpose: 'batch' })
      .catch((e: unknown) => e);
    expect((error as APIError).status).toBe(413);
    expect((error as APIError).param).toBe('file');
    expect(h.sandbox.control.objects('Edge').files.length).toBe(before);
    const exact = await h
      .client('Edge')
      .files.create({ file: await toFile(Buffer.alloc(64 * 1024), 'fits.txt'), purpose: 'batch' });
    expect(exact.bytes).toBe(64 * 1024);
  });

  it('reports expired stores and seeded stuck files', async () => {
    const stores = (await h.client('Edge').vectorStores.list()).data;
    const expired = stores.find((s) => s.name === 'Expired')!;
    expect(expired.status).toBe('expired');
    expect(expired.expires_at).toBeLessThan(Date.now() / 1000);
    const frozen = stores.find((s) => s.name === 'Frozen')!;
    expect(frozen).toMatchObject({ status: 'in_progress', file_counts: { in_progress: 1, total: 1 } });
  });

  it('rejects malformed JSON and non-object bodies', async () => {
    const broken = await h.raw('Edge', '/vector_stores', {
      method: 'POST',
      body: '{"name":',
      headers: { 'content-type': 'application/json' },
    });
    expect(broken.status).toBe(400);
    const array = await h.raw('Edge', '/vector_stores', { method: 'POST', json: [] });
    expect(array.status).toBe(400);
  });

  it('keeps the seeded ids and reports the tenant in response headers', async () => {
    const response = await h.raw('Edge', '/models');
    // The org's name, not its id, as api.openai.com answers.
    expect(response.headers.get('openai-organization')).toBe('edge');
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
  });
});
