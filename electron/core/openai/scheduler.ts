import { childSignal, wakeOrAbort } from './abort-fanout.ts';
import { realTimers, sleep, type Timers } from './abortable-sleep.ts';
import { classifyFailure, type AttemptFailure } from './failure.ts';
import { readRateLimit, readRetryAfter, type RateLimitState } from './rate-limit-headers.ts';
import { interactiveAttempts } from './retry-budget.ts';
import { WaitQueue } from './wait-queue.ts';

const MAX_RETRY_AFTER_MS = 5 * 60_000;

/** Requests one connection has in flight at most (unless told otherwise): what the clone's fan-outs are sized by. */
export const MAX_IN_FLIGHT = 96;

export interface SchedulerOptions {
  /** Requests in flight at once when all is well. */
  maxConcurrency?: number;
  /**
   * Requests in flight at once before the server has said anything about its limits. Management endpoints
   * may send no `x-ratelimit-*` headers, so a cold scheduler starts this narrow and widens on success.
   */
  initialConcurrency?: number;
  /** Attempts per request, the first included. */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
  now?: () => number;
  /** Where backoffs and pauses are waited out (a test's manual clock, with `now`). */
  timers?: Timers;
}

export interface RunOptions<T> {
  signal?: AbortSignal | undefined;
  /**
   * For creates: called before retrying an attempt whose request may have been applied although its answer
   * was lost. It returns what the lost attempt made, if anything, so one source object never becomes two.
   */
  reconcile?: (() => Promise<T | undefined>) | undefined;
  /** Reads and idempotent writes (update, delete) may simply be retried; creates need `reconcile`. */
  idempotent: boolean;
  /**
   * Waiting requests start highest priority first (then in arrival order). Work nothing else waits on
   * (creating assistants) goes below work on a job's critical path (files, stores, batches).
   */
  priority?: number | undefined;
  /**
   * Requests of one kind (creates) that the server has not yet answered with a success. While no
   * rate-limit headers have been seen, at most the starting width of a kind is in flight until one of
   * them succeeds: widening on reads must not let the first burst of creates go out 96 wide.
   */
  kind?: string | undefined;
}

export interface SchedulerStats {
  attempts: number;
  retries: number;
  throttled: number;
  reconciled: number;
  concurrency: number;
}

/**
 * Runs API calls for one organization: it keeps concurrency within what the server's
 * `x-ratelimit-*-requests` headers allow, starts narrow while it knows nothing (no headers yet) and widens
 * on success (slow start: one more per success, so the width doubles per round trip, until the first 429
 * or the headers say how much room there is), backs off on 429 (honouring retry-after) and on failures with
 * exponential backoff and full jitter, and stops at once when the signal aborts. The SDK's own retries are
 * off (`maxRetries: 0`); this is the one place that decides to try again.
 */
export class RequestScheduler {
  readonly #maxConcurrency: number;
  readonly #maxAttempts: number;
  readonly #baseDelayMs: number;
  readonly #maxDelayMs: number;
  readonly #random: () => number;
  readonly #now: () => number;
  readonly #timers: Timers;
  #limit: number;
  /** Widening one per success: no 429 yet and no headers to go by. */
  #slowStart = true;
  #active = 0;
  #pausedUntil = 0;
  #nextSlotAt = 0;
  #rate: RateLimitState | null = null;
  /** Each waiting request's wake-up, by priority (see WaitQueue). */
  readonly #waiting = new WaitQueue<() => void>();
  readonly #initialConcurrency: number;
  readonly #kinds = new Map<string, { active: number; succeeded: boolean; waiting: Array<() => void> }>();
  #timer: unknown = null;
  readonly stats: SchedulerStats = { attempts: 0, retries: 0, throttled: 0, reconciled: 0, concurrency: 0 };

  constructor(options: SchedulerOptions = {}) {
    this.#maxConcurrency = options.maxConcurrency ?? MAX_IN_FLIGHT;
    this.#maxAttempts = options.maxAttempts ?? 8;
    this.#baseDelayMs = options.baseDelayMs ?? 250;
    this.#maxDelayMs = options.maxDelayMs ?? 30_000;
    this.#random = options.random ?? Math.random;
    this.#now = options.now ?? Date.now;
    this.#timers = options.timers ?? realTimers;
    this.#initialConcurrency = Math.min(this.#maxConcurrency, Math.max(1, options.initialConcurrency ?? 8));
    this.#limit = this.#initialConcurrency;
    this.stats.concurrency = this.#limit;
  }

  /** Feeds the scheduler every response the connection's fetch sees, successes and errors alike. */
  observe(status: number, headers: Headers): void {
    const rate = readRateLimit(headers);
    if (rate) this.#rate = rate;
    if (status === 429) {
      this.stats.throttled += 1;
      this.#slowStart = false;
      // Multiplicative decrease: the server says we are too fast.
      this.#limit = Math.max(1, Math.floor(this.#limit / 2));
      const wait = readRetryAfter(headers, this.#now()) ?? rate?.resetMs ?? 1000;
      this.#pausedUntil = Math.max(this.#pausedUntil, this.#now() + wait);
    } else if (status < 400 && this.#limit < this.#maxConcurrency) {
      // The headers say how much room there is (and the spacing below keeps within it): use it at once.
      if (this.#slowStart && this.#rate) this.#limit = this.#maxConcurrency;
      // Slow start: one more per success, doubling the width per round trip.
      else if (this.#slowStart) this.#limit += 1;
      // Additive increase, about one step per window of successful requests.
      else if (this.#random() < 1 / this.#limit) this.#limit += 1;
    }
    this.stats.concurrency = this.#limit;
  }

  async run<T>(operation: (signal: AbortSignal | undefined) => Promise<T>, options: RunOptions<T>): Promise<T> {
    const { signal } = options;
    for (let attempt = 1; ; attempt += 1) {
      signal?.throwIfAborted();
      await this.#enterKind(options.kind, signal);
      let succeeded = false;
      try {
        await this.#acquire(signal, options.priority ?? 0);
      } catch (error) {
        this.#leaveKind(options.kind, false);
        throw error;
      }
      let failure: AttemptFailure;
      let thrown: unknown;
      // The attempt's own signal, following the caller's: the SDK listens on it, not on a job's shared one.
      const own = childSignal(signal);
      try {
        this.stats.attempts += 1;
        const result = await operation(own.signal);
        succeeded = true;
        return result;
      } catch (error) {
        thrown = error;
        failure = classifyFailure(error);
      } finally {
        own.release();
        this.#release();
        this.#leaveKind(options.kind, succeeded);
      }
      if (signal?.aborted) throw signal.reason;
      // Someone waiting on the screen gets fewer tries at a failing server; a rate limit is waited out alike.
      const limit = failure.throttled
        ? this.#maxAttempts
        : Math.min(this.#maxAttempts, interactiveAttempts() ?? Infinity);
      if (!failure.retryable || attempt >= limit) throw thrown;
      const delay = this.#backoff(attempt, failure);
      await sleep(delay, signal, this.#timers);
      if (failure.mayHaveApplied && !options.idempotent) {
        if (!options.reconcile) throw thrown;
        const found = await this.#reconcile(options.reconcile, signal);
        if (found !== undefined) {
          this.stats.reconciled += 1;
          return found;
        }
      }
      this.stats.retries += 1;
    }
  }

  /**
   * Runs a reconcile, trying it again on failures that may pass (as a read is). It takes no slot: its own
   * requests (listings, downloads) are scheduled like any others, so a reconcile never holds the slot its
   * listing needs (at a width of one that waits for ever), nor one that a look-alike's upload it waits for
   * needs (see Claims in clone/claims.ts).
   */
  async #reconcile<T>(
    reconcile: () => Promise<T | undefined>,
    signal: AbortSignal | undefined,
  ): Promise<T | undefined> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await reconcile();
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        const failure = classifyFailure(error);
        if (!failure.retryable || attempt >= this.#maxAttempts) throw error;
        await sleep(this.#backoff(attempt, failure), signal, this.#timers);
      }
    }
  }

  /** Waits while this kind is cold (no success yet, no headers) and already at the starting width. */
  async #enterKind(kind: string | undefined, signal: AbortSignal | undefined): Promise<void> {
    if (kind === undefined) return;
    let state = this.#kinds.get(kind);
    if (!state) {
      state = { active: 0, succeeded: false, waiting: [] };
      this.#kinds.set(kind, state);
    }
    const cold = state;
    while (!cold.succeeded && this.#rate === null && cold.active >= this.#initialConcurrency) {
      await wakeOrAbort(signal, (wake) => {
        cold.waiting.push(wake);
        return () => {
          const index = cold.waiting.indexOf(wake);
          if (index >= 0) cold.waiting.splice(index, 1);
        };
      });
    }
    cold.active += 1;
  }

  #leaveKind(kind: string | undefined, succeeded: boolean): void {
    const state = kind === undefined ? undefined : this.#kinds.get(kind);
    if (!state) return;
    state.active -= 1;
    if (succeeded) state.succeeded = true;
    // Warm now (or the server spoke): everyone waiting may go; otherwise the one freed slot.
    for (const wake of state.succeeded || this.#rate !== null ? state.waiting.splice(0) : state.waiting.splice(0, 1))
      wake();
  }

  #backoff(attempt: number, failure: AttemptFailure): number {
    const asked = readRetryAfter(failure.headers, this.#now());
    // The server's own word is never shortened (that would just earn another 429), only bounded.
    if (asked !== null) return Math.min(asked, MAX_RETRY_AFTER_MS) + this.#random() * 100;
    const ceiling = Math.min(this.#maxDelayMs, this.#baseDelayMs * 2 ** (attempt - 1));
    return this.#random() * ceiling;
  }

  async #acquire(signal: AbortSignal | undefined, priority: number): Promise<void> {
    // Someone of higher priority is waiting: queue behind them rather than take the free slot.
    while (!this.#canStart() || this.#waiting.hasAbove(priority)) {
      await wakeOrAbort(signal, (wake) => {
        // Behind everyone of the same or higher priority, ahead of the rest.
        const leave = this.#waiting.push(priority, wake);
        this.#armTimer();
        return leave;
      });
      if (this.#canStart()) break;
    }
    this.#active += 1;
    this.#nextSlotAt = this.#now() + this.#spacingMs();
    // Another waiter may fit too (the limit may be above one).
    this.#pump();
  }

  #release(): void {
    this.#active -= 1;
    this.#pump();
  }

  #canStart(): boolean {
    const now = this.#now();
    return this.#active < this.#limit && now >= this.#pausedUntil && now >= this.#nextSlotAt;
  }

  /**
   * Spacing between request starts. OpenAI's request limit refills continuously ("reset" is the time until
   * the bucket is full again), so while plenty remains requests go out freely, and once the remainder runs
   * low they go out at the refill rate: the limit is used fully and no 429 is earned.
   */
  #spacingMs(): number {
    const rate = this.#rate;
    if (!rate) return 0;
    // Requests already in flight will spend part of what remains.
    const budget = rate.remaining - this.#active;
    if (budget > Math.max(4, rate.limit * 0.05)) return 0;
    return 60_000 / rate.limit;
  }

  #pump(): void {
    if (this.#waiting.size === 0) return;
    // Wake one; it re-checks and takes the slot, then pumps again. Waking all would stampede.
    if (this.#canStart()) this.#waiting.shift()!();
    else this.#armTimer();
  }

  #armTimer(): void {
    if (this.#timer || this.#waiting.size === 0) return;
    const now = this.#now();
    const at = Math.max(this.#pausedUntil, this.#nextSlotAt);
    if (at <= now && this.#active >= this.#limit) return; // a release will pump
    this.#timer = this.#timers.setTimeout(
      () => {
        this.#timer = null;
        this.#pump();
      },
      Math.max(1, at - now),
    );
  }
}
