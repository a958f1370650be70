import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * Tells whether the process that wrote a lock still runs. A pid alone cannot: pids are reused, so a lock
 * left by a crashed Ferry could name a pid that now belongs to a shell and block jobs for good. The
 * start time of the process tells them apart (same pid, other start time: another process). Nor does a
 * pid that answers a signal: a process that died but whose parent has not reaped it yet (a zombie, or one
 * orphaned under a container's PID 1 that never reaps) still answers kill(pid, 0), yet it will never
 * release its lock.
 */
export interface ProcessProbe {
  alive(pid: number): boolean;
  /** An opaque start-time stamp of `pid`, or null where the platform cannot tell. */
  startTime(pid: number): string | null;
}

export const systemProbe: ProcessProbe = {
  alive(pid) {
    try {
      process.kill(pid, 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
    }
    // Linux shows a dead, unreaped process's state in /proc; elsewhere the signal's answer is all there is.
    if (process.platform !== 'linux') return true;
    const state = linuxStat(pid)?.[0];
    return state !== 'Z' && state !== 'X';
  },
  startTime(pid) {
    if (process.platform === 'linux') return linuxStartTime(pid);
    if (process.platform === 'win32') return null;
    try {
      // macOS and the BSDs: the start time to the second, which is enough to tell a reused pid apart.
      return (
        execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'],
        }).trim() || null
      );
    } catch {
      return null;
    }
  },
};

let bootId: string | undefined;

/**
 * The fields of /proc/PID/stat from field 3 (the state) on, or null where it cannot be read. The command
 * name (field 2) is in parentheses and may hold spaces, so fields are counted after the last ')'.
 */
function linuxStat(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** Field 22 of /proc/PID/stat (clock ticks since boot), with the boot id so a reboot cannot match. */
function linuxStartTime(pid: number): string | null {
  const ticks = linuxStat(pid)?.[19];
  if (!ticks) return null;
  bootId ??= readBootId();
  return `${bootId}:${ticks}`;
}

function readBootId(): string {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return 'boot';
  }
}
