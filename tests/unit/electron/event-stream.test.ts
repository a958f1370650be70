import { createServer, get, type IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/core.ts';
import { EventQueue, streamEvents } from '../../../electron/web/event-stream.ts';
import type { FerryEvent } from '../../../shared/events.ts';
import { applyJobUpdate, updateFit, type JobUpdate } from '../../../shared/job-updates.ts';
import type { JobView } from '../../../shared/jobs.ts';
import { jobHead, jobUpdate } from '../../support/job-updates.ts';

describe('the event stream', () => {
  it("keeps events in order, a job's updates merged into the one already waiting", () => {
    const queue = new EventQueue();
    queue.push(jobUpdate(1, [{ key: 'a', state: 'running' }]));
    queue.push({ type: 'connections.changed' });
    queue.push(jobUpdate(2, [{ key: 'b', state: 'running' }]));
    expect(queue.size).toBe(2);
    const job = queue.shift() as JobUpdate;
    expect(job.items.map((i) => i.key)).toEqual(['a', 'b']);
    expect(queue.shift()).toEqual({ type: 'connections.changed' });
    queue.push(jobUpdate(3, [{ key: 'a', state: 'done' }]));
    expect((queue.shift() as JobUpdate).after).toBe(3);
    expect(queue.shift()).toBeUndefined();
  });
});

describe('the event stream behind a slow reader', () => {
  it("merges a job's waiting updates instead of buffering each, and what arrives adds up to the job", async () => {
    const listeners = new Set<(event: FerryEvent) => void>();
    const core = {
      subscribe: (listener: (event: FerryEvent) => void) => (listeners.add(listener), () => listeners.delete(listener)),
    } as unknown as Core;
    const server = createServer((request, response) => streamEvents(core, request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const items = Array.from({ length: 500 }, (_, i) => ({
      key: `k${i}`,
      kind: 'file' as const,
      label: 'x'.repeat(200),
      action: 'create',
      state: 'pending' as const,
      sourceId: `${i}`,
    }));
    let expected: JobView = { ...jobHead(0), items };
    const received: JobUpdate[] = [];
    let text = '';
    const response = await new Promise<IncomingMessage>((resolve) => get(`http://127.0.0.1:${port}/`, resolve));
    response.pause();
    await new Promise((resolve) => setTimeout(resolve, 20));
    // 2,000 updates of 40 items (10 kB each, 20 MB in all) while the reader reads nothing.
    for (let n = 0; n < 2000; n += 1) {
      const update: JobUpdate = {
        type: 'job.updated',
        job: jobHead(n + 1),
        items: Array.from({ length: 40 }, (_, j) => ({
          key: `k${(n * 40 + j) % 500}`,
          bytesDone: n,
          label: 'y'.repeat(200),
        })),
        after: n,
      };
      expected = applyJobUpdate(expected, update);
      for (const listener of listeners) listener(update);
      if (n % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    const done = new Promise<void>((resolve) => {
      response.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        const parts = text.split('\n\n');
        text = parts.pop() ?? '';
        for (const part of parts) if (part.startsWith('data: ')) received.push(JSON.parse(part.slice(6)) as JobUpdate);
        if (received.at(-1)?.job.seq === 2000) resolve();
      });
    });
    response.resume();
    await done;
    response.destroy();
    server.close();
    expect(received.length).toBeLessThan(2000);
    let view: JobView = { ...jobHead(0), items };
    for (const update of received) {
      expect(updateFit(view, update)).toBe('apply');
      view = applyJobUpdate(view, update);
    }
    expect(view).toEqual(expected);
  });
});
