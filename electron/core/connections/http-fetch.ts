import type { Socket } from 'node:net';
import { dispatchFetch } from './dispatch-fetch.ts';
import { IdleSockets } from './idle-sockets.ts';
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
      // Idle sockets are retired by the wall clock before each request (idle-sockets.ts), closed the way
      // undici closes its own after their keep-alive timeout.
      const sockets = new IdleSockets((socket) =>
        socket.destroy(new undici.errors.InformationalError('socket idle timeout')),
      );
      sockets.listen();
      const connector = undici.buildConnector({});
      // One pool of keep-alive connections per origin for the whole process, whatever the connection.
      const dispatcher = new undici.Agent({
        connect: (options, callback) =>
          connector(options, (error, socket) => {
            if (socket) sockets.adopt(socket as Socket);
            (callback as (error: Error | null, socket: unknown) => void)(error, socket);
          }),
      }).compose(undici.interceptors.redirect({ maxRedirections: 20 }));
      return (idleMs: number) => dispatchFetch(undici, dispatcher, idleMs, () => sockets.sweep());
    },
    () => (idleMs: number) => progressFetch(globalThis.fetch, idleMs),
  );
  return chosen;
}
