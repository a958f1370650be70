import { describe, expect, it } from 'vitest';
import { createWorkerCalls, type CallReply, type CallRequest } from '../../../../renderer/src/bridge/worker-calls.ts';
import type { FerryBridge } from '../../../../shared/bridge.ts';
import { BridgeError } from '../../../../shared/bridge.ts';

/** A stand-in for the call worker: records what it is asked, answers when the test says. */
class FakeWorker extends EventTarget {
  readonly asked: CallRequest[] = [];
  terminated = false;
  postMessage(request: CallRequest): void {
    this.asked.push(request);
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(reply: CallReply): void {
    this.dispatchEvent(new MessageEvent('message', { data: reply }));
  }
}

function setup() {
  const worker = new FakeWorker();
  const inPage: string[] = [];
  const pageCall = (async (method: string) => {
    inPage.push(method);
    return `page:${method}`;
  }) as unknown as FerryBridge['call'];
  const call = createWorkerCalls('http://127.0.0.1:1', pageCall, () => worker as unknown as Worker);
  return { worker, inPage, call };
}

describe('calls through the call worker', () => {
  it('runs calls in the page until the worker says it is ready, then in the worker, each answer to its caller', async () => {
    const { worker, inPage, call } = setup();
    expect(await call('jobs.list', {})).toBe('page:jobs.list');
    worker.reply({ ready: true });
    const first = call('files.list', { connectionId: 'c1' });
    const second = call('vectorStores.list', { connectionId: 'c1' });
    expect(worker.asked.map((r) => r.method)).toEqual(['files.list', 'vectorStores.list']);
    const [a, b] = worker.asked;
    worker.reply({ id: b!.id, ok: true, result: ['store'] });
    worker.reply({ id: a!.id, ok: false, error: { code: 'not_found', message: 'No such connection.', field: 'id' } });
    expect(await second).toEqual(['store']);
    const refused = await first.catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(BridgeError);
    expect(refused).toMatchObject({ code: 'not_found', message: 'No such connection.', field: 'id' });
    expect(inPage).toEqual(['jobs.list']);
  });

  it('puts an answer that came in parts back together before its caller sees it', async () => {
    const { worker, call } = setup();
    worker.reply({ ready: true });
    const job = call('jobs.get', { id: 'job-1' });
    const other = call('jobs.list', {});
    const [a, b] = worker.asked;
    worker.reply({ id: a!.id, part: { path: ['items'], rows: [{ key: 'i1' }, { key: 'i2' }] } });
    worker.reply({ id: b!.id, ok: true, result: [] });
    worker.reply({ id: a!.id, part: { path: ['items'], rows: [{ key: 'i3' }] } });
    worker.reply({ id: a!.id, ok: true, result: { id: 'job-1', items: [] } });
    expect(await other).toEqual([]);
    expect(await job).toEqual({ id: 'job-1', items: [{ key: 'i1' }, { key: 'i2' }, { key: 'i3' }] });
  });

  it('when the worker fails, its calls under way fail (never sent twice) and later calls run in the page', async () => {
    const { worker, inPage, call } = setup();
    worker.reply({ ready: true });
    const lost = call('clone.apply', { planId: 'p1' });
    worker.dispatchEvent(new Event('error'));
    await expect(lost).rejects.toMatchObject({ code: 'internal' });
    expect(worker.terminated).toBe(true);
    expect(await call('jobs.list', {})).toBe('page:jobs.list');
    expect(worker.asked).toHaveLength(1);
    expect(inPage).toEqual(['jobs.list']);
  });

  it('runs every call in the page where no worker can start', async () => {
    const inPage: string[] = [];
    const pageCall = (async (method: string) => void inPage.push(method)) as unknown as FerryBridge['call'];
    const call = createWorkerCalls('http://127.0.0.1:1', pageCall, () => {
      throw new Error('Workers are not allowed here.');
    });
    await call('jobs.list', {});
    expect(inPage).toEqual(['jobs.list']);
  });
});
