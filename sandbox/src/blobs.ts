import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { unlink, writeFile } from 'node:fs/promises';
import { Readable, Writable } from 'node:stream';

/**
 * Where a file's bytes are: in memory when small, in a file of the instance's folder when large. A clone
 * uploads hundreds of small files at once, and making a file per upload cost the file system about a
 * millisecond of kernel time each (on the machine the benchmarks run on), time a client measured against
 * the server shares a core with; the real API's storage costs its clients nothing. Large files stay on
 * disk, so a 512 MB upload still costs the server a few buffers of memory.
 */
export type Blob = { data: Buffer } | { path: string };

/** Files up to this size are held in memory. */
export const MEMORY_BLOB_BYTES = 64 * 1024;

/** Bytes already in memory as a blob: kept there when small, else written to the path `path()` names. */
export async function blobOf(data: Buffer, path: () => string): Promise<Blob> {
  if (data.length <= MEMORY_BLOB_BYTES) return { data };
  const file = path();
  await writeFile(file, data);
  return { path: file };
}

export function blobStream(blob: Blob): Readable {
  return 'path' in blob ? createReadStream(blob.path) : Readable.from([blob.data]);
}

/** The first `limit` bytes (all of a shorter file). */
export async function blobPrefix(blob: Blob, limit: number): Promise<Buffer> {
  if ('data' in blob) return blob.data.subarray(0, limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of createReadStream(blob.path, { end: limit - 1 }) as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.length;
  }
  return Buffer.concat(chunks, size);
}

export async function discardBlob(blob: Blob): Promise<void> {
  if ('path' in blob) await unlink(blob.path).catch(() => undefined);
}

/**
 * A sink for bytes arriving as a stream: held in memory up to {@link MEMORY_BLOB_BYTES}, then written to
 * `path` (what was held first), with backpressure. `blob` is the result once the sink has finished.
 */
export class BlobSink extends Writable {
  readonly #path: string;
  #held: Buffer[] = [];
  #size = 0;
  #file: WriteStream | undefined;

  constructor(path: string) {
    super();
    this.#path = path;
  }

  get blob(): Blob {
    return this.#file ? { path: this.#path } : { data: Buffer.concat(this.#held, this.#size) };
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.#size += chunk.length;
    if (!this.#file && this.#size <= MEMORY_BLOB_BYTES) {
      this.#held.push(chunk);
      return done();
    }
    if (!this.#file) {
      const file = createWriteStream(this.#path);
      file.on('error', (error) => this.destroy(error));
      for (const held of this.#held) file.write(held);
      this.#held = [];
      this.#file = file;
    }
    if (this.#file.write(chunk)) done();
    else this.#file.once('drain', () => done());
  }

  override _final(done: (error?: Error | null) => void): void {
    if (!this.#file) return done();
    this.#file.end(() => done());
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    this.#file?.destroy();
    done(error);
  }
}
