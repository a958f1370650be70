/**
 * What web-clone.bench.ts measures inside the page. Both functions are serialised by Playwright and run
 * in the page, so they use nothing from outside their own bodies.
 */

export interface PageProbes {
  events: number;
  eventBytes: number;
  jobEvents: number;
  maxEventBytes: number;
  longTasks: number;
  longTasksOver: number;
  maxLongTaskMs: number;
  /** Long tasks' total duration: how much of the span the page's main thread was blocked. */
  longTaskMs: number;
  heapMb: number | null;
  /**
   * The page's calls to the core in the span, per method: how many, and the bytes of their answers. Filled
   * in by the bench from Playwright's view of the page's requests, which includes its call worker's.
   */
  calls: Record<string, { count: number; bytes: number }>;
}

/**
 * Runs before the app's own scripts (page.addInitScript): wraps EventSource so every message's bytes are
 * counted as they arrived on the wire ("data: " + the JSON + the blank line), and records every long task.
 */
export function installPageProbes(): void {
  const w = window as unknown as {
    __benchEvents: Array<{ at: number; bytes: number; job: boolean }>;
    __benchLongTasks: Array<{ start: number; duration: number }>;
  };
  w.__benchEvents = [];
  w.__benchLongTasks = [];
  const encoder = new TextEncoder();
  const Native = window.EventSource;
  class CountingEventSource extends Native {
    constructor(url: string | URL, init?: EventSourceInit) {
      super(url, init);
      this.addEventListener('message', (message: MessageEvent<string>) => {
        w.__benchEvents.push({
          at: performance.now(),
          bytes: encoder.encode(message.data).length + 'data: \n\n'.length,
          job: message.data.startsWith('{"type":"job.updated"'),
        });
      });
    }
  }
  window.EventSource = CountingEventSource;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      w.__benchLongTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
}

/** The page's figures between `from` and `to` (page clock): events received, long tasks begun. */
export function pageProbes({ from, to }: { from: number; to: number }): PageProbes {
  const w = window as unknown as {
    __benchEvents: Array<{ at: number; bytes: number; job: boolean }>;
    __benchLongTasks: Array<{ start: number; duration: number }>;
  };
  // Events up to the end and a little past it: the job's last events are part of its clone.
  const events = w.__benchEvents.filter((e) => e.at >= from);
  const tasks = w.__benchLongTasks.filter((t) => t.start >= from && t.start <= to);
  const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
  return {
    events: events.length,
    eventBytes: events.reduce((sum, e) => sum + e.bytes, 0),
    jobEvents: events.filter((e) => e.job).length,
    maxEventBytes: Math.max(0, ...events.map((e) => e.bytes)),
    longTasks: tasks.length,
    longTasksOver: tasks.filter((t) => t.duration > 50).length,
    maxLongTaskMs: Math.max(0, ...tasks.map((t) => t.duration)),
    longTaskMs: Math.round(tasks.reduce((sum, t) => sum + t.duration, 0)),
    heapMb: memory ? Math.round(memory.usedJSHeapSize / 2 ** 20) : null,
    calls: {},
  };
}
