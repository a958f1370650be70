import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { FerryError } from '../errors.ts';

/** The fs calls a durable write makes, injectable so a test can hand it a disk that writes short. */
export interface WriteFs {
  openSync: typeof openSync;
  writeSync: (fd: number, buffer: Uint8Array, offset: number, length: number) => number;
  fsyncSync: typeof fsyncSync;
  closeSync: typeof closeSync;
  renameSync: typeof renameSync;
  rmSync: typeof rmSync;
}

const realFs: WriteFs = {
  openSync,
  writeSync: (fd, buffer, offset, length) => writeSync(fd, buffer, offset, length),
  fsyncSync,
  closeSync,
  renameSync,
  rmSync,
};

/**
 * Writes a whole file so that a crash leaves either the old or the new content, never half: write a
 * sibling, check every byte went, fsync it, rename over, fsync the folder. A full disk (or a short write
 * the OS gives up on) removes the sibling and throws {@link stateWriteError}; the old file stays whole.
 */
export function writeFileAtomic(path: string, content: string, fs: WriteFs = realFs): void {
  const temp = `${path}.${process.pid}.tmp`;
  const bytes = Buffer.from(content, 'utf8');
  try {
    const fd = fs.openSync(temp, 'w', 0o600);
    try {
      writeAll(fd, bytes, temp, fs);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, path);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw stateWriteError(path, bytes.length, error);
  }
  syncDir(dirname(path));
}

/**
 * writeSync may write fewer bytes than asked (a full disk, a signal): keep writing the rest, and treat a
 * write that makes no progress as the disk refusing.
 */
export function writeAll(fd: number, bytes: Uint8Array, path: string, fs: Pick<WriteFs, 'writeSync'> = realFs): void {
  let offset = 0;
  while (offset < bytes.length) {
    const written = fs.writeSync(fd, bytes, offset, bytes.length - offset);
    if (written <= 0) throw new ShortWriteError(path, offset, bytes.length);
    offset += written;
  }
}

/** A write that stopped before its last byte without an error code of its own. */
export class ShortWriteError extends Error {
  readonly code = 'ESHORT';
  constructor(path: string, written: number, expected: number) {
    super(`Only ${written} of ${expected} bytes reached ${path}.`);
  }
}

const SPACE_CODES = new Set(['ENOSPC', 'EDQUOT', 'ESHORT']);

/** True for an error that means the disk (or the user's quota) is full. */
export function isOutOfSpace(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code !== undefined && SPACE_CODES.has(code);
}

/**
 * A failed write of Ferry's state as a sentence an admin can act on: which file, in which folder, how many
 * bytes it needed, and that the job can be resumed once there is room. Already-explained errors pass.
 */
export function stateWriteError(path: string, bytes: number, error: unknown): unknown {
  if (error instanceof FerryError) return error;
  const folder = dirname(path);
  if (isOutOfSpace(error)) {
    return new FerryError(
      'storage',
      `Out of disk space: Ferry could not write ${bytes} bytes to ${path}. Free space on the disk that holds ${folder} (or raise your quota), then resume the job; nothing was left half-written.`,
      { cause: error },
    );
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? 'unknown';
  return new FerryError(
    'storage',
    `Ferry could not write ${path} (${code}). Check that ${folder} exists and is writable, then resume the job; nothing was left half-written.`,
    { cause: error },
  );
}

export function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some platforms (Windows) cannot open a folder for fsync; the rename is still atomic there.
  }
}
