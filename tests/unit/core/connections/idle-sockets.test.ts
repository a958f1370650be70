import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { IdleSockets, keepAliveSeconds } from '../../../../electron/core/connections/idle-sockets.ts';

/** Enough of a socket for the bookkeeping: it can be closed, and says so. */
class FakeSocket extends EventEmitter {
  destroyed = false;
  close(): void {
    this.destroyed = true;
    this.emit('close');
  }
}

function world() {
  let now = 0;
  const closed: FakeSocket[] = [];
  const sockets = new IdleSockets(
    (socket) => {
      closed.push(socket as unknown as FakeSocket);
      (socket as unknown as FakeSocket).close();
    },
    () => now,
  );
  const open = () => {
    const socket = new FakeSocket();
    sockets.adopt(socket as unknown as Socket);
    return socket;
  };
  /** One request answered on `socket` with `headers`, ending at the current time. */
  const answer = (socket: FakeSocket, headers: string[] = ['Keep-Alive', 'timeout=5']) => {
    const request = {};
    sockets.sent(request, socket as unknown as Socket);
    sockets.answered(request, headers);
    sockets.ended(request);
  };
  return {
    sockets,
    closed,
    open,
    answer,
    at: (ms: number) => {
      now = ms;
    },
  };
}

describe('idle keep-alive sockets, by the wall clock', () => {
  it("closes a socket idle for its server's timeout less 2 s, and not one a moment younger", () => {
    const w = world();
    const socket = w.open();
    w.answer(socket);
    w.at(2_999);
    w.sockets.sweep();
    expect(w.closed).toEqual([]);
    w.at(3_000);
    w.sockets.sweep();
    expect(w.closed).toEqual([socket]);
    expect(w.sockets.retired).toBe(1);
  });

  it('never closes a socket whose request is under way, however long it takes', () => {
    const w = world();
    const socket = w.open();
    w.answer(socket);
    w.at(1_000);
    w.sockets.sent({}, socket as unknown as Socket);
    w.at(60_000);
    w.sockets.sweep();
    expect(w.closed).toEqual([]);
  });

  it('counts idleness from the last answer, and uses 4 s where the server names no timeout', () => {
    const w = world();
    const named = w.open();
    const unnamed = w.open();
    w.answer(named);
    w.answer(unnamed, ['content-type', 'application/json']);
    w.at(2_500);
    w.answer(named);
    w.at(4_000);
    w.sockets.sweep();
    expect(w.closed).toEqual([unnamed]);
    w.at(5_500);
    w.sockets.sweep();
    expect(w.closed).toEqual([unnamed, named]);
  });

  it('leaves sockets of other pools alone and forgets one that closed by itself', () => {
    const w = world();
    const stranger = new FakeSocket();
    const request = {};
    w.sockets.sent(request, stranger as unknown as Socket);
    w.sockets.ended(request);
    const gone = w.open();
    w.answer(gone);
    gone.close();
    w.at(10_000);
    w.sockets.sweep();
    expect(w.closed).toEqual([]);
  });

  it('reads the timeout from raw or parsed headers', () => {
    expect(keepAliveSeconds(['Content-Length', '2', 'Keep-Alive', 'timeout=5, max=100'])).toBe(5);
    expect(keepAliveSeconds([Buffer.from('keep-alive'), Buffer.from('max=100, timeout=30')])).toBe(30);
    expect(keepAliveSeconds({ 'keep-alive': 'timeout=7' })).toBe(7);
    expect(keepAliveSeconds({ connection: 'keep-alive' })).toBeUndefined();
    expect(keepAliveSeconds(['Keep-Alive', 'max=100'])).toBeUndefined();
  });
});
