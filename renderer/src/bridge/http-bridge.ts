import { FerryEvent } from '../../../shared/events.ts';
import { callOverHttp } from './http-call.ts';
import { createWorkerCalls } from './worker-calls.ts';
import type { RendererBridge, StreamState } from './types.ts';

export interface HttpBridgeOptions {
  /** Where the web host lives; the page's own origin in browser mode. */
  origin?: string;
  fetch?: typeof fetch;
  EventSource?: typeof EventSource;
  /** Waits before reopening a stream the browser gave up on (it retries network drops by itself). */
  reconnectDelaysMs?: readonly number[];
}

/**
 * The bridge in browser mode: calls are `POST /api/call/<method>` and events arrive as Server-Sent
 * Events on `/api/events`. The session token lives in an HttpOnly cookie the web host set when the
 * printed URL was opened, so this code never sees it; same-origin requests carry it automatically.
 */
export function createHttpBridge(options: HttpBridgeOptions = {}): RendererBridge {
  const origin = options.origin ?? window.location.origin;
  const doFetch = options.fetch ?? window.fetch.bind(window);
  const inPage: RendererBridge['call'] = (method, params) => callOverHttp(doFetch, origin, method, params);
  // Big answers are read and checked in a worker (worker-calls.ts); a fetch handed in (a test's) is used in the page.
  const calls = options.fetch ? inPage : createWorkerCalls(origin, inPage);
  const EventSourceImpl = options.EventSource ?? window.EventSource;
  const delays = options.reconnectDelaysMs ?? [1000, 2000, 5000, 10_000];

  const listeners = new Set<(event: FerryEvent) => void>();
  const resyncListeners = new Set<() => void>();
  const stateListeners = new Set<(state: StreamState) => void>();
  let source: EventSource | null = null;
  let state: StreamState = 'connecting';
  let hadGap = false;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  const setState = (next: StreamState) => {
    if (next === state) return;
    state = next;
    for (const listener of stateListeners) listener(next);
  };

  const open = () => {
    source = new EventSourceImpl(new URL('/api/events', origin).href);
    source.onopen = () => {
      attempt = 0;
      setState('live');
      if (hadGap) for (const listener of resyncListeners) listener();
      hadGap = false;
    };
    source.onmessage = (message: MessageEvent<string>) => {
      const event = parseEvent(message.data);
      if (event) for (const listener of listeners) listener(event);
    };
    source.onerror = () => {
      hadGap = true;
      setState('down');
      // The browser retries by itself after a dropped connection (readyState CONNECTING), but gives up
      // for good after an HTTP error such as 401 (CLOSED); then we try again ourselves, more slowly.
      if (source && source.readyState === EventSourceImpl.CLOSED) {
        source.close();
        source = null;
        // Refetching now surfaces why (a 401 after `ferry web` restarted with a new token, say) through
        // the calls' own errors, instead of leaving stale data under a "reconnecting" pill.
        for (const listener of resyncListeners) listener();
        const delay = delays[Math.min(attempt, delays.length - 1)] ?? 10_000;
        attempt += 1;
        retryTimer = setTimeout(() => {
          retryTimer = null;
          if (needsStream()) open();
        }, delay);
      }
    };
  };

  const needsStream = () => listeners.size + resyncListeners.size + stateListeners.size > 0;
  const ensureOpen = () => {
    if (!source && !retryTimer) open();
  };
  const closeIfIdle = () => {
    if (needsStream()) return;
    source?.close();
    source = null;
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    state = 'connecting';
  };
  const track = <T>(set: Set<T>, item: T) => {
    set.add(item);
    ensureOpen();
    return () => {
      set.delete(item);
      closeIfIdle();
    };
  };

  return {
    transport: 'http',
    call: (method, params) => calls(method, params),
    subscribe: (listener) => track(listeners, listener),
    onResync: (listener) => track(resyncListeners, listener),
    onStreamState(listener) {
      const untrack = track(stateListeners, listener);
      listener(state);
      return untrack;
    },
  };
}

/** One SSE message is one FerryEvent as JSON; anything else (a comment, a newer event kind) is skipped. */
function parseEvent(data: string): FerryEvent | null {
  try {
    const parsed = FerryEvent.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
