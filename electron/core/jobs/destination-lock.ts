import { randomUUID } from 'node:crypto';
import { linkSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { mkdirPrivate, PRIVATE_FILE_MODE } from '../settings/private-state.ts';
import { systemProbe, type ProcessProbe } from './process-probe.ts';

/** Who holds a destination's lock: enough to say so in words and to tell a live owner from a dead one. */
export interface LockHolder {
  /** Unique per acquisition: a release or a takeover only ever removes the lock it judged. */
  token: string;
  pid: number;
  /** The owner process's start time (see ProcessProbe); null where the platform cannot tell. */
  started: string | null;
  host: string;
  jobId: string;
  /** The destination connection's name, for "which is writing to Acme Staging". */
  destination: string;
  since: string;
}

export interface LockClock {
  now(): number;
  /** Resolves after `ms`, or at once when `wake` aborts (the lock was released here, or a cancel). */
  sleep(ms: number, wake: AbortSignal): Promise<void>;
}

export const systemClock: LockClock = {
  now: () => Date.now(),
  sleep: (ms, wake) =>
    new Promise((resolve) => {
      if (wake.aborted) return resolve();
      const timer = setTimeout(done, ms);
      wake.addEventListener('abort', done, { once: true });
      function done() {
        clearTimeout(timer);
        wake.removeEventListener('abort', done);
        resolve();
      }
    }),
};

export type LockAttempt = { release: () => void } | { heldBy: LockHolder };

/** Releases in this process wake this process's waiters at once; other processes poll. */
const releases = new EventTarget();
const POLL_MS = 250;
/** A lock file nobody can read is taken as abandoned once it is this old (never while being written). */
const UNREADABLE_STALE_MS = 10_000;

/**
 * One writer per destination, across every process on the state folder (the app, browser mode and the
 * CLI): a job takes its destination's lock before it writes there and releases it in `finally`. The lock
 * is a file made by link(2), so it appears whole or not at all, and it names its owner by pid, process
 * start time and host, so a reused pid does not keep it. It is not reentrant: a second job in the same
 * process waits like any other.
 *
 * Why not proper-lockfile (the usual choice): its last release is from 2021; it judges staleness by an
 * mtime its holder refreshes on a timer (a blocked event loop or a sleeping laptop "compromises" a live
 * lock), by wall time that tests cannot inject; its stale takeover stats, removes and retakes with
 * nothing between two takers (both can remove, one removes the other's fresh lock); and it records no
 * owner, so a waiting job could not say whom it waits for.
 */
export class DestinationLocks {
  readonly #dir: string;
  readonly #probe: ProcessProbe;
  readonly #clock: LockClock;
  readonly #self: { pid: number; started: string | null; host: string };

  constructor(options: {
    dir: string;
    probe?: ProcessProbe;
    clock?: LockClock;
    self?: { pid: number; started: string | null; host: string };
  }) {
    this.#dir = options.dir;
    this.#probe = options.probe ?? systemProbe;
    this.#clock = options.clock ?? systemClock;
    this.#self = options.self ?? { pid: process.pid, started: this.#probe.startTime(process.pid), host: hostname() };
  }

  pathOf(connectionId: string): string {
    return join(this.#dir, `${encodeURIComponent(connectionId)}.lock`);
  }

  /** Who holds the lock now, if anyone alive does. */
  holder(connectionId: string): LockHolder | undefined {
    const path = this.pathOf(connectionId);
    const held = readHolder(path);
    if (held === undefined || this.#isStale(held, path)) return undefined;
    return held ?? unknownHolder('');
  }

  /** Takes the lock now or says who holds it; never waits, so a caller can register before any await. */
  tryAcquire(connectionId: string, who: { jobId: string; destination: string }): LockAttempt {
    mkdirPrivate(this.#dir);
    const path = this.pathOf(connectionId);
    const mine: LockHolder = {
      token: randomUUID(),
      ...this.#self,
      jobId: who.jobId,
      destination: who.destination,
      since: new Date(this.#clock.now()).toISOString(),
    };
    // Two rounds: one to find a stale lock and remove it, one to take the place it left.
    for (let round = 0; round < 2; round += 1) {
      if (createExclusive(path, mine)) return { release: () => this.#release(path, mine.token) };
      const held = readHolder(path);
      if (held === undefined) continue; // Released between our try and our read.
      if (!this.#isStale(held, path)) return { heldBy: held ?? unknownHolder(who.destination) };
      this.#takeOver(path, held);
    }
    const held = readHolder(path);
    return held === undefined ? this.tryAcquire(connectionId, who) : { heldBy: held ?? unknownHolder(who.destination) };
  }

  /**
   * Takes the lock, waiting while another job holds it: `onWait` hears of each new holder (to say so),
   * and an abort of `signal` stops the wait with its reason.
   */
  async acquire(
    connectionId: string,
    who: { jobId: string; destination: string },
    options: { signal?: AbortSignal; onWait?: (holder: LockHolder) => void } = {},
  ): Promise<() => void> {
    const path = this.pathOf(connectionId);
    let told: string | undefined;
    for (;;) {
      options.signal?.throwIfAborted();
      const attempt = this.tryAcquire(connectionId, who);
      if ('release' in attempt) return attempt.release;
      if (attempt.heldBy.token !== told) {
        told = attempt.heldBy.token;
        options.onWait?.(attempt.heldBy);
      }
      const wake = new AbortController();
      const onRelease = () => wake.abort();
      const onCancel = () => wake.abort();
      releases.addEventListener(path, onRelease);
      options.signal?.addEventListener('abort', onCancel);
      try {
        await this.#clock.sleep(POLL_MS, wake.signal);
      } finally {
        releases.removeEventListener(path, onRelease);
        options.signal?.removeEventListener('abort', onCancel);
      }
    }
  }

  #release(path: string, token: string): void {
    if (readHolder(path)?.token === token) rmSync(path, { force: true });
    releases.dispatchEvent(new Event(path));
  }

  #isStale(held: LockHolder | null, path: string): boolean {
    if (held === null) {
      // Unreadable (damaged by hand, or a filesystem without hard links mid-write): abandoned once old.
      try {
        return this.#clock.now() - statSync(path).mtimeMs > UNREADABLE_STALE_MS;
      } catch {
        return false;
      }
    }
    // Another machine's process (a state folder on a shared drive) cannot be probed: treat it as live.
    if (held.host !== this.#self.host) return false;
    if (!this.#probe.alive(held.pid)) return true;
    if (held.started === null) return false;
    const started = held.pid === this.#self.pid ? this.#self.started : this.#probe.startTime(held.pid);
    // Same pid, another start time: the owner died and its pid went to another process.
    return started !== null && started !== held.started;
  }

  /**
   * Removes a stale lock without racing another taker: takers of one stale lock compete for a guard
   * named by its token (made exclusively), and the winner removes the lock only if it still holds that
   * token. A loser then finds either the guard (and waits) or a new lock (and judges that one). A guard
   * whose taker died is itself taken over the same way.
   */
  #takeOver(path: string, stale: LockHolder | null, depth = 0): boolean {
    const guard = `${path}.takeover-${stale?.token ?? 'unreadable'}`;
    const me: LockHolder = {
      token: randomUUID(),
      ...this.#self,
      jobId: 'takeover',
      destination: '',
      since: new Date(this.#clock.now()).toISOString(),
    };
    if (!createExclusive(guard, me)) {
      const other = readHolder(guard);
      if (depth > 2 || other === undefined || !this.#isStale(other, guard) || !this.#takeOver(guard, other, depth + 1))
        return false;
      if (!createExclusive(guard, me)) return false;
    }
    try {
      const current = readHolder(path);
      if (current !== undefined && (current?.token ?? null) === (stale?.token ?? null)) rmSync(path, { force: true });
      return true;
    } finally {
      rmSync(guard, { force: true });
    }
  }
}

/** A lock being written right now (or damaged): held, by a job we cannot name yet. */
function unknownHolder(destination: string): LockHolder {
  return { token: 'unreadable', pid: 0, started: null, host: '', jobId: '(another job)', destination, since: '' };
}

/** Creates `path` holding `holder`, whole, only if it does not exist (link fails on an existing name). */
function createExclusive(path: string, holder: LockHolder): boolean {
  const temp = `${path}.${holder.token}.tmp`;
  writeFileSync(temp, JSON.stringify(holder), { mode: PRIVATE_FILE_MODE });
  try {
    linkSync(temp, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error;
    // No hard links here (FAT, some network drives): exclusive create, content written after.
    try {
      writeFileSync(path, JSON.stringify(holder), { flag: 'wx', mode: PRIVATE_FILE_MODE });
      return true;
    } catch (inner) {
      if ((inner as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw inner;
    }
  } finally {
    rmSync(temp, { force: true });
  }
}

/** The holder in a lock file: undefined when there is no file, null when it cannot be read as one. */
function readHolder(path: string): LockHolder | null | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return null;
  }
  try {
    const value = JSON.parse(text) as LockHolder;
    return typeof value.token === 'string' && typeof value.pid === 'number' ? value : null;
  } catch {
    return null;
  }
}
