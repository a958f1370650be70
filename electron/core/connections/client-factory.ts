import OpenAI from 'openai';
import type { StoredConnection } from './registry.ts';

export interface ClientOptions {
  /** Per-request timeout. The scheduler owns retries, so this bounds a single attempt. */
  timeoutMs?: number;
  fetch?: typeof fetch;
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
    timeout: options.timeoutMs ?? 30_000,
    fetch: observingFetch(options.fetch ?? globalThis.fetch, options.observe),
  });
}

function observingFetch(inner: typeof fetch, observe: ClientOptions['observe']): typeof fetch {
  if (!observe) return inner;
  return async (input, init) => {
    const response = await inner(input, init);
    observe(response.status, response.headers);
    return response;
  };
}
