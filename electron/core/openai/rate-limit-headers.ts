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

/** A number ("3", "3.5") at `at`: where it ends, or `at` itself when there is none. */
function numberEnd(text: string, at: number): number {
  let i = at;
  while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i += 1;
  if (i === at) return at;
  if (text[i] !== '.') return i;
  const fraction = i + 1;
  let j = fraction;
  while (j < text.length && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j += 1;
  // "3." is a number "3" followed by something unreadable, as before.
  return j === fraction ? i : j;
}

/**
 * Parses "1h2m3.5s", "12ms", "250us"; also a bare number of seconds. Returns null when unreadable. Every
 * response carries one, so it is read by hand: a regular expression per response cost more than the rest
 * of reading the rate-limit headers.
 */
export function parseDuration(text: string | null | undefined): number | null {
  if (text === null || text === undefined) return null;
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (numberEnd(trimmed, 0) === trimmed.length) return Number(trimmed) * 1000;
  let total = 0;
  let at = 0;
  while (at < trimmed.length) {
    const end = numberEnd(trimmed, at);
    if (end === at) return null;
    const two = trimmed.slice(end, end + 2);
    const unit = two in UNIT_MS && two.length === 2 ? two : trimmed.slice(end, end + 1);
    const perUnit = UNIT_MS[unit];
    if (perUnit === undefined) return null;
    total += Number(trimmed.slice(at, end)) * perUnit;
    at = end + unit.length;
  }
  return total;
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
