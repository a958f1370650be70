import { AsyncLocalStorage } from 'node:async_hooks';

/*
 * How many tries a failing request gets depends on who is waiting. A clone job or a script is patient:
 * the scheduler's own budget (8 attempts, about 16 s of backoff on average) rides out a flaky server. An
 * admin watching a pane load or a button spin is not: after a few quick tries they should read
 * "unreachable" and decide for themselves. The budget travels with the call through async context, so no
 * resource API needs a parameter for it, and a job started by a click escapes it (withPatientRetries).
 * Throttling (429) is not counted against it: waiting out a rate limit is progress, not failure.
 */
const budget = new AsyncLocalStorage<number>();

/** Runs `work` so that its requests give up after `attempts` tries on server or network failures. */
export function withInteractiveRetries<T>(attempts: number, work: () => T): T {
  return budget.run(attempts, work);
}

/** Runs `work` with the scheduler's full patience, whoever started it (a job outlives the click). */
export function withPatientRetries<T>(work: () => T): T {
  return budget.exit(work);
}

/** The attempts allowed where this request runs; undefined where nobody is waiting on a screen. */
export function interactiveAttempts(): number | undefined {
  return budget.getStore();
}
