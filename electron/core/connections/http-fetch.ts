/**
 * The fetch the SDK uses. Node's built-in fetch (undici 7) does not apply backpressure to a streamed
 * request body: uploading a 256 MB file from disk held about the whole file in memory. undici 8 streams
 * it in flat memory, so Ferry uses it where it is installed; it needs Node 22.19 or newer, so it is an
 * optional dependency, and older runtimes fall back to the built-in fetch (correct, just hungrier).
 */
let chosen: typeof fetch | undefined;

export async function loadHttpFetch(): Promise<typeof fetch> {
  if (chosen) return chosen;
  try {
    const undici = (await import('undici')) as unknown as { fetch: typeof fetch };
    chosen = undici.fetch;
  } catch {
    chosen = globalThis.fetch;
  }
  return chosen;
}
