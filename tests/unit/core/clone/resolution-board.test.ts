import { describe, expect, it } from 'vitest';
import { ResolutionBoard } from '../../../../electron/core/clone/resolution-board.ts';

/** Whether `promise` has settled by the time the microtasks queued so far have run. */
async function settledYet(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void promise.then(() => (settled = true));
  await Promise.resolve();
  await Promise.resolve();
  return settled;
}

describe('ResolutionBoard', () => {
  it('wakes a waiter with the id once the key is settled, not before', async () => {
    const board = new ResolutionBoard();
    const waiting = board.wait('file:a');
    expect(await settledYet(waiting)).toBe(false);
    board.settle('file:a', 'file-123');
    expect(await waiting).toBe('file-123');
    expect(board.get('file:a')).toBe('file-123');
    expect(board.has('file:a')).toBe(true);
  });

  it('answers at once for a key settled earlier, and every waiter of a key gets the same id', async () => {
    const board = new ResolutionBoard();
    const first = board.wait('store:s');
    const second = board.wait('store:s');
    board.settle('store:s', 'vs_1');
    expect(await Promise.all([first, second, board.wait('store:s')])).toEqual(['vs_1', 'vs_1', 'vs_1']);
  });

  it('settles a key with no id (failed or skipped): waiters get undefined and has() stays false', async () => {
    const board = new ResolutionBoard();
    const waiting = board.wait('file:failed');
    board.settle('file:failed', undefined);
    expect(await waiting).toBeUndefined();
    expect(await board.wait('file:failed')).toBeUndefined();
    expect(board.has('file:failed')).toBe(false);
    expect(board.entries().size).toBe(0);
  });

  it('settleRemaining wakes every waiter nobody settled (a cancelled run), leaving settled ids alone', async () => {
    const board = new ResolutionBoard();
    board.settle('file:done', 'file-1');
    const done = board.wait('file:done');
    const orphan = board.wait('file:never');
    const another = board.wait('asst:never');
    board.settleRemaining();
    expect(await Promise.all([done, orphan, another])).toEqual(['file-1', undefined, undefined]);
    expect([...board.entries()]).toEqual([['file:done', 'file-1']]);
  });

  it('entries() is a copy: changing it leaves the board as it was', () => {
    const board = new ResolutionBoard();
    board.settle('file:a', 'file-1');
    const copy = board.entries();
    copy.set('file:b', 'file-2');
    copy.delete('file:a');
    expect(board.get('file:a')).toBe('file-1');
    expect(board.has('file:b')).toBe(false);
  });
});
