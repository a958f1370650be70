import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Field 3 of /proc/PID/stat (R, S, Z, …), or null once no such process exists. */
export function procState(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] ?? null;
  } catch {
    return null;
  }
}

/**
 * Starts a child that exits at once and returns while it is a zombie: dead, not yet reaped. Node reaps a
 * child only from its event loop (the 'exit' event comes after the reap), so until the caller goes back
 * to the loop (its first await) the child stays a zombie. Nothing announces "exited" without reaping, so
 * this watches the state the kernel shows, a millisecond at a time, until it says Z. Linux only.
 *
 * `reaped` settles once Node has reaped it; await it before the test ends.
 */
export function unreapedChild(): { pid: number; reaped: Promise<void> } {
  const child = spawn('true', { stdio: 'ignore' });
  const reaped = new Promise<void>((resolve, reject) => {
    child.once('exit', () => resolve());
    child.once('error', reject);
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not start `true`');
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const deadline = Date.now() + 10_000;
  while (procState(pid) !== 'Z') {
    if (Date.now() > deadline) throw new Error(`pid ${pid} did not become a zombie in 10 s: ${procState(pid)}`);
    Atomics.wait(pause, 0, 0, 1);
  }
  return { pid, reaped };
}
