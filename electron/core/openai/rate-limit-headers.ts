/**
 * The rate-limit state a response reports. OpenAI writes resets as Go-style durations ("12ms", "1s",
 * "6m0s", "1h2m3.5s"); a 429 may add `retry-after` (seconds, or an HTTP date) or `retry-after-ms`.
 */
export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Milliseconds until `remaining` is back to `limit`. */
  resetMs: number;
}

const UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, µs: 0.001, ns: 0.000001 };

/** Parses "1h2m3.5s", "12ms", "250us"; also a bare number of seconds. Returns null when unreadable. */
export function parseDuration(text: string | null | undefined): number | null {
  if (text === null || text === undefined) return null;
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const pattern = /(\d+(?:\.\d+)?)(ms|us|µs|ns|h|m|s)/gy;
  let total = 0;
  let consumed = 0;
  for (const match of trimmed.matchAll(pattern)) {
    total += Number(match[1]) * (UNIT_MS[match[2] ?? ''] ?? 0);
    consumed += match[0].length;
  }
  return consumed === trimmed.length && consumed > 0 ? total : null;
}

export function readRateLimit(headers: Headers): RateLimitState | null {
  const limit = Number(headers.get('x-ratelimit-limit-requests'));
  const remaining = Number(headers.get('x-ratelimit-remaining-requests'));
  const resetMs = parseDuration(headers.get('x-ratelimit-reset-requests'));
  if (
    !Number.isFinite(limit) ||
    limit <= 0 ||
    !Number.isFinite(remaining) ||
    headers.get('x-ratelimit-remaining-requests') === null
  )
    return null;
  return { limit, remaining, resetMs: resetMs ?? 0 };
}

/** How long a 429 (or 503) asks us to wait, in ms, or null when it does not say. */
export function readRetryAfter(headers: Headers | undefined, now: number = Date.now()): number | null {
  if (!headers) return null;
  const ms = Number(headers.get('retry-after-ms'));
  if (headers.get('retry-after-ms') !== null && Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get('retry-after');
  if (value === null) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
