import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FerryEvent } from '../../shared/events.ts';
import { mergeJobUpdates, type JobUpdate } from '../../shared/job-updates.ts';
import type { ShellCore } from '../core/core.ts';

const HEARTBEAT_MS = 25_000;

/**
 * The core's single event channel as Server-Sent Events. A comment line every 25 s keeps proxies and idle
 * timeouts from closing the stream; EventSource reconnects by itself after `retry` ms.
 *
 * It respects backpressure: while the socket's buffer is full (a busy page, a slow link), events wait,
 * and a job's waiting updates merge into one (each says what changed, so the merge says all of it). What
 * waits is then bounded by the jobs and uploads under way, not by how long the page falls behind.
 */
export function streamEvents(core: ShellCore, request: IncomingMessage, response: ServerResponse): void {
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
  });
  response.write('retry: 2000\n\n');
  const waiting = new EventQueue();
  let blocked = false;
  const drain = () => {
    blocked = false;
    for (let event = waiting.shift(); event; event = waiting.shift()) {
      if (!response.write(`data: ${JSON.stringify(event)}\n\n`)) {
        blocked = true;
        return;
      }
    }
  };
  response.on('drain', drain);
  const unsubscribe = core.subscribe((event) => {
    waiting.push(event);
    if (!blocked) drain();
  });
  const heartbeat = setInterval(() => {
    if (!blocked) response.write(': ping\n\n');
  }, HEARTBEAT_MS);
  heartbeat.unref();
  request.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
}

/** Events in order, a job's updates merged into the one already waiting for it. */
export class EventQueue {
  readonly #events: FerryEvent[] = [];
  /** The waiting update per job, so merging is a lookup, not a scan. */
  readonly #jobs = new Map<string, number>();
  #head = 0;

  push(event: FerryEvent): void {
    if (event.type === 'job.updated') {
      const at = this.#jobs.get(event.job.id);
      if (at !== undefined) {
        this.#events[at] = mergeJobUpdates(this.#events[at] as JobUpdate, event);
        return;
      }
      this.#jobs.set(event.job.id, this.#events.length);
    }
    this.#events.push(event);
  }

  shift(): FerryEvent | undefined {
    if (this.#head >= this.#events.length) return undefined;
    const event = this.#events[this.#head]!;
    this.#head += 1;
    if (event.type === 'job.updated') this.#jobs.delete(event.job.id);
    if (this.#head === this.#events.length) {
      this.#events.length = 0;
      this.#head = 0;
    }
    return event;
  }

  get size(): number {
    return this.#events.length - this.#head;
  }
}
