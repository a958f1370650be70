import { randomBytes } from 'node:crypto';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { API_LIMITS } from '../../../shared/api-limits.ts';
import { FerryError } from '../errors.ts';
import { mkdirPrivate } from '../settings/private-state.ts';

/** The most a file may be: the API refuses anything larger. */
export const MAX_UPLOAD_BYTES = API_LIMITS.fileBytes;

const STAGED_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** Refuses a file the API would: larger than 512 MB, or empty. Checked when a file is picked and again when it is sent. */
export function checkUploadSize(filename: string, bytes: number): void {
  if (bytes > MAX_UPLOAD_BYTES)
    throw new FerryError('bad_input', `"${filename}" is larger than 512 MB, the most a file may be.`, {
      field: 'file',
    });
  if (bytes === 0)
    throw new FerryError('bad_input', `"${filename}" is empty; the API does not take empty files.`, { field: 'file' });
}

/** Where a shell stages an upload's bytes before the core sends them on: a folder under the state dir. */
export function stagingDir(stateDir: string): string {
  const dir = join(stateDir, 'staged-uploads');
  mkdirPrivate(dir);
  return dir;
}

export function newStagedId(): string {
  return randomBytes(16).toString('base64url');
}

/** The staged file's path; the id is checked so it can never name anything outside the staging folder. */
export function stagedPath(stateDir: string, stagedId: string): string {
  if (!STAGED_ID.test(stagedId))
    throw new FerryError('bad_input', 'stagedId does not name a staged upload.', { field: 'stagedId' });
  return join(stagingDir(stateDir), stagedId);
}

/**
 * Removes staged uploads a crashed or killed process left behind (older than `olderThanMs`); a live upload
 * is removed by the core when it ends, whatever happens.
 */
export function purgeStaleStaged(stateDir: string, olderThanMs = 6 * 60 * 60 * 1000, now = Date.now()): number {
  const dir = stagingDir(stateDir);
  let removed = 0;
  for (const name of readdirSync(dir)) {
    if (!STAGED_ID.test(name)) continue;
    const path = join(dir, name);
    try {
      if (now - statSync(path).mtimeMs > olderThanMs) {
        rmSync(path, { force: true });
        removed += 1;
      }
    } catch {
      // Gone meanwhile: nothing to do.
    }
  }
  return removed;
}
