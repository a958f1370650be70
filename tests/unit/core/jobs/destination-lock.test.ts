import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DestinationLocks, type LockClock, type LockHolder } from '../../../../electron/core/jobs/destination-lock.ts';
import { systemProbe, type ProcessProbe } from '../../../../electron/core/jobs/process-probe.ts';
import { unreapedChild } from '../../../support/zombie.ts';

/**
 * A clock whose sleeps never end by themselves: a waiter moves on only when woken (a release in this
 * process, a cancel) or when the test calls tick(), so no test depends on wall time.
 */
function manualClock(): LockClock & { tick(): void; sleepers: number } {
  const waiting = new Set<() => void>();
  return {
    now: () => Date.parse('2026-12-01T10:00:00Z'),
    sleep(_ms, wake) {
      return new Promise((resolve) => {
        const done = () => {
          waiting.delete(done);
          resolve();
        };
        waiting.add(done);
        wake.addEventListener('abort', done, { once: true });
      });
    },
    tick() {
      for (const done of [...waiting]) done();
    },
    get sleepers() {
      return waiting.size;
    },
  };
}

/** Processes as the test says: which pids live, and since when. */
function fakeProbe(live: Record<number, string>): ProcessProbe {
  return { alive: (pid) => pid in live, startTime: (pid) => live[pid] ?? null };
}

const ME = { pid: 100, started: 't100', host: 'host-a' };
const who = (jobId: string) => ({ jobId, destination: 'Acme Staging' });

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ferry-lock-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function leftover(): LockHolder {
  return {
    token: 'old-token',
    pid: 200,
    started: 't200',
    host: 'host-a',
    jobId: 'job-old',
    destination: 'Acme Staging',
    since: '2026-12-01T09:00:00Z',
  };
}

describe('destination lock', () => {
  it('lets one job in and tells the second who holds it; released, the second gets it', () => {
    const locks = new DestinationLocks({ dir, probe: fakeProbe({ 100: 't100' }), clock: manualClock(), self: ME });
    const first = locks.tryAcquire('conn-1', who('job-a'));
    expect('release' in first).toBe(true);
    const second = locks.tryAcquire('conn-1', who('job-b'));
    expect('heldBy' in second && second.heldBy.jobId).toBe('job-a');
    expect('heldBy' in second && second.heldBy.destination).toBe('Acme Staging');
    // Another destination is another lock.
    expect('release' in locks.tryAcquire('conn-2', who('job-c'))).toBe(true);
    if ('release' in first) first.release();
    expect('release' in locks.tryAcquire('conn-1', who('job-b'))).toBe(true);
  });

  it('is not reentrant: the same process asking again waits like anyone else', () => {
    const locks = new DestinationLocks({ dir, probe: fakeProbe({ 100: 't100' }), clock: manualClock(), self: ME });
    const first = locks.tryAcquire('conn-1', who('job-a'));
    expect('release' in first).toBe(true);
    const again = locks.tryAcquire('conn-1', who('job-a'));
    expect('heldBy' in again).toBe(true);
  });

  it('a waiter starts when the holder in this process releases, without polling', async () => {
    const clock = manualClock();
    const locks = new DestinationLocks({ dir, probe: fakeProbe({ 100: 't100' }), clock, self: ME });
    const first = locks.tryAcquire('conn-1', who('job-a'));
    if (!('release' in first)) throw new Error('expected the lock');
    const heard: string[] = [];
    const waiting = locks.acquire('conn-1', who('job-b'), { onWait: (h) => heard.push(h.jobId) });
    await Promise.resolve();
    expect(heard).toEqual(['job-a']);
    expect(clock.sleepers).toBe(1);
    first.release();
    const release = await waiting;
    expect(locks.holder('conn-1')?.jobId).toBe('job-b');
    release();
    expect(locks.holder('conn-1')).toBeUndefined();
  });

  it('a waiter can be cancelled, and then holds nothing', async () => {
    const locks = new DestinationLocks({ dir, probe: fakeProbe({ 100: 't100' }), clock: manualClock(), self: ME });
    const first = locks.tryAcquire('conn-1', who('job-a'));
    const controller = new AbortController();
    const waiting = locks.acquire('conn-1', who('job-b'), { signal: controller.signal });
    controller.abort(new Error('Cancelled.'));
    await expect(waiting).rejects.toThrow('Cancelled.');
    expect(locks.holder('conn-1')?.jobId).toBe('job-a');
    if ('release' in first) first.release();
  });

  it('a holder in another process that releases is noticed at the next poll', async () => {
    const clock = manualClock();
    const other = new DestinationLocks({
      dir,
      probe: fakeProbe({ 100: 't100', 300: 't300' }),
      clock,
      self: { pid: 300, started: 't300', host: 'host-a' },
    });
    const mine = new DestinationLocks({ dir, probe: fakeProbe({ 100: 't100', 300: 't300' }), clock, self: ME });
    const held = other.tryAcquire('conn-1', who('job-cli'));
    const waiting = mine.acquire('conn-1', who('job-app'));
    await Promise.resolve();
    // Released "elsewhere": remove the file directly, as another process would (no in-process wake-up).
    rmSync(other.pathOf('conn-1'));
    expect('release' in held).toBe(true);
    clock.tick();
    const release = await waiting;
    expect(mine.holder('conn-1')?.jobId).toBe('job-app');
    release();
  });

  it('takes over a lock whose owner died (dead pid)', () => {
    mkdirSync(dir, { recursive: true });
    const locks = new DestinationLocks({ dir, probe: fakeProbe({ 100: 't100' }), clock: manualClock(), self: ME });
    writeFileSync(locks.pathOf('conn-1'), JSON.stringify(leftover()));
    const attempt = locks.tryAcquire('conn-1', who('job-new'));
    expect('release' in attempt).toBe(true);
    expect(locks.holder('conn-1')?.jobId).toBe('job-new');
    // No guard or temporary file is left behind.
    expect(readdirSync(dir)).toEqual(['conn-1.lock']);
  });

  it.skipIf(process.platform !== 'linux')(
    'takes over a lock whose owner is a zombie (dead, not reaped), with the real process probe',
    async () => {
      const zombie = unreapedChild();
      const locks = new DestinationLocks({ dir, clock: manualClock() });
      const holder = { pid: zombie.pid, started: systemProbe.startTime(zombie.pid), host: hostname() };
      writeFileSync(locks.pathOf('conn-1'), JSON.stringify({ ...leftover(), ...holder }));
      const attempt = locks.tryAcquire('conn-1', who('job-new'));
      expect('release' in attempt && locks.holder('conn-1')?.jobId).toBe('job-new');
      if ('release' in attempt) attempt.release();
      await zombie.reaped;
    },
  );

  it('takes over when the owner pid lives again as another process (pid reuse: other start time)', () => {
    const locks = new DestinationLocks({
      dir,
      probe: fakeProbe({ 100: 't100', 200: 't-later' }),
      clock: manualClock(),
      self: ME,
    });
    writeFileSync(locks.pathOf('conn-1'), JSON.stringify(leftover()));
    expect('release' in locks.tryAcquire('conn-1', who('job-new'))).toBe(true);
  });

  it('waits for a live owner with the same start time', () => {
    const locks = new DestinationLocks({
      dir,
      probe: fakeProbe({ 100: 't100', 200: 't200' }),
      clock: manualClock(),
      self: ME,
    });
    writeFileSync(locks.pathOf('conn-1'), JSON.stringify(leftover()));
    const attempt = locks.tryAcquire('conn-1', who('job-new'));
    expect('heldBy' in attempt && attempt.heldBy.jobId).toBe('job-old');
  });

  it('never takes over from another machine (its pids cannot be probed)', () => {
    const locks = new DestinationLocks({ dir, probe: fakeProbe({ 100: 't100' }), clock: manualClock(), self: ME });
    writeFileSync(locks.pathOf('conn-1'), JSON.stringify({ ...leftover(), host: 'host-b' }));
    expect('heldBy' in locks.tryAcquire('conn-1', who('job-new'))).toBe(true);
  });

  it('a stale takeover racing another taker removes only the stale lock, never the fresh one', () => {
    const live: Record<number, string> = { 100: 't100', 300: 't300' };
    let fresh: ReturnType<DestinationLocks['tryAcquire']> | undefined;
    // B judges the old holder (pid 200) dead; at that very moment A takes the stale lock over and holds
    // a fresh one. B then goes on to remove what it judged stale: it must leave A's lock alone.
    const racingProbe: ProcessProbe = {
      alive(pid) {
        if (pid === 200 && !fresh) fresh = a.tryAcquire('conn-1', who('job-a'));
        return pid in live;
      },
      startTime: (pid) => live[pid] ?? null,
    };
    const a = new DestinationLocks({ dir, probe: fakeProbe(live), clock: manualClock(), self: ME });
    const b = new DestinationLocks({
      dir,
      probe: racingProbe,
      clock: manualClock(),
      self: { pid: 300, started: 't300', host: 'host-a' },
    });
    writeFileSync(a.pathOf('conn-1'), JSON.stringify(leftover()));
    const late = b.tryAcquire('conn-1', who('job-b'));
    expect(fresh && 'release' in fresh).toBe(true);
    expect('heldBy' in late && late.heldBy.jobId).toBe('job-a');
    expect(a.holder('conn-1')?.jobId).toBe('job-a');
  });

  it('a takeover guard left by a taker that died is taken over too', () => {
    const locks = new DestinationLocks({ dir, probe: fakeProbe({ 100: 't100' }), clock: manualClock(), self: ME });
    writeFileSync(locks.pathOf('conn-1'), JSON.stringify(leftover()));
    writeFileSync(
      `${locks.pathOf('conn-1')}.takeover-old-token`,
      JSON.stringify({ ...leftover(), token: 'guard-token', pid: 400 }),
    );
    expect('release' in locks.tryAcquire('conn-1', who('job-new'))).toBe(true);
  });

  it('a release after the lock was taken over does not remove the new holder', () => {
    const locks = new DestinationLocks({ dir, probe: fakeProbe({ 100: 't100' }), clock: manualClock(), self: ME });
    const first = locks.tryAcquire('conn-1', who('job-a'));
    if (!('release' in first)) throw new Error('expected the lock');
    writeFileSync(locks.pathOf('conn-1'), JSON.stringify({ ...leftover(), pid: 100, started: 't100', jobId: 'job-z' }));
    first.release();
    expect(existsSync(locks.pathOf('conn-1'))).toBe(true);
    expect(locks.holder('conn-1')?.jobId).toBe('job-z');
  });

  it('reads a real process as alive, and itself by pid and start time', () => {
    const locks = new DestinationLocks({ dir });
    const held = locks.tryAcquire('conn-1', who('job-a'));
    expect('release' in held).toBe(true);
    const holder = locks.holder('conn-1');
    expect(holder?.pid).toBe(process.pid);
    if (process.platform === 'linux') expect(holder?.started).toMatch(/:\d+$/);
    expect('heldBy' in locks.tryAcquire('conn-1', who('job-b'))).toBe(true);
  });
});
