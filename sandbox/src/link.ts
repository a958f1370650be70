import type { IncomingMessage } from 'node:http';
import { Transform, type TransformCallback } from 'node:stream';

/**
 * How the network between a client and api.openai.com behaves, per tenant or for all: a slow uplink
 * (request bodies read at N bytes/s), a server that stops reading a body part-way (and never answers),
 * and management endpoints that send no `x-ratelimit-*` headers. These are what a per-request timeout or
 * a scheduler that trusts headers gets wrong against the real API, so the sandbox can produce each.
 */
export interface LinkConfig {
  /** Request bodies are read at most this fast; null is full speed. */
  uploadBytesPerSecond?: number | null;
  /** After this many bytes of a body the server reads no more and never answers; null reads everything. */
  stopReadingAfterBytes?: number | null;
  /** false: answers carry no `x-ratelimit-*` headers (the limit still applies). */
  rateLimitHeaders?: boolean;
  /** Route names ("POST /v1/files") that send no rate-limit headers even when the tenant does. */
  routesWithoutRateLimitHeaders?: string[];
}

type Resolved = Required<LinkConfig>;

const defaults: Resolved = {
  uploadBytesPerSecond: null,
  stopReadingAfterBytes: null,
  rateLimitHeaders: true,
  routesWithoutRateLimitHeaders: [],
};

export interface InFlightCounts {
  /** API requests being served now. */
  now: number;
  /** The most served at once since the last clear. */
  max: number;
  /** The most served at once before the first 2xx answer went out (what a cold client bursts). */
  maxBeforeFirstSuccess: number;
  /** Whether a 2xx answer has gone out since the last clear. */
  succeeded: boolean;
}

export class Link {
  private global: Resolved;
  private readonly perTenant = new Map<string, LinkConfig>();
  private readonly inFlight = new Map<string, InFlightCounts>();

  constructor(config: LinkConfig = {}) {
    this.global = { ...defaults, ...config };
  }

  set(config: LinkConfig, tenant?: string): void {
    validate(config);
    if (tenant === undefined) this.global = { ...this.global, ...config };
    else this.perTenant.set(tenant, { ...this.perTenant.get(tenant), ...config });
  }

  clear(tenant?: string): void {
    if (tenant === undefined) {
      this.global = { ...defaults };
      this.perTenant.clear();
    } else this.perTenant.delete(tenant);
  }

  configFor(tenant: string): Resolved {
    return { ...this.global, ...this.perTenant.get(tenant) };
  }

  sendsRateLimitHeaders(tenant: string, route: string): boolean {
    const config = this.configFor(tenant);
    return config.rateLimitHeaders && !config.routesWithoutRateLimitHeaders.includes(route);
  }

  /** The body as the route should read it: throttled, or cut off, when this tenant's link says so. */
  body(tenant: string, request: IncomingMessage): IncomingMessage {
    const { uploadBytesPerSecond, stopReadingAfterBytes } = this.configFor(tenant);
    if (uploadBytesPerSecond === null && stopReadingAfterBytes === null) return request;
    const shaped = new ShapedBody(uploadBytesPerSecond, stopReadingAfterBytes);
    request.pipe(shaped);
    request.on('error', (error) => shaped.destroy(error));
    request.on('aborted', () => shaped.destroy(new Error('aborted')));
    // Routes read headers and the socket from the request; the shaped stream stands in for its body.
    return Object.assign(shaped, {
      headers: request.headers,
      socket: request.socket,
      method: request.method,
      url: request.url,
    }) as unknown as IncomingMessage;
  }

  /** Counts a request in flight, for its tenant and for its route, until `done` is called (once). */
  enter(tenant: string, route: string): { done: (status: number) => void } {
    const all = [this.countsOf(tenant), this.countsOf(routeKey(tenant, route))];
    for (const counts of all) {
      counts.now += 1;
      counts.max = Math.max(counts.max, counts.now);
      if (!counts.succeeded) counts.maxBeforeFirstSuccess = Math.max(counts.maxBeforeFirstSuccess, counts.now);
    }
    let finished = false;
    return {
      done: (status) => {
        if (finished) return;
        finished = true;
        for (const counts of all) {
          counts.now -= 1;
          if (status >= 200 && status < 300) counts.succeeded = true;
        }
      },
    };
  }

  /** For one tenant (and one route, "POST /v1/files"), or summed over tenants. */
  inFlightCounts(tenant?: string, route?: string): InFlightCounts {
    if (tenant !== undefined) return { ...this.countsOf(route === undefined ? tenant : routeKey(tenant, route)) };
    const all = [...this.inFlight.entries()].filter(([key]) => !key.includes('\u0000')).map(([, counts]) => counts);
    return {
      now: all.reduce((sum, c) => sum + c.now, 0),
      max: Math.max(0, ...all.map((c) => c.max)),
      maxBeforeFirstSuccess: Math.max(0, ...all.map((c) => c.maxBeforeFirstSuccess)),
      succeeded: all.some((c) => c.succeeded),
    };
  }

  /** Starts counting afresh; requests still in flight stay counted as in flight. */
  clearInFlight(): void {
    for (const counts of this.inFlight.values())
      Object.assign(counts, { max: counts.now, maxBeforeFirstSuccess: counts.now, succeeded: false });
  }

  private countsOf(tenant: string): InFlightCounts {
    let counts = this.inFlight.get(tenant);
    if (!counts) {
      counts = { now: 0, max: 0, maxBeforeFirstSuccess: 0, succeeded: false };
      this.inFlight.set(tenant, counts);
    }
    return counts;
  }
}

const routeKey = (tenant: string, route: string) => `${tenant}\u0000${route}`;

function validate(config: LinkConfig): void {
  for (const name of ['uploadBytesPerSecond', 'stopReadingAfterBytes'] as const) {
    const value = config[name];
    if (
      value !== undefined &&
      value !== null &&
      !(Number.isFinite(value) && value >= (name === 'uploadBytesPerSecond' ? 1 : 0))
    ) {
      throw new Error(
        `${name} must be a number ≥ ${name === 'uploadBytesPerSecond' ? 1 : 0} or null, got ${JSON.stringify(value)}.`,
      );
    }
  }
  if (config.rateLimitHeaders !== undefined && typeof config.rateLimitHeaders !== 'boolean')
    throw new Error('rateLimitHeaders must be true or false.');
  if (
    config.routesWithoutRateLimitHeaders !== undefined &&
    !(
      Array.isArray(config.routesWithoutRateLimitHeaders) &&
      config.routesWithoutRateLimitHeaders.every((r) => typeof r === 'string')
    )
  ) {
    throw new Error('routesWithoutRateLimitHeaders must be an array of route names like "POST /v1/files".');
  }
}

/**
 * Passes a body through at a byte rate (a token bucket refilled continuously, bursts of at most a tenth
 * of a second), and past a cut-off passes nothing more, ever: backpressure then reaches the client's
 * socket exactly as when a real server stops reading.
 */
class ShapedBody extends Transform {
  private readonly rate: number | null;
  private readonly stopAfter: number | null;
  private passed = 0;
  private tokens = 0;
  private refilledAt = Date.now();
  private timer: NodeJS.Timeout | null = null;

  constructor(rate: number | null, stopAfter: number | null) {
    super({ highWaterMark: 16 * 1024 });
    this.rate = rate;
    this.stopAfter = stopAfter;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.feed(chunk, callback);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (this.timer) clearTimeout(this.timer);
    callback(error);
  }

  private burst(): number {
    return Math.max(1, (this.rate ?? 0) / 10);
  }

  private feed(chunk: Buffer, callback: TransformCallback): void {
    if (this.destroyed) return;
    let allowed = chunk.length;
    if (this.stopAfter !== null) allowed = Math.min(allowed, Math.max(0, this.stopAfter - this.passed));
    if (this.rate !== null) {
      const now = Date.now();
      this.tokens = Math.min(this.burst(), this.tokens + ((now - this.refilledAt) / 1000) * this.rate);
      this.refilledAt = now;
      allowed = Math.min(allowed, Math.floor(Math.max(0, this.tokens)));
    }
    if (allowed > 0) {
      this.push(chunk.subarray(0, allowed));
      this.passed += allowed;
      this.tokens -= allowed;
    }
    const rest = chunk.subarray(allowed);
    if (rest.length === 0) return callback();
    // Cut off: the callback never comes, so nothing more is read.
    if (this.stopAfter !== null && this.passed >= this.stopAfter) return;
    const waitMs = Math.max(5, Math.ceil(((Math.min(rest.length, this.burst()) - this.tokens) / this.rate!) * 1000));
    this.timer = setTimeout(() => {
      this.timer = null;
      this.feed(rest, callback);
    }, waitMs);
  }
}
