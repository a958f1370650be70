/**
 * The requests waiting for a slot: highest priority first, in arrival order within a priority. A clone
 * queues thousands at once (every file, store and assistant of a large org), so every operation is constant
 * time in the number waiting (a sorted array cost a scan on each arrival, and another on each check for
 * someone of higher priority). Priorities are few (a job's critical path, its background work), so those
 * are a short sorted list of first-in-first-out queues.
 */
export class WaitQueue<T> {
  /**
   * Highest first; each with its entries from `head` on (removed ones are left as holes). An entry's
   * place is counted from the lane's start (`base` is how many have been dropped from the front), so a
   * remover still finds it after the front is dropped.
   */
  readonly #lanes: Lane<T>[] = [];
  #size = 0;

  get size(): number {
    return this.#size;
  }

  /** Adds `item` behind everyone of its priority; the returned function takes it out again (on cancel). */
  push(priority: number, item: T): () => void {
    let lane = this.#lanes.find((l) => l.priority === priority);
    if (!lane) {
      lane = { priority, entries: [], base: 0, head: 0, live: 0 };
      const at = this.#lanes.findIndex((l) => l.priority < priority);
      if (at < 0) this.#lanes.push(lane);
      else this.#lanes.splice(at, 0, lane);
    }
    const entry = { item };
    const place = lane.base + lane.entries.push(entry) - 1;
    lane.live += 1;
    this.#size += 1;
    const home = lane;
    return () => {
      const at = place - home.base;
      if (at < home.head || home.entries[at] !== entry) return;
      home.entries[at] = undefined;
      home.live -= 1;
      this.#size -= 1;
    };
  }

  /** Takes out the first of the highest priority waiting. */
  shift(): T | undefined {
    for (const lane of this.#lanes) {
      while (lane.live > 0) {
        const entry = lane.entries[lane.head];
        lane.entries[lane.head] = undefined;
        lane.head += 1;
        if (!entry) continue;
        lane.live -= 1;
        this.#size -= 1;
        this.#compact(lane);
        return entry.item;
      }
    }
    return undefined;
  }

  /** Whether anyone of a higher priority than `priority` is waiting. */
  hasAbove(priority: number): boolean {
    for (const lane of this.#lanes) {
      if (lane.priority <= priority) return false;
      if (lane.live > 0) return true;
    }
    return false;
  }

  /** Drops the lane's taken-out front once it is most of the array, so memory follows what waits. */
  #compact(lane: Lane<T>): void {
    if (lane.live === 0) {
      lane.base += lane.entries.length;
      lane.entries.length = 0;
      lane.head = 0;
    } else if (lane.head > 1024 && lane.head * 2 > lane.entries.length) {
      lane.entries.splice(0, lane.head);
      lane.base += lane.head;
      lane.head = 0;
    }
  }
}

interface Lane<T> {
  priority: number;
  entries: ({ item: T } | undefined)[];
  base: number;
  head: number;
  live: number;
}
