import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the heap grow past what survived its last full collection before collecting again:
 * 1.5x here, rather than the up to 4x V8 allows a heap it deems small. A clone keeps little alive (about
 * 40 MB of Ferry's own at 16x, 6,560 objects), but with 96 requests in flight it makes garbage fast, and
 * the default growth let that garbage take the peak to 520 MB; at 1.5x the same clone peaked at 408 MB
 * for no more CPU (22-24 s either way, under load 6-7). Flat memory is part of the product: the app runs
 * beside everything else on an admin's machine.
 */
export const HEAP_GROWING_PERCENT = 50;

/**
 * Applied once by the core for its process (every shell's: the app, browser mode and the CLI run one core
 * each). The setting takes effect at V8's next full collection; the young generation's size cannot be set
 * once the process runs, so it is left to V8.
 */
export function tuneHeap(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
