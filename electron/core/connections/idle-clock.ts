/**
 * A request that is large is not a request that is stuck. A timeout on the whole request fails every
 * upload bigger than the link can carry in that time (64 MB at 1 MB/s is a minute), on every retry. So
 * the clock here measures silence instead: it restarts whenever a chunk of the body goes out or a chunk of
 * the answer comes in, and only `idleMs` without either ends the request. The overall deadline is the
 * SDK's own `timeout`, set apart from this; a cancel aborts the caller's signal, which reaches the socket
 * at once as before.
 */

/** No byte moved either way for the idle timeout. Its message avoids "timed out" on purpose: the SDK would
 * turn that into a bare "Request timed out." and drop this explanation. */
export class StalledError extends Error {
  readonly idleMs: number;

  constructor(idleMs: number, phase: Phase) {
    super(`no data moved for ${formatSeconds(idleMs)} while ${PHASES[phase]}`);
    this.name = 'StalledError';
    this.idleMs = idleMs;
  }
}

export type Phase = 'sending' | 'waiting' | 'receiving';

const PHASES: Record<Phase, string> = {
  sending: 'sending the request (the server stopped reading it)',
  waiting: 'waiting for the answer',
  receiving: 'receiving the answer',
};

/**
 * Bytes the client hands over are not yet on the wire: the OS send buffer (several MB on Linux) drains at
 * the link's pace with no sign of it here. So once a body is handed over, the wait for the answer allows
 * for that tail going out at a slow link's pace before silence counts.
 */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
const SLOWEST_UPLINK_BYTES_PER_SECOND = 64 * 1024;
export const drainAllowanceMs = (sent: number) =>
  Math.ceil((Math.min(sent, MAX_BUFFERED_BYTES) / SLOWEST_UPLINK_BYTES_PER_SECOND) * 1000);

const formatSeconds = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`);

/** The first StalledError in an error's cause chain (the SDK wraps it in an APIConnectionError). */
export function stalledCause(error: unknown): StalledError | undefined {
  for (let e: unknown = error; e instanceof Error; e = e.cause) if (e instanceof StalledError) return e;
  return undefined;
}

/**
 * The silence clock of one request. A chunk only notes the time ({@link touch}); the one timer, when it
 * fires, ends the request if the silence really lasted the limit and otherwise sleeps for the rest. A
 * timer re-armed per chunk cost more than the chunk (a request body is a dozen chunks; 96 are in flight).
 */
export class IdleClock {
  readonly #idleMs: number;
  readonly #onStall: (error: StalledError) => void;
  #phase: Phase = 'sending';
  #limitMs = 0;
  #last = 0;
  #timer: NodeJS.Timeout | undefined;
  /** When the pending timer fires (performance.now()). */
  #fireAt = 0;

  constructor(idleMs: number, onStall: (error: StalledError) => void) {
    this.#idleMs = idleMs;
    this.#onStall = onStall;
  }

  /** Enters a phase with a fresh clock; `allowanceMs` adds to the limit (the send buffer draining). */
  start(phase: Phase, allowanceMs = 0): void {
    this.#phase = phase;
    this.#limitMs = this.#idleMs + allowanceMs;
    this.#last = performance.now();
    // A pending timer that fires no later than the new limit runs out serves as it is (its check sleeps on
    // for the rest): a request's phases (sent, answered) then cost no timer each.
    if (this.#timer !== undefined && this.#fireAt <= this.#last + this.#limitMs) return;
    this.stop();
    this.#arm(this.#limitMs);
  }

  /** A chunk moved: the silence starts again from now. */
  touch(): void {
    this.#last = performance.now();
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #arm(ms: number): void {
    this.#fireAt = performance.now() + ms;
    this.#timer = setTimeout(() => this.#check(), ms);
    // A body nobody reads any more must not keep the process alive.
    this.#timer.unref();
  }

  #check(): void {
    const rest = this.#limitMs - (performance.now() - this.#last);
    if (rest > 0) return this.#arm(rest);
    this.#timer = undefined;
    this.#onStall(new StalledError(this.#limitMs, this.#phase));
  }
}
