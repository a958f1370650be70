import { whenAborted } from './abort-fanout.ts';

/** Where waits are scheduled: the real timers, or a test's manual clock. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Waits `ms`, or rejects with the signal's reason the moment it aborts: cancel must not wait out a backoff. */
export function sleep(ms: number, signal?: AbortSignal, timers: Timers = realTimers): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    // Thousands of backoffs may wait on one job's signal at once (a 429 storm): see abort-fanout.ts.
    const timer = timers.setTimeout(
      () => {
        stopWatching();
        resolve();
      },
      Math.max(0, ms),
    );
    const stopWatching = whenAborted(signal, () => {
      timers.clearTimeout(timer);
      reject(signal?.reason);
    });
  });
}
