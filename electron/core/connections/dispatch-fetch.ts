import type { Readable } from 'node:stream';
import type * as Undici from 'undici';
import { Answer } from './answer.ts';
import { drainAllowanceMs, IdleClock } from './idle-clock.ts';
import { progressFetch, SMALL_ANSWER_BYTES, watchedSignal } from './progress-fetch.ts';

/**
 * The SDK's fetch, made of undici's `request` rather than its `fetch`. A clone is hundreds of small
 * requests at once and CPU-bound on the main thread; undici's WHATWG fetch spends about twice the CPU of a
 * plain dispatch per request (a Request object, the fetch algorithm, web streams for every body, a
 * dependent signal), none of which the SDK needs. Here a request goes straight to the connection pool, the
 * answer comes back as one Response, and the idle clock (idle-clock.ts) watches it as progressFetch does.
 *
 * What the SDK sends is a string (JSON), bytes, or a web stream (multipart uploads, pulled as the socket
 * drains, so a 256 MB file still goes in flat memory); anything else (a FormData, a Blob) takes undici's
 * own fetch. Failures look as fetch's do ("fetch failed" with the cause), so the SDK and the scheduler
 * classify them the same; redirects are followed as fetch follows them. No `accept-encoding` is added, so
 * answers come uncompressed. `beforeDispatch` runs right before each request goes to the pool.
 */
export function dispatchFetch(
  undici: typeof Undici,
  dispatcher: Undici.Dispatcher,
  idleMs: number,
  beforeDispatch: () => void = () => {},
): typeof fetch {
  const other = progressFetch(undici.fetch as unknown as typeof fetch, idleMs);
  return async (input, init = {}) => {
    const body = init.body;
    const streamed = body instanceof ReadableStream;
    const plain = body == null || typeof body === 'string' || body instanceof Uint8Array;
    if (!(typeof input === 'string' || input instanceof URL) || !(plain || streamed)) return other(input, init);
    const url = String(input);
    if (!url.startsWith('http:') && !url.startsWith('https:')) return other(input, init);
    const { controller, release } = watchedSignal(init.signal);
    const clock = new IdleClock(idleMs, (error) => controller.abort(error));
    const failed = (error: unknown) => {
      clock.stop();
      release();
      if (controller.signal.aborted) return controller.signal.reason;
      return new TypeError('fetch failed', { cause: error });
    };
    let answer: Undici.Dispatcher.ResponseData;
    try {
      if (streamed) clock.start('sending');
      else
        clock.start(
          'waiting',
          drainAllowanceMs(typeof body === 'string' ? Buffer.byteLength(body) : (body?.byteLength ?? 0)),
        );
      // Just before the pool picks a socket: a stale one is retired now (idle-sockets.ts), not written to.
      beforeDispatch();
      answer = await undici.request(url, {
        dispatcher,
        method: (init.method ?? 'GET').toUpperCase() as Undici.Dispatcher.HttpMethod,
        headers: headerPairs(init.headers),
        // undici takes an async iterable as a body (writing each chunk as the socket drains); its types name only Readable.
        body: streamed ? (sending(body, clock) as unknown as Readable) : ((body ?? null) as string | Uint8Array | null),
        signal: controller.signal,
      });
    } catch (error) {
      throw failed(error);
    }
    clock.start('receiving');
    const status = answer.statusCode;
    const statusText = answer.statusText ?? '';
    const small = Number(answer.headers['content-length'] ?? NaN) <= SMALL_ANSWER_BYTES;
    if (NULL_BODY_STATUSES.has(status) || small) {
      let bytes: ArrayBuffer | null = null;
      try {
        if (NULL_BODY_STATUSES.has(status)) await answer.body.dump();
        else bytes = await answer.body.arrayBuffer();
      } catch (error) {
        throw failed(error);
      }
      clock.stop();
      release();
      return new Answer(bytes, { status, statusText, headers: answer.headers, url }) as unknown as Response;
    }
    const response = new undici.Response(receiving(answer.body, clock, release) as unknown as ReadableStream, {
      status,
      statusText,
      headers: responseHeaders(answer.headers),
    }) as unknown as Response;
    Object.defineProperty(response, 'url', { value: url });
    return response;
  };
}

/** Statuses whose answer has no body (a Response refuses one for them). */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/** Chunks gathered into one socket write up to this size: a small upload goes out in one write, not ten. */
const GATHER_BYTES = 64 * 1024;

/**
 * The request body as undici pulls it: each chunk read restarts the clock, and once the last is handed
 * over the wait for the answer allows for the send buffer draining. Small chunks (the multipart's
 * boundaries and headers) are gathered, so a small file costs one write.
 */
async function* sending(body: ReadableStream<Uint8Array>, clock: IdleClock): AsyncGenerator<Uint8Array> {
  let sent = 0;
  let gathered: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    clock.touch();
    sent += chunk.byteLength;
    gathered.push(chunk);
    size += chunk.byteLength;
    if (size >= GATHER_BYTES) {
      yield gathered.length === 1 ? gathered[0]! : Buffer.concat(gathered, size);
      gathered = [];
      size = 0;
    }
  }
  if (size > 0) yield gathered.length === 1 ? gathered[0]! : Buffer.concat(gathered, size);
  clock.start('waiting', drainAllowanceMs(sent));
}

/** A large answer, streamed under the clock; a consumer that stops reading closes the socket's stream. */
async function* receiving(body: Readable, clock: IdleClock, release: () => void): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      clock.touch();
      yield chunk;
    }
  } finally {
    clock.stop();
    release();
    body.destroy();
  }
}

/** The SDK's headers (a Headers object, or pairs, or a record) as the flat pairs undici takes. */
function headerPairs(headers: RequestInit['headers']): string[] {
  const pairs: string[] = [];
  if (!headers) return pairs;
  if (Symbol.iterator in headers) {
    for (const [name, value] of headers as Iterable<[string, string]>) pairs.push(name, value);
  } else {
    for (const [name, value] of Object.entries(headers)) if (value !== undefined) pairs.push(name, value);
  }
  return pairs;
}

/** undici's parsed headers (a repeated one as an array) as pairs a Response takes. */
function responseHeaders(headers: Record<string, string | string[] | undefined>): [string, string][] {
  const pairs: [string, string][] = [];
  for (const name in headers) {
    const value = headers[name];
    if (Array.isArray(value)) for (const one of value) pairs.push([name, one]);
    else if (value !== undefined) pairs.push([name, value]);
  }
  return pairs;
}
