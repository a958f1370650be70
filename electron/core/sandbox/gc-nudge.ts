import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type Collect = (options?: { type?: 'minor' | 'major'; execution?: 'sync' | 'async' }) => void;

let collect: Collect | null | undefined;

/**
 * Asks V8 for a young-generation collection. Why: every chunk of an HTTP body arrives in a fresh
 * ArrayBuffer, and V8 frees dead ArrayBuffers only when a GC runs; with almost no JS allocation during a
 * streamed upload, the only trigger is V8's 64 MB external-memory threshold. So a big upload kept ~65 MB
 * of already-written garbage resident. A scavenge every few MB of upload costs well under a millisecond
 * and keeps the resident rise of a 200 MB upload small. Harmless where gc cannot be exposed.
 */
export function nudgeYoungGc(): void {
  if (collect === undefined) {
    try {
      if (typeof (globalThis as { gc?: unknown }).gc === 'function') collect = (globalThis as unknown as { gc: Collect }).gc;
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
