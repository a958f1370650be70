import { ApiError } from './errors.ts';

interface Bucket {
  limit: number;
  tokens: number;
  updatedAt: number;
}

/** Writes a duration the way OpenAI's reset headers do: `12ms`, `1.5s`, `6m0s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.ceil(ms))}ms`;
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(3))}s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes}m${Math.round((ms - minutes * 60_000) / 1000)}s`;
}

/**
 * Requests-per-minute limits as a token bucket per tenant: capacity refills continuously, which is how
 * OpenAI describes `x-ratelimit-reset-requests` ("time until the limit resets to its initial state").
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly overrides = new Map<string, number>();
  private globalRpm: number;

  constructor(rpm: number) {
    this.globalRpm = rpm;
  }

  setLimit(rpm: number, tenant?: string): void {
    if (tenant === undefined) {
      this.globalRpm = rpm;
      this.overrides.clear();
      this.buckets.clear();
    } else {
      this.overrides.set(tenant, rpm);
      this.buckets.delete(tenant);
    }
  }

  limitFor(tenant: string): number {
    return this.overrides.get(tenant) ?? this.globalRpm;
  }

  /** Takes one request from the tenant's bucket; returns the headers, or throws a 429 carrying them. */
  take(tenant: string, organization: string, now = Date.now()): Record<string, string> {
    const limit = this.limitFor(tenant);
    let bucket = this.buckets.get(tenant);
    if (!bucket || bucket.limit !== limit) {
      bucket = { limit, tokens: limit, updatedAt: now };
      this.buckets.set(tenant, bucket);
    }
    const perMs = limit / 60_000;
    bucket.tokens = Math.min(limit, bucket.tokens + (now - bucket.updatedAt) * perMs);
    bucket.updatedAt = now;
    if (bucket.tokens < 1) {
      const waitMs = (1 - bucket.tokens) / perMs;
      const headers = this.headers(bucket, perMs);
      headers['retry-after'] = String(Math.max(1, Math.ceil(waitMs / 1000)));
      headers['retry-after-ms'] = String(Math.ceil(waitMs));
      throw new ApiError(
        429,
        `Rate limit reached for requests in organization ${organization} on requests per min (RPM): Limit ${limit}, Used ${limit}, Requested 1. Please try again in ${formatDuration(waitMs)}. Visit https://platform.openai.com/account/rate-limits to learn more.`,
        { type: 'requests', code: 'rate_limit_exceeded', headers },
      );
    }
    bucket.tokens -= 1;
    return this.headers(bucket, perMs);
  }

  private headers(bucket: Bucket, perMs: number): Record<string, string> {
    return {
      'x-ratelimit-limit-requests': String(bucket.limit),
      'x-ratelimit-remaining-requests': String(Math.max(0, Math.floor(bucket.tokens))),
      'x-ratelimit-reset-requests': formatDuration((bucket.limit - bucket.tokens) / perMs),
    };
  }
}
