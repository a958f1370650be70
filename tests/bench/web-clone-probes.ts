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
  /** The page's calls to the core in the span, per method: how many, and the bytes of their answers. */
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
  // Every call's timing entry is kept (the default buffer holds 250), for its answer's bytes.
  performance.setResourceTimingBufferSize(1_000_000);
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
  const calls: Record<string, { count: number; bytes: number }> = {};
  for (const timing of performance.getEntriesByType('resource') as PerformanceResourceTiming[]) {
    const method = /\/api\/call\/([^?]+)/.exec(timing.name)?.[1];
    if (!method || timing.responseEnd < from || timing.responseEnd > to) continue;
    const entry = (calls[decodeURIComponent(method)] ??= { count: 0, bytes: 0 });
    entry.count += 1;
    entry.bytes += timing.encodedBodySize;
  }
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
    calls,
  };
}
