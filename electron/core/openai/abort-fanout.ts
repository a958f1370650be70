/**
 * One listener on a shared signal, however many requests wait on it. A clone passes its job's signal to
 * every request, and each request waiting for a slot (and the SDK, for each one in flight) listened on it.
 * Node's EventTarget walks a type's whole listener list on every add (to refuse duplicates) and every
 * remove, so with thousands queued on one job each add and remove cost thousands of steps: at 10,000
 * requests a minute, 5.1 s of a 45 s clone's CPU went there. Here the signal gets one listener, and the
 * callbacks waiting on it are a Set (add and delete in constant time).
 */
const waiting = new WeakMap<AbortSignal, Set<() => void>>();

const noop = () => {};

/**
 * Calls `callback` once when `signal` aborts (at once if it has already); the returned function stops
 * that, in constant time. Without a signal nothing ever aborts.
 */
export function whenAborted(signal: AbortSignal | null | undefined, callback: () => void): () => void {
  if (!signal) return noop;
  if (signal.aborted) {
    callback();
    return noop;
  }
  let callbacks = waiting.get(signal);
  if (!callbacks) {
    const fresh = new Set<() => void>();
    callbacks = fresh;
    waiting.set(signal, fresh);
    signal.addEventListener(
      'abort',
      () => {
        waiting.delete(signal);
        for (const call of [...fresh]) call();
      },
      { once: true },
    );
  }
  const mine = callbacks;
  const entry = () => {
    mine.delete(entry);
    callback();
  };
  mine.add(entry);
  return () => mine.delete(entry);
}

/**
 * A signal of one request's own that aborts (with the same reason) when `parent` does: whatever listens
 * on it (the SDK, the transport) listens on a signal with one or two listeners, not on the job's. `release`
 * once the request is over.
 */
export function childSignal(parent: AbortSignal | undefined): { signal: AbortSignal | undefined; release: () => void } {
  if (!parent || parent.aborted) return { signal: parent, release: noop };
  const controller = new AbortController();
  const release = whenAborted(parent, () => controller.abort(parent.reason));
  return { signal: controller.signal, release };
}

/**
 * Waits until the wake-up handed to `enter` is called, or rejects with the signal's reason when it aborts
 * first; `enter` puts the wake-up where it will be found and returns how to take it back (on abort).
 */
export function wakeOrAbort(signal: AbortSignal | undefined, enter: (wake: () => void) => () => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let stopWatching = noop;
    const leave = enter(() => {
      stopWatching();
      resolve();
    });
    stopWatching = whenAborted(signal, () => {
      leave();
      reject(signal?.reason);
    });
  });
}
