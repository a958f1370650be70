import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { FerryError } from '../errors.ts';

/**
 * One process runs a job at a time: the app and a `ferry resume` in a terminal must not both create its
 * objects. The lock file holds the owner's pid; a lock whose process is gone (killed, crashed) is stale and
 * taken over.
 */
export function acquireJobLock(path: string, jobId: string): () => void {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSafe(path));
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
        throw new FerryError('conflict', `Job ${jobId} is running in another Ferry process (pid ${owner}). Wait for it, or cancel it there.`);
      }
      rmSync(path, { force: true });
    }
  }
  throw new FerryError('conflict', `Could not take the lock of job ${jobId}.`);
}

function readFileSafe(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
