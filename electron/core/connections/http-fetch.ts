import { dispatchFetch } from './dispatch-fetch.ts';
import { progressFetch } from './progress-fetch.ts';

/**
 * The SDK's HTTP transport, under an idle timeout of `idleMs` (idle-clock.ts). Node's built-in fetch
 * (undici 7) does not apply backpressure to a streamed request body: uploading a 256 MB file from disk held
 * about the whole file in memory. undici 8 streams it in flat memory, so Ferry uses it where it is
 * installed (dispatch-fetch.ts); it needs Node 22.19 or newer, so it is an optional dependency, and older
 * runtimes fall back to the built-in fetch (correct, just hungrier).
 */
export type HttpFetch = (idleMs: number) => typeof fetch;

let chosen: Promise<HttpFetch> | undefined;

/**
 * Loading undici (reading and compiling its modules) costs a few hundred ms of the main thread, so the core
 * awaits this when it starts (core.ts): paid then, not inside the admin's first clone; later calls share it.
 */
export function loadHttpFetch(): Promise<HttpFetch> {
  chosen ??= import('undici').then(
    (undici) => {
      // One pool of keep-alive connections per origin for the whole process, whatever the connection.
      const dispatcher = new undici.Agent().compose(undici.interceptors.redirect({ maxRedirections: 20 }));
      return (idleMs: number) => dispatchFetch(undici, dispatcher, idleMs);
    },
    () => (idleMs: number) => progressFetch(globalThis.fetch, idleMs),
  );
  return chosen;
}
