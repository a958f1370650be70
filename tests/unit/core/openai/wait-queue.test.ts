import { describe, expect, it } from 'vitest';
import { childSignal, whenAborted } from '../../../../electron/core/openai/abort-fanout.ts';
import { WaitQueue } from '../../../../electron/core/openai/wait-queue.ts';
import { rng } from '../../../support/chaos.ts';

describe('WaitQueue', () => {
  it('gives items back highest priority first, in arrival order within one, as a sorted list would', () => {
    const seed = Number(process.env['FERRY_TEST_SEED'] ?? Date.now() % 100_000);
    const random = rng(seed);
    const queue = new WaitQueue<number>();
    // The reference: the array the scheduler used to keep, sorted on every arrival.
    const model: { priority: number; item: number; leave: () => void }[] = [];
    for (let step = 0; step < 20_000; step += 1) {
      const roll = random();
      if (roll < 0.5) {
        const priority = Math.floor(random() * 3) - 1;
        const leave = queue.push(priority, step);
        const at = model.findIndex((m) => m.priority < priority);
        model.splice(at < 0 ? model.length : at, 0, { priority, item: step, leave });
      } else if (roll < 0.85) {
        const expected = model.shift();
        expect(queue.shift(), `seed ${seed}, step ${step}`).toBe(expected?.item);
      } else if (model.length > 0) {
        const [gone] = model.splice(Math.floor(random() * model.length), 1);
        gone!.leave();
        gone!.leave();
      }
      expect(queue.size, `seed ${seed}, step ${step}`).toBe(model.length);
      const p = Math.floor(random() * 3) - 1;
      expect(queue.hasAbove(p), `seed ${seed}, step ${step}`).toBe(model.some((m) => m.priority > p));
    }
  });
});

describe('whenAborted and childSignal', () => {
  it('call back once on abort, not after being stopped, and at once for a signal already aborted', () => {
    const controller = new AbortController();
    const calls: string[] = [];
    whenAborted(controller.signal, () => calls.push('a'));
    const stop = whenAborted(controller.signal, () => calls.push('b'));
    stop();
    const child = childSignal(controller.signal);
    controller.abort(new Error('stop'));
    controller.abort(new Error('again'));
    expect(calls).toEqual(['a']);
    expect(child.signal!.aborted).toBe(true);
    expect((child.signal!.reason as Error).message).toBe('stop');
    whenAborted(controller.signal, () => calls.push('late'));
    expect(calls).toEqual(['a', 'late']);
    expect(childSignal(undefined).signal).toBeUndefined();
  });

  it('a released child no longer follows its parent', () => {
    const controller = new AbortController();
    const child = childSignal(controller.signal);
    child.release();
    controller.abort();
    expect(child.signal!.aborted).toBe(false);
  });
});
