import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type Collect = (options?: { type?: 'minor' | 'major'; execution?: 'sync' | 'async' }) => void;

let collect: Collect | null | undefined;

/**
 * Asks V8 for a young-generation collection. Why: every chunk of a streamed body (an HTTP upload the
 * sandbox receives, a file Ferry streams from disk) arrives in a fresh ArrayBuffer, and V8 frees dead
 * ArrayBuffers only when a GC runs; with almost no JS allocation while bytes stream, the only trigger is
 * V8's external-memory threshold, so hundreds of MB of already-sent garbage stayed resident. A scavenge
 * every few MB costs well under a millisecond and keeps memory flat. Harmless where gc cannot be exposed.
 */
export function nudgeYoungGc(): void {
  if (collect === undefined) {
    try {
      if (typeof (globalThis as { gc?: unknown }).gc === 'function')
        collect = (globalThis as unknown as { gc: Collect }).gc;
      else {
        setFlagsFromString('--expose-gc');
        collect = runInNewContext('gc') as Collect;
      }
    } catch {
      collect = null;
    }
  }
  collect?.({ type: 'minor' });
}

/**
 * Re-yields a stream's chunks, nudging a young-generation GC every `everyBytes` (see above), and telling
 * `onBytes` how far the consumer has read (for an upload, about how much has been sent).
 */
export async function* withGcNudges(
  chunks: AsyncIterable<Uint8Array>,
  everyBytes = 8 * 1024 * 1024,
  onBytes?: (total: number) => void,
): AsyncGenerator<Uint8Array> {
  let since = 0;
  let total = 0;
  for await (const chunk of chunks) {
    yield chunk;
    total += chunk.byteLength;
    onBytes?.(total);
    since += chunk.byteLength;
    if (since >= everyBytes) {
      since = 0;
      nudgeYoungGc();
    }
  }
}
