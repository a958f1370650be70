import { randomBytes } from 'node:crypto';

/**
 * A small file's `POST /files` body, encoded in one buffer. The SDK encodes every upload as a lazy
 * multipart web stream (an async generator behind a ReadableStream, each boundary its own chunk), which
 * keeps a 256 MB file in flat memory but costs a small file about 0.5 ms more CPU than one write of one
 * buffer; a clone sends hundreds of small files and is CPU-bound, so those go as this. The encoding is
 * the SDK's own (streamed uploads), so the server receives the same form either way: the fields in the
 * same order, the filename reduced to its last path segment and escaped the same way.
 */
export function fileForm(fields: { purpose: string }, file: { filename: string; type: string; bytes: Uint8Array }) {
  const boundary = `ferry-${randomBytes(12).toString('hex')}`;
  // The order Ferry's SDK call gives them (file, then purpose), as the SDK would send them.
  const head =
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${escapeHeaderValue(lastSegment(file.filename))}"\r\n` +
    `Content-Type: ${file.type}\r\n\r\n`;
  const tail = `\r\n--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\n${fields.purpose}\r\n--${boundary}--\r\n`;
  const headBytes = Buffer.byteLength(head);
  const body = Buffer.allocUnsafe(headBytes + file.bytes.byteLength + Buffer.byteLength(tail));
  body.write(head, 0);
  body.set(file.bytes, headBytes);
  body.write(tail, headBytes + file.bytes.byteLength);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The name the SDK sends for an upload: its last path segment (either separator), never empty. */
function lastSegment(name: string): string {
  return name.split(/[\\/]/).pop() || 'unknown_file';
}

/** As the SDK escapes a multipart header value: control characters, the quote and the backslash. */
function escapeHeaderValue(value: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is escaped.
  return value.replace(/[\u0000-\u001f\u007f"\\]/g, (character) => encodeURIComponent(character));
}
