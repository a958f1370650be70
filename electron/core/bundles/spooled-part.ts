import { closeSync, openSync, readSync, statSync, writeSync } from 'node:fs';
import { badRequest } from './folder-wire.ts';
import type { ByteRange } from './bundle-state.ts';

/**
 * An upload part's multipart body, written to `path` as it arrives (never whole in memory), and the byte
 * range its one field holds. /uploads parts carry a single field, `data`, so the range is what lies
 * between the first part's headers and the closing boundary.
 */
export async function spoolPart(request: Request, path: string): Promise<ByteRange> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(request.headers.get('content-type') ?? '');
  const marker = boundary?.[1] ?? boundary?.[2]?.trim();
  if (!marker || !request.body) throw badRequest("Missing required parameter: 'data'.", 'data');
  const fd = openSync(path, 'w', 0o600);
  try {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      for (let at = 0; at < value.length;) at += writeSync(fd, value, at, value.length - at);
    }
  } finally {
    closeSync(fd);
  }
  const size = statSync(path).size;
  const head = readAt(path, 0, Math.min(size, 64 * 1024));
  const headersEnd = head.indexOf('\r\n\r\n');
  if (!head.startsWith(`--${marker}\r\n`) || headersEnd < 0 || !/name="data"/.test(head.slice(0, headersEnd))) {
    throw badRequest("Missing required parameter: 'data'.", 'data');
  }
  const tailStart = Math.max(0, size - 512);
  const tail = readAt(path, tailStart, size - tailStart);
  const closing = tail.lastIndexOf(`\r\n--${marker}--`);
  if (closing < 0) throw badRequest('The upload part was cut short: its closing boundary is missing.', 'data');
  return { path, start: Buffer.byteLength(head.slice(0, headersEnd + 4), 'latin1'), end: tailStart + closing };
}

function readAt(path: string, position: number, length: number): string {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const read = readSync(fd, buffer, 0, length, position);
    return buffer.subarray(0, read).toString('latin1');
  } finally {
    closeSync(fd);
  }
}
