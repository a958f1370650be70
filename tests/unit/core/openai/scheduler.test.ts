import { getEventListeners } from 'node:events';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { withInteractiveRetries, withPatientRetries } from '../../../../electron/core/openai/retry-budget.ts';
import { RequestScheduler } from '../../../../electron/core/openai/scheduler.ts';
import { manualClock } from '../../../support/manual-clock.ts';

const apiError = (status: number, headers: Record<string, string> = {}, code?: string) =>
  OpenAI.APIError.generate(
    status,
    { error: { message: `status ${status}`, ...(code ? { code } : {}) } },
    undefined,
    new Headers(headers),
  );
const connectionLost = () => new OpenAI.APIConnectionError({ message: 'socket hang up' });
const fast = () => new RequestScheduler({ baseDelayMs: 1, maxDelayMs: 5 });

describe('RequestScheduler retries', () => {
  it('retries retryable failures (5xx, dropped connections) until one succeeds', async () => {
    const scheduler = fast();
    const failures = [apiError(503), connectionLost(), apiError(500)];
    let calls = 0;
    const result = await scheduler.run(
      async () => {
        calls += 1;
        const failure = failures.shift();
        if (failure) throw failure;
        return 'done';
      },
      { idempotent: true },
    );
    expect(result).toBe('done');
    expect(calls).toBe(4);
    expect(scheduler.stats.retries).toBe(3);
  });

  it('does not retry what will fail again (400, 401, 404, insufficient_quota)', async () => {
    for (const error of [apiError(400), apiError(401), apiError(404), apiError(429, {}, 'insufficient_quota')]) {
      let calls = 0;
      await expect(
        fast().run(
          async () => {
            calls += 1;
            throw error;
          },
          { idempotent: true },
        ),
      ).rejects.toBe(error);
      expect(calls).toBe(1);
    }
  });

  it('gives up after maxAttempts and throws the last failure', async () => {
    const scheduler = new RequestScheduler({ baseDelayMs: 1, maxDelayMs: 2, maxAttempts: 3 });
    let calls = 0;
    await expect(
      scheduler.run(
        async () => {
          calls += 1;
          throw apiError(502);
        },
        { idempotent: true },
      ),
    ).rejects.toMatchObject({ status: 502 });
    expect(calls).toBe(3);
  });

  it('honours retry-after on a 429', async () => {
    const clock = manualClock();
    const scheduler = new RequestScheduler({
      baseDelayMs: 1,
      maxDelayMs: 5,
      now: clock.now,
      timers: clock.timers,
      random: () => 0,
    });
    const started = clock.now();
    const attempts: number[] = [];
    const run = scheduler.run(
      async () => {
        attempts.push(clock.now() - started);
        if (attempts.length === 1) throw apiError(429, { 'retry-after-ms': '120' });
        return 1;
      },
      { idempotent: true },
    );
    await clock.advance(119);
    expect(attempts).toEqual([0]);
    await clock.advance(1);
    await expect(run).resolves.toBe(1);
    expect(attempts).toEqual([0, 120]);
  });
});

describe('RequestScheduler and creates whose answer was lost', () => {
  it('finds what the lost attempt made instead of creating it twice', async () => {
    const scheduler = fast();
    const created: string[] = [];
    let creates = 0;
    const result = await scheduler.run(
      async () => {
        creates += 1;
        created.push('asst_1'); // applied on the server ...
        throw connectionLost(); // ... but the answer never arrived
      },
      { idempotent: false, reconcile: async () => created[0] },
    );
    expect(result).toBe('asst_1');
    expect(creates).toBe(1);
    expect(scheduler.stats.reconciled).toBe(1);
  });

  it('creates again when reconcile finds nothing', async () => {
    const scheduler = fast();
    let creates = 0;
    const result = await scheduler.run(
      async () => {
        creates += 1;
        if (creates === 1) throw apiError(502);
        return 'asst_2';
      },
      { idempotent: false, reconcile: async () => undefined },
    );
    expect(result).toBe('asst_2');
    expect(creates).toBe(2);
  });

  it('refuses to blindly retry a create that may have been applied when it cannot reconcile', async () => {
    let creates = 0;
    await expect(
      fast().run(
        async () => {
          creates += 1;
          throw connectionLost();
        },
        { idempotent: false },
      ),
    ).rejects.toBeInstanceOf(OpenAI.APIConnectionError);
    expect(creates).toBe(1);
  });

  it('a reconcile takes no slot of its own: at a width of one, its listing still runs', async () => {
    // Its own requests (the listing) are scheduled like any others; were the reconcile itself holding the
    // only slot, the listing would wait behind it for ever. Nothing is timed: the manual clock stands still.
    const clock = manualClock();
    const scheduler = new RequestScheduler({
      maxConcurrency: 1,
      initialConcurrency: 1,
      baseDelayMs: 1,
      maxDelayMs: 1,
      random: () => 0,
      now: clock.now,
      timers: clock.timers,
    });
    let listed = false;
    const run = scheduler.run(
      async () => {
        throw connectionLost();
      },
      {
        idempotent: false,
        reconcile: () =>
          scheduler.run(
            async () => {
              listed = true;
              return 'file-1';
            },
            { idempotent: true },
          ),
      },
    );
    await clock.advance(5);
    expect(listed).toBe(true);
    await expect(run).resolves.toBe('file-1');
  });

  it('retries a create rejected before it was applied (429) without reconciling', async () => {
    let reconciles = 0;
    let creates = 0;
    await fast().run(
      async () => {
        creates += 1;
        if (creates === 1) throw apiError(429, { 'retry-after-ms': '1' });
        return 'ok';
      },
      {
        idempotent: false,
        reconcile: async () => {
          reconciles += 1;
          return undefined;
        },
      },
    );
    expect(reconciles).toBe(0);
    expect(creates).toBe(2);
  });
});

describe('RequestScheduler cancel and pacing', () => {
  it('stops at once when cancelled during a backoff', async () => {
    const clock = manualClock();
    const scheduler = new RequestScheduler({
      baseDelayMs: 10_000,
      maxDelayMs: 10_000,
      random: () => 1,
      now: clock.now,
      timers: clock.timers,
    });
    const controller = new AbortController();
    let calls = 0;
    const run = scheduler.run(
      async () => {
        calls += 1;
        throw apiError(503);
      },
      { idempotent: true, signal: controller.signal },
    );
    await clock.advance(30);
    expect(calls).toBe(1);
    // The clock stands still: the run may not wait out the 10 s backoff before it gives up.
    controller.abort(new Error('cancelled by the user'));
    await expect(run).rejects.toThrow('cancelled by the user');
    expect(clock.pendingCount()).toBe(0);
  });

  it('never runs more requests at once than its concurrency', async () => {
    const scheduler = new RequestScheduler({ maxConcurrency: 4, initialConcurrency: 4 });
    let active = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 40 }, () =>
        scheduler.run(
          async () => {
            active += 1;
            peak = Math.max(peak, active);
            await new Promise((resolve) => setTimeout(resolve, 2));
            active -= 1;
          },
          { idempotent: true },
        ),
      ),
    );
    expect(peak).toBeLessThanOrEqual(4);
    expect(peak).toBeGreaterThanOrEqual(2);
  });

  it('keeps one listener on a job signal however many requests wait on it, and cancels them all', async () => {
    const scheduler = new RequestScheduler({ maxConcurrency: 2, initialConcurrency: 2 });
    const job = new AbortController();
    const started: AbortSignal[] = [];
    const release: Array<() => void> = [];
    const runs = Array.from({ length: 500 }, (_, i) =>
      scheduler.run(
        (signal) =>
          new Promise<number>((resolve, reject) => {
            started.push(signal!);
            signal!.addEventListener('abort', () => reject(signal!.reason));
            release.push(() => resolve(i));
          }),
        { idempotent: true, signal: job.signal, priority: i % 2 === 0 ? 0 : -1 },
      ),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toHaveLength(2);
    // 498 waiting and 2 running: the job's signal has one listener, each attempt a signal of its own.
    expect(getEventListeners(job.signal, 'abort')).toHaveLength(1);
    expect(started[0]).not.toBe(job.signal);
    release.shift()!();
    await expect(runs[0]).resolves.toBe(0);
    job.abort(new Error('cancelled by the user'));
    const settled = await Promise.allSettled(runs);
    expect(settled.filter((r) => r.status === 'rejected')).toHaveLength(499);
    // The two that were running when the job was cancelled saw it on their own signals.
    expect(started).toHaveLength(3);
    expect(started.slice(1).every((signal) => signal.aborted)).toBe(true);
  });

  it('starts waiting requests by priority, in arrival order within one, skipping cancelled ones', async () => {
    const scheduler = new RequestScheduler({ maxConcurrency: 1, initialConcurrency: 1 });
    const order: string[] = [];
    let unblock!: () => void;
    const first = scheduler.run(() => new Promise<void>((resolve) => (unblock = resolve)), { idempotent: true });
    const cancel = new AbortController();
    const run = (name: string, priority: number, signal?: AbortSignal) =>
      scheduler.run(async () => void order.push(name), { idempotent: true, priority, signal });
    await new Promise((resolve) => setImmediate(resolve));
    const runs = [
      run('low 1', -1),
      run('normal 1', 0),
      run('low 2', -1),
      run('cancelled', 0, cancel.signal),
      run('normal 2', 0),
      run('urgent', 5),
    ];
    for (const r of runs) r.catch(() => undefined);
    await new Promise((resolve) => setImmediate(resolve));
    cancel.abort(new Error('no longer wanted'));
    unblock();
    await first;
    await Promise.allSettled(runs);
    expect(order).toEqual(['urgent', 'normal 1', 'normal 2', 'low 1', 'low 2']);
  });

  it('pauses new requests after a 429 for as long as retry-after says', async () => {
    const clock = manualClock();
    const scheduler = new RequestScheduler({ now: clock.now, timers: clock.timers });
    scheduler.observe(429, new Headers({ 'retry-after-ms': '150' }));
    const started = clock.now();
    let ranAt: number | undefined;
    const run = scheduler.run(
      async () => {
        ranAt = clock.now() - started;
      },
      { idempotent: true },
    );
    await clock.advance(149);
    expect(ranAt).toBeUndefined();
    await clock.advance(1);
    await run;
    expect(ranAt).toBe(150);
    expect(scheduler.stats.throttled).toBe(1);
  });

  it('paces requests at the refill rate when remaining runs low', async () => {
    const clock = manualClock();
    const scheduler = new RequestScheduler({ maxConcurrency: 8, now: clock.now, timers: clock.timers });
    // 600 a minute refills one request every 100 ms.
    scheduler.observe(
      200,
      new Headers({
        'x-ratelimit-limit-requests': '600',
        'x-ratelimit-remaining-requests': '3',
        'x-ratelimit-reset-requests': '59.7s',
      }),
    );
    const started = clock.now();
    const starts: number[] = [];
    const all = Promise.all(
      Array.from({ length: 3 }, () =>
        scheduler.run(
          async () => {
            starts.push(clock.now() - started);
          },
          { idempotent: true },
        ),
      ),
    );
    await clock.advance(1000);
    await all;
    expect(starts).toEqual([0, 100, 200]);
  });

  it('sends freely while plenty remains', async () => {
    const clock = manualClock();
    const scheduler = new RequestScheduler({ maxConcurrency: 8, now: clock.now, timers: clock.timers });
    scheduler.observe(
      200,
      new Headers({
        'x-ratelimit-limit-requests': '600',
        'x-ratelimit-remaining-requests': '500',
        'x-ratelimit-reset-requests': '10s',
      }),
    );
    const starts: number[] = [];
    const all = Promise.all(
      Array.from({ length: 20 }, () =>
        scheduler.run(
          async () => {
            starts.push(clock.now());
          },
          { idempotent: true },
        ),
      ),
    );
    await clock.advance(0);
    await all;
    expect(new Set(starts)).toEqual(new Set([clock.now()]));
  });
});

describe('RequestScheduler against a server that says nothing of its limits', () => {
  /** Runs `count` requests that each wait for the test to answer them; reports the widest moment. */
  function held(scheduler: RequestScheduler, count: number, kind?: string) {
    let active = 0;
    let peak = 0;
    const waiting: Array<() => void> = [];
    const all = Promise.all(
      Array.from({ length: count }, () =>
        scheduler.run(
          async () => {
            active += 1;
            peak = Math.max(peak, active);
            await new Promise<void>((resolve) => waiting.push(resolve));
            active -= 1;
            scheduler.observe(200, new Headers());
          },
          { idempotent: true, kind },
        ),
      ),
    );
    const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
    return {
      all,
      active: () => active,
      peak: () => peak,
      /** Answers every request in flight now, then lets the next ones start. */
      async answerRound() {
        for (const answer of waiting.splice(0)) answer();
        await settle();
        await settle();
      },
    };
  }

  it('starts 8 wide, not 96, before anything has succeeded', async () => {
    const scheduler = new RequestScheduler({ maxConcurrency: 96 });
    const work = held(scheduler, 200);
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(work.active()).toBe(8);
    expect(scheduler.stats.concurrency).toBe(8);
    while (work.active() > 0) await work.answerRound();
    await work.all;
  });

  it('widens on success, doubling per round trip up to the maximum', async () => {
    const scheduler = new RequestScheduler({ maxConcurrency: 96 });
    const work = held(scheduler, 400);
    await new Promise<void>((resolve) => setImmediate(resolve));
    const widths: number[] = [work.active()];
    for (let round = 0; round < 5; round += 1) {
      await work.answerRound();
      widths.push(work.active());
    }
    expect(widths).toEqual([8, 16, 32, 64, 96, 96]);
    while (work.active() > 0) await work.answerRound();
    await work.all;
  });

  it('halves on a 429 and then widens slowly (additive), not by doubling', async () => {
    const scheduler = new RequestScheduler({ maxConcurrency: 96, random: () => 0.99 });
    for (let i = 0; i < 24; i += 1) scheduler.observe(200, new Headers());
    expect(scheduler.stats.concurrency).toBe(32);
    scheduler.observe(429, new Headers({ 'retry-after-ms': '1' }));
    expect(scheduler.stats.concurrency).toBe(16);
    for (let i = 0; i < 50; i += 1) scheduler.observe(200, new Headers());
    // random() = 0.99 never beats 1/16: no growth at all after the decrease, where slow start grew by 50.
    expect(scheduler.stats.concurrency).toBe(16);
  });

  it('holds creates to the starting width until one succeeds, however much reads widened it', async () => {
    const scheduler = new RequestScheduler({ maxConcurrency: 96 });
    for (let i = 0; i < 20; i += 1) scheduler.observe(200, new Headers());
    expect(scheduler.stats.concurrency).toBe(28);
    const creates = held(scheduler, 60, 'create');
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(creates.active()).toBe(8);
    await creates.answerRound();
    // One create has succeeded: the kind is warm, and the scheduler's own width (now wider) applies.
    expect(creates.active()).toBeGreaterThan(8);
    while (creates.active() > 0) await creates.answerRound();
    await creates.all;
  });

  it('goes full width at once when the first answer brings rate-limit headers', () => {
    const scheduler = new RequestScheduler({ maxConcurrency: 96 });
    expect(scheduler.stats.concurrency).toBe(8);
    scheduler.observe(
      200,
      new Headers({
        'x-ratelimit-limit-requests': '10000',
        'x-ratelimit-remaining-requests': '9990',
        'x-ratelimit-reset-requests': '60ms',
      }),
    );
    expect(scheduler.stats.concurrency).toBe(96);
  });
});

describe('RequestScheduler and who is waiting', () => {
  const failing = (error: () => Error) => {
    let calls = 0;
    return {
      calls: () => calls,
      run: async () => {
        calls += 1;
        throw error();
      },
    };
  };

  it('gives up sooner on a failing server while an admin waits on the screen', async () => {
    const scheduler = fast();
    const interactive = failing(() => apiError(503));
    await expect(
      withInteractiveRetries(3, () => scheduler.run(interactive.run, { idempotent: true })),
    ).rejects.toMatchObject({ status: 503 });
    expect(interactive.calls()).toBe(3);
    const patient = failing(() => apiError(503));
    await expect(scheduler.run(patient.run, { idempotent: true })).rejects.toMatchObject({ status: 503 });
    expect(patient.calls()).toBe(8);
  });

  it('waits out a rate limit alike: throttling does not use up the interactive tries', async () => {
    const scheduler = fast();
    let calls = 0;
    const result = await withInteractiveRetries(2, () =>
      scheduler.run(
        async () => {
          calls += 1;
          if (calls <= 4) throw apiError(429, { 'retry-after-ms': '1' });
          return 'through';
        },
        { idempotent: true },
      ),
    );
    expect(result).toBe('through');
    expect(calls).toBe(5);
  });

  it('lets work started from a click keep the full patience', async () => {
    const scheduler = fast();
    const job = failing(() => connectionLost());
    await expect(
      withInteractiveRetries(3, () => withPatientRetries(() => scheduler.run(job.run, { idempotent: true }))),
    ).rejects.toBeInstanceOf(OpenAI.APIConnectionError);
    expect(job.calls()).toBe(8);
  });
});
