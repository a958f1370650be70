import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { FerryError } from '../errors.ts';

/** The most a file may be: the API refuses anything larger. */
export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;

const STAGED_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** Where a shell stages an upload's bytes before the core sends them on: a folder under the state dir. */
export function stagingDir(stateDir: string): string {
  const dir = join(stateDir, 'staged-uploads');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

export function newStagedId(): string {
  return randomBytes(16).toString('base64url');
}

/** The staged file's path; the id is checked so it can never name anything outside the staging folder. */
export function stagedPath(stateDir: string, stagedId: string): string {
  if (!STAGED_ID.test(stagedId)) throw new FerryError('bad_input', 'stagedId does not name a staged upload.', { field: 'stagedId' });
  return join(stagingDir(stateDir), stagedId);
}
