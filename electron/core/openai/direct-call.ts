import OpenAI from 'openai';

/** The beta header an endpoint family needs (the real API refuses Assistants and Agents paths without it). */
export type BetaHeader = 'assistants=v2' | 'agents=v1';

export interface JsonCall {
  method: 'GET' | 'POST' | 'DELETE';
  /** From the API root, path parameters already passed through `segment`: `/assistants/${segment(id)}`. */
  path: string;
  query?: Record<string, string | number | undefined> | undefined;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as it is (a small upload's multipart form, file-form.ts). */
  form?: { body: Uint8Array; contentType: string } | undefined;
  beta?: BetaHeader | undefined;
}

/**
 * JSON calls to the API that skip the SDK's request machinery but keep its contract. A clone is thousands
 * of small requests and CPU-bound on Ferry's main thread; the SDK spends about 0.5 ms of CPU on each one
 * before and after the wire (option merging, header objects built and validated several times, a log line's
 * details, two abort controllers, its response wrappers), as much again as the transport and the JSON, for
 * a request whose shape never changes. Here the headers are built once per connection and a call is a URL,
 * a body and one fetch through the client's own transport (same pool, idle clock and rate-limit observer).
 *
 * Failures are the SDK's own error classes, made as the SDK makes them (`APIError.generate` from the
 * status and body; `APIUserAbortError` for the caller's cancel; `APIConnectionTimeoutError` for the
 * deadline or a transport timeout; `APIConnectionError` with the cause for the rest), so `classifyFailure`,
 * `toFerryError` and every fault test read them unchanged. Streams (uploads of big files, downloads) stay
 * with the SDK, where their cost is the bytes, not the call.
 */
export class DirectCalls {
  readonly #fetch: typeof fetch;
  readonly #base: string;
  readonly #deadlineMs: number;
  /** The headers every call sends, per beta family: built once, copied per call by reference only. */
  readonly #headers: Record<string, Record<string, string>>;

  constructor(client: OpenAI) {
    // The transport createClient gave the SDK (client-factory.ts): private in the SDK's types, a plain
    // property at runtime (its withOptions copies it the same way), so both paths share one pool and observer.
    this.#fetch = (client as unknown as { fetch: typeof fetch }).fetch;
    this.#base = client.baseURL.replace(/\/+$/, '');
    this.#deadlineMs = client.timeout;
    const common: Record<string, string> = { accept: 'application/json' };
    if (client.apiKey) common['authorization'] = `Bearer ${client.apiKey}`;
    if (client.organization) common['openai-organization'] = client.organization;
    if (client.project) common['openai-project'] = client.project;
    this.#headers = {
      '': common,
      'assistants=v2': { ...common, 'openai-beta': 'assistants=v2' },
      'agents=v1': { ...common, 'openai-beta': 'agents=v1' },
    };
  }

  /** One attempt: the parsed JSON answer, or the SDK's error for what went wrong. */
  async json<T>(call: JsonCall, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) throw userAbort(signal);
    const base = this.#headers[call.beta ?? '']!;
    let headers = base;
    let body: string | Uint8Array<ArrayBuffer> | undefined;
    if (call.form) {
      headers = { ...base, 'content-type': call.form.contentType };
      body = call.form.body as Uint8Array<ArrayBuffer>;
    } else if (call.body !== undefined) {
      headers = { ...base, 'content-type': 'application/json' };
      body = JSON.stringify(call.body);
    }
    // The SDK's deadline for one attempt (ClientOptions.requestDeadlineMs): its own controller, following the caller's.
    const controller = new AbortController();
    let timedOut = false;
    const deadline = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.#deadlineMs);
    const follow = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', follow, { once: true });
    try {
      let response: Response;
      try {
        response = await this.#fetch(this.#url(call), {
          method: call.method,
          headers,
          ...(body === undefined ? {} : { body }),
          signal: controller.signal,
        });
      } catch (error) {
        throw connectionFailure(error, signal, timedOut);
      }
      if (!response.ok) {
        const text = await response
          .text()
          .catch((error: unknown) => (error instanceof Error ? error.message : String(error)));
        const parsed = safeJson(text);
        throw OpenAI.APIError.generate(
          response.status,
          parsed as object | undefined,
          parsed ? undefined : text,
          response.headers,
        );
      }
      if (response.status === 204) return null as T;
      try {
        const type = response.headers.get('content-type') ?? '';
        return (isJson(type) ? await response.json() : await response.text()) as T;
      } catch (error) {
        // A body cut off mid-answer is a dropped connection (a create it answered may have been made), not bad JSON.
        if (error instanceof SyntaxError) throw error;
        throw connectionFailure(error, signal, timedOut);
      }
    } finally {
      clearTimeout(deadline);
      signal?.removeEventListener('abort', follow);
    }
  }

  #url(call: JsonCall): string {
    let url = this.#base + call.path;
    if (call.query) {
      let sep = '?';
      for (const name in call.query) {
        const value = call.query[name];
        if (value === undefined) continue;
        url += `${sep}${encodeURIComponent(name)}=${encodeURIComponent(value)}`;
        sep = '&';
      }
    }
    return url;
  }
}

/**
 * An id as one path segment, encoded as the SDK encodes path parameters; an id that would name another path
 * (empty, `.` or `..`) is refused before anything is sent, as the SDK refuses it.
 */
export function segment(id: string): string {
  if (id === '' || id === '.' || id === '..')
    throw new OpenAI.OpenAIError(`Path parameters result in path with invalid segments: "${id}"`);
  return encodeURIComponent(id);
}

/** What the SDK throws when fetch itself fails (client.js, makeRequest): the same three outcomes. */
function connectionFailure(error: unknown, signal: AbortSignal | undefined, timedOut: boolean): Error {
  if (signal?.aborted) return userAbort(signal);
  const cause = error instanceof Error ? error : new Error(String(error));
  const isTimeout =
    timedOut ||
    cause.name === 'AbortError' ||
    /timed? ?out/i.test(String(cause) + ('cause' in cause ? String(cause.cause) : ''));
  if (isTimeout) return Object.assign(new OpenAI.APIConnectionTimeoutError(), { cause });
  return new OpenAI.APIConnectionError({ cause });
}

/** The SDK's cancel: its own class, the signal's reason as the cause. */
function userAbort(signal: AbortSignal): Error {
  const error = new OpenAI.APIUserAbortError();
  Object.defineProperty(error, 'cause', { value: signal.reason, writable: true, configurable: true });
  return error;
}

function isJson(contentType: string): boolean {
  return contentType.includes('application/json') || contentType.includes('+json');
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
