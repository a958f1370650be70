/**
 * The fetch the SDK uses. Node's built-in fetch (undici 7) does not apply backpressure to a streamed
 * request body: uploading a 256 MB file from disk held about the whole file in memory. undici 8 streams
 * it in flat memory, so Ferry uses it where it is installed; it needs Node 22.19 or newer, so it is an
 * optional dependency, and older runtimes fall back to the built-in fetch (correct, just hungrier).
 *
 * Loading undici (reading and compiling its modules) costs a few hundred ms of the main thread, so the core
 * awaits it when it starts (core.ts): paid then, not inside the admin's first clone; later calls share it.
 */
let chosen: Promise<typeof fetch> | undefined;

export function loadHttpFetch(): Promise<typeof fetch> {
  chosen ??= import('undici').then(
    (undici) => (undici as unknown as { fetch: typeof fetch }).fetch,
    () => globalThis.fetch,
  );
  return chosen;
}

