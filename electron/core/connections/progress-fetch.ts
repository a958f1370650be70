import { drainAllowanceMs, IdleClock } from './idle-clock.ts';

/**
 * Any fetch, under the idle clock (idle-clock.ts): silence, not size, ends an attempt. Used for a fetch
 * handed in (tests, a runtime without undici); Ferry's own transport (dispatch-fetch.ts) keeps the same
 * clock without the web streams this needs.
 */
export function progressFetch(inner: typeof fetch, idleMs: number): typeof fetch {
  return async (input, init = {}) => {
    const { controller, release } = watchedSignal(init.signal);
    const clock = new IdleClock(idleMs, (error) => controller.abort(error));
    const stalled = () => controller.signal.aborted && !init.signal?.aborted;
    let body = init.body;
    let sent = 0;
    if (body instanceof ReadableStream) {
      body = body.pipeThrough(
        new TransformStream({
          transform(chunk, controller) {
            sent += (chunk as Uint8Array).byteLength ?? 0;
            clock.touch();
            controller.enqueue(chunk);
          },
          flush() {
            clock.start('waiting', drainAllowanceMs(sent));
          },
        }),
      );
      clock.start('sending');
    } else {
      clock.start('waiting', drainAllowanceMs(typeof body === 'string' ? Buffer.byteLength(body) : 0));
    }
    let response: Response;
    try {
      response = await inner(input, {
        ...init,
        ...(body === init.body ? {} : { body, duplex: 'half' }),
        signal: controller.signal,
      } as RequestInit);
    } catch (error) {
      clock.stop();
      release();
      throw stalled() ? controller.signal.reason : error;
    }
    if (!response.body) {
      clock.stop();
      release();
      return response;
    }
    clock.start('receiving');
    // A small answer (every JSON one) is read here whole under the same clock: a stream piped through a
    // transform costs more per request than the answer takes to arrive.
    const length = Number(response.headers.get('content-length') ?? NaN);
    if (length <= SMALL_ANSWER_BYTES) {
      let bytes: ArrayBuffer;
      try {
        bytes = await response.arrayBuffer();
      } catch (error) {
        throw stalled() ? controller.signal.reason : error;
      } finally {
        clock.stop();
        release();
      }
      return answered(response, bytes);
    }
    const finish = () => {
      clock.stop();
      release();
    };
    const watched = response.body.pipeThrough(
      new TransformStream({
        transform(chunk, controller) {
          clock.touch();
          controller.enqueue(chunk);
        },
        flush: finish,
      }),
    );
    return answered(response, watched);
  };
}

/** Answers of at most this many bytes are read whole rather than streamed. */
export const SMALL_ANSWER_BYTES = 256 * 1024;

/**
 * One controller that the idle clock aborts and that follows the caller's signal: a listener added here
 * and removed when the request is over, cheaper per request than `AbortSignal.any` and its bookkeeping.
 */
export function watchedSignal(caller: AbortSignal | null | undefined): {
  controller: AbortController;
  release: () => void;
} {
  const controller = new AbortController();
  if (!caller) return { controller, release: () => {} };
  const follow = () => controller.abort(caller.reason);
  if (caller.aborted) follow();
  else caller.addEventListener('abort', follow, { once: true });
  return { controller, release: () => caller.removeEventListener('abort', follow) };
}

/**
 * `response` with another body (the same status, headers and URL). Made with the response's own class:
 * the inner fetch is undici 8's, whose Response copies its own Headers on a fast path, where the global
 * Response (Node's bundled undici) re-validates every header of a foreign one (about half the wrap's CPU).
 */
function answered(response: Response, body: ArrayBuffer | ReadableStream<Uint8Array>): Response {
  const Same = (response.constructor as typeof Response | undefined) ?? Response;
  const wrapped = new Same(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  Object.defineProperty(wrapped, 'url', { value: response.url });
  return wrapped;
}
