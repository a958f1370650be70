import type { Timers } from '../../electron/core/openai/abortable-sleep.ts';

/**
 * A clock a test moves by hand: `now` and the timers the scheduler waits on both follow it, so a test can
 * assert "waited 120 ms" exactly, however loaded the machine is.
 */
export function manualClock(start = 1_000_000) {
  let now = start;
  let nextId = 1;
  const pending: { id: number; at: number; callback: () => void }[] = [];
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
  const timers: Timers = {
    setTimeout(callback, ms) {
      const id = nextId++;
      pending.push({ id, at: now + Math.max(0, ms), callback });
      return id;
    },
    clearTimeout(handle) {
      const index = pending.findIndex((timer) => timer.id === handle);
      if (index >= 0) pending.splice(index, 1);
    },
  };
  return {
    now: () => now,
    timers,
    /** Moves time forward by `ms`, firing every timer due on the way, in order, letting promises settle. */
    async advance(ms: number): Promise<void> {
      const target = now + ms;
      await settle();
      for (;;) {
        pending.sort((a, b) => a.at - b.at || a.id - b.id);
        const next = pending[0];
        if (!next || next.at > target) break;
        pending.shift();
        now = Math.max(now, next.at);
        next.callback();
        await settle();
      }
      now = target;
      await settle();
    },
    /** Timers not yet fired. */
    pendingCount: () => pending.length,
  };
}
