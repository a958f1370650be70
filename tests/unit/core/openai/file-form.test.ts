import { describe, expect, it } from 'vitest';
import { fileForm } from '../../../../electron/core/openai/file-form.ts';

/** Reads a form back with undici's multipart parser (Response.formData), not with Ferry's own code. */
async function parse(form: ReturnType<typeof fileForm>) {
  return new Response(form.body, { headers: { 'content-type': form.contentType } }).formData();
}

describe('fileForm', () => {
  it('encodes the file and its purpose so a multipart parser reads them back exactly', async () => {
    const bytes = Uint8Array.from({ length: 4096 }, (_, i) => (i * 37) % 256);
    const parsed = await parse(
      fileForm({ purpose: 'assistants' }, { filename: 'a.pdf', type: 'application/pdf', bytes }),
    );
    expect(parsed.get('purpose')).toBe('assistants');
    const file = parsed.get('file') as File;
    expect(file.name).toBe('a.pdf');
    expect(file.type).toBe('application/pdf');
    expect(Buffer.from(await file.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
  });

  it('sends the last path segment of the name, escaped as the SDK escapes it', async () => {
    const form = fileForm(
      { purpose: 'batch' },
      { filename: 'a/b\\c "d"\r\n.txt', type: 'text/plain', bytes: new Uint8Array() },
    );
    expect(form.body.toString()).toContain('filename="c %22d%22%0D%0A.txt"');
    expect(((await parse(form)).get('file') as File).size).toBe(0);
    expect(
      fileForm({ purpose: 'batch' }, { filename: 'dir/', type: 'text/plain', bytes: new Uint8Array() }).body.toString(),
    ).toContain('filename="unknown_file"');
  });

  it('picks a fresh boundary for every form', () => {
    const a = fileForm({ purpose: 'batch' }, { filename: 'x', type: 'text/plain', bytes: new Uint8Array() });
    const b = fileForm({ purpose: 'batch' }, { filename: 'x', type: 'text/plain', bytes: new Uint8Array() });
    expect(a.contentType).not.toBe(b.contentType);
  });
});
