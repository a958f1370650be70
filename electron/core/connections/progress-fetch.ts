/**
 * A request that is large is not a request that is stuck. A timeout on the whole request fails every
 * upload bigger than the link can carry in that time (64 MB at 1 MB/s is a minute), on every retry. So
 * the clock here measures silence instead: it restarts whenever a chunk of the body goes out or a chunk of
 * the answer comes in, and only `idleMs` without either ends the request. The overall deadline is the
 * SDK's own `timeout`, set apart from this; a cancel aborts the caller's signal, which reaches the socket
 * at once as before.
 */

/** No byte moved either way for the idle timeout. Its message avoids "timed out" on purpose: the SDK would
 * turn that into a bare "Request timed out." and drop this explanation. */
export class StalledError extends Error {
  readonly idleMs: number;

  constructor(idleMs: number, phase: Phase) {
    super(`no data moved for ${formatSeconds(idleMs)} while ${PHASES[phase]}`);
    this.name = 'StalledError';
    this.idleMs = idleMs;
  }
}

type Phase = 'sending' | 'waiting' | 'receiving';

const PHASES: Record<Phase, string> = {
  sending: 'sending the request (the server stopped reading it)',
  waiting: 'waiting for the answer',
  receiving: 'receiving the answer',
};

/**
 * Bytes the client hands over are not yet on the wire: the OS send buffer (several MB on Linux) drains at
 * the link's pace with no sign of it here. So once a body is handed over, the wait for the answer allows
 * for that tail going out at a slow link's pace before silence counts.
 */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
const SLOWEST_UPLINK_BYTES_PER_SECOND = 64 * 1024;
export const drainAllowanceMs = (sent: number) =>
  Math.ceil((Math.min(sent, MAX_BUFFERED_BYTES) / SLOWEST_UPLINK_BYTES_PER_SECOND) * 1000);

const formatSeconds = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`);

/** The first StalledError in an error's cause chain (the SDK wraps it in an APIConnectionError). */
export function stalledCause(error: unknown): StalledError | undefined {
  for (let e: unknown = error; e instanceof Error; e = e.cause) if (e instanceof StalledError) return e;
  return undefined;
}

export function progressFetch(inner: typeof fetch, idleMs: number): typeof fetch {
  return async (input, init = {}) => {
    const idle = new AbortController();
    let phase: Phase = 'sending';
    let timer: NodeJS.Timeout | undefined;
    const stop = () => clearTimeout(timer);
    const arm = (allowanceMs = 0) => {
      stop();
      timer = setTimeout(() => idle.abort(new StalledError(idleMs + allowanceMs, phase)), idleMs + allowanceMs);
      // A body nobody reads any more must not keep the process alive.
      timer.unref();
    };
    const signal = init.signal ? AbortSignal.any([init.signal, idle.signal]) : idle.signal;
    let body = init.body;
    let sent = 0;
    if (body instanceof ReadableStream) {
      body = body.pipeThrough(
        new TransformStream({
          transform(chunk, controller) {
            sent += (chunk as Uint8Array).byteLength ?? 0;
            arm();
            controller.enqueue(chunk);
          },
          flush() {
            phase = 'waiting';
            arm(drainAllowanceMs(sent));
          },
        }),
      );
      arm();
    } else {
      phase = 'waiting';
      arm(drainAllowanceMs(typeof body === 'string' ? Buffer.byteLength(body) : 0));
    }
    let response: Response;
    try {
      response = await inner(input, {
        ...init,
        ...(body === init.body ? {} : { body, duplex: 'half' }),
        signal,
      } as RequestInit);
    } catch (error) {
      stop();
      throw idle.signal.aborted && !init.signal?.aborted ? idle.signal.reason : error;
    }
    if (!response.body) {
      stop();
      return response;
    }
    phase = 'receiving';
    arm();
    // A small answer (every JSON one) is read here whole under the same clock: a stream piped through a
    // transform costs more per request than the answer takes to arrive.
    const length = Number(response.headers.get('content-length') ?? NaN);
    if (length <= SMALL_ANSWER_BYTES) {
      let bytes: ArrayBuffer;
      try {
        bytes = await response.arrayBuffer();
      } catch (error) {
        throw idle.signal.aborted && !init.signal?.aborted ? idle.signal.reason : error;
      } finally {
        stop();
      }
      return answered(response, bytes);
    }
    const watched = response.body.pipeThrough(
      new TransformStream({
        transform(chunk, controller) {
          arm();
          controller.enqueue(chunk);
        },
        flush: stop,
      }),
    );
    return answered(response, watched);
  };
}

/** Answers of at most this many bytes are read whole rather than streamed. */
const SMALL_ANSWER_BYTES = 256 * 1024;

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
