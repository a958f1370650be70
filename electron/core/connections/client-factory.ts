import OpenAI from 'openai';
import type { HttpFetch } from './http-fetch.ts';
import { progressFetch } from './progress-fetch.ts';
import type { StoredConnection } from './registry.ts';

/** Silence (no byte sent or received) that ends an attempt; bytes still flowing keep it alive. */
export const DEFAULT_IDLE_TIMEOUT_MS = 30_000;
/** The most one attempt may take until its answer starts, however steadily its bytes flow. */
export const DEFAULT_REQUEST_DEADLINE_MS = 60 * 60_000;

export interface ClientOptions {
  /**
   * How long an attempt may go without a byte moving either way before it is given up (and retried by
   * the scheduler). A large body on a slow link never trips it while it is still being sent.
   */
  idleTimeoutMs?: number;
  /** The overall deadline of one attempt, separate from the idle timeout; the admin may set it. */
  requestDeadlineMs?: number;
  /** A fetch of the caller's (a test's), used instead of the transport, under the same idle timeout. */
  fetch?: typeof fetch;
  /** The transport (http-fetch.ts) when no `fetch` is given; without either, the built-in fetch. */
  httpFetch?: HttpFetch;
  /** Sees the status and headers of every response (the scheduler reads rate limits from them). */
  observe?: (status: number, headers: Headers) => void;
}

/**
 * An SDK client for one connection. Every setting the SDK would otherwise read from the environment
 * (OPENAI_BASE_URL, OPENAI_ORG_ID, OPENAI_PROJECT_ID, …) is passed explicitly, so one connection can never
 * pick up another's org or base URL. The SDK's own retries are off: its sleeps ignore AbortSignal and it
 * sends no idempotency key, so Ferry's scheduler decides what to retry.
 */
export function createClient(connection: StoredConnection, apiKey: string, options: ClientOptions = {}): OpenAI {
  return new OpenAI({
    apiKey,
    baseURL: connection.baseUrl,
    organization: connection.organization ?? null,
    project: connection.project ?? null,
    adminAPIKey: null,
    webhookSecret: null,
    maxRetries: 0,
    timeout: options.requestDeadlineMs ?? DEFAULT_REQUEST_DEADLINE_MS,
    fetch: observingFetch(watchedFetch(options), options.observe),
  });
}

/** The fetch a client sends with: the caller's or the transport, ending an attempt on silence. */
export function watchedFetch(options: Pick<ClientOptions, 'fetch' | 'httpFetch' | 'idleTimeoutMs'>): typeof fetch {
  const idleMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  if (options.fetch) return progressFetch(options.fetch, idleMs);
  return options.httpFetch ? options.httpFetch(idleMs) : progressFetch(globalThis.fetch, idleMs);
}

function observingFetch(inner: typeof fetch, observe: ClientOptions['observe']): typeof fetch {
  if (!observe) return inner;
  return async (input, init) => {
    const response = await inner(input, init);
    observe(response.status, response.headers);
    return response;
  };
}
