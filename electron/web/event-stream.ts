import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ShellCore } from '../core/core.ts';

const HEARTBEAT_MS = 25_000;

/**
 * The core's single event channel as Server-Sent Events. A comment line every 25 s keeps proxies and idle
 * timeouts from closing the stream; EventSource reconnects by itself after `retry` ms.
 */
export function streamEvents(core: ShellCore, request: IncomingMessage, response: ServerResponse): void {
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
  });
  response.write('retry: 2000\n\n');
  const unsubscribe = core.subscribe((event) => response.write(`data: ${JSON.stringify(event)}\n\n`));
  const heartbeat = setInterval(() => response.write(': ping\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  request.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
}
