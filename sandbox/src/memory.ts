import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type Collect = (options?: { type?: 'minor' | 'major'; execution?: 'sync' | 'async' }) => void;

let collect: Collect | null | undefined;

/**
 * Asks V8 for a young-generation collection. Why: every chunk of an upload the sandbox receives arrives in a
 * fresh ArrayBuffer, and V8 frees dead ArrayBuffers only when a GC runs; with almost no JS allocation while
 * bytes stream, the only trigger is V8's external-memory threshold, so hundreds of MB of already-read body
 * stayed resident (a 200 MB upload rose ~70 MB instead of ~12 MB). The sandbox is a test server, so it may
 * expose gc at run time; `node --expose-gc` makes that unnecessary, and where neither works this does nothing.
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
