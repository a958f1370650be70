import { describe, expect, it } from 'vitest';
import { parseDuration, readRateLimit, readRetryAfter } from '../../../../electron/core/openai/rate-limit-headers.ts';

describe('parseDuration', () => {
  it.each([
    ['12ms', 12],
    ['1s', 1000],
    ['6m0s', 360_000],
    ['1h2m3.5s', 3_723_500],
    ['0.5s', 500],
    ['250us', 0.25],
    ['20', 20_000],
    ['1.5', 1500],
    ['2m', 120_000],
    ['3ns', 0.000003],
    ['4µs', 0.004],
    ['1h0m0.25s', 3_600_250],
  ])('%s → %d ms', (text, ms) => expect(parseDuration(text)).toBeCloseTo(ms));

  it.each(['', 'soon', '1x', '5 s', '1s and more', 's', '1.s', '.5s', '1s2', 'ms', '1mss'])(
    '%j is unreadable',
    (text) => expect(parseDuration(text)).toBeNull(),
  );
});

describe('readRateLimit', () => {
  it('reads the request limit headers', () => {
    const headers = new Headers({
      'x-ratelimit-limit-requests': '600',
      'x-ratelimit-remaining-requests': '599',
      'x-ratelimit-reset-requests': '100ms',
    });
    expect(readRateLimit(headers)).toEqual({ limit: 600, remaining: 599, resetMs: 100 });
  });
  it('answers null without them', () => expect(readRateLimit(new Headers())).toBeNull());
});

describe('readRetryAfter', () => {
  it('prefers retry-after-ms, then seconds, then an HTTP date', () => {
    expect(readRetryAfter(new Headers({ 'retry-after-ms': '150', 'retry-after': '9' }))).toBe(150);
    expect(readRetryAfter(new Headers({ 'retry-after': '2' }))).toBe(2000);
    const now = Date.parse('2026-11-21T10:00:00Z');
    expect(readRetryAfter(new Headers({ 'retry-after': 'Sat, 21 Nov 2026 10:00:05 GMT' }), now)).toBe(5000);
    expect(readRetryAfter(new Headers())).toBeNull();
  });
});
