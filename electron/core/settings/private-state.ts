import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The state folder holds connection settings, the log, cached bytes of files the API will not hand back,
 * spooled downloads and staged uploads: nothing another local user may read. Every folder Ferry makes in
 * it is 0700 and every file 0600. These two modes have this one home; each place that creates a file in
 * the state folder passes them explicitly (a umask would reach the admin's own downloads too).
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Bits that let anyone but the owner in. */
const OTHERS = 0o077;

/** Makes a folder (and any missing parents inside the state folder) readable by its owner only. */
export function mkdirPrivate(path: string): void {
  mkdirSync(path, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/**
 * Creates the state folder 0700 if it is missing, then tightens whatever in it is looser than 0700/0600
 * (a folder made by an older Ferry, a file copied in by hand). Symbolic links are left alone: chmod would
 * follow them out of the folder. Answers how many entries were exposed and tightened (the folder itself
 * and files), so the shell can say so once; a subfolder behind a private folder exposed nothing, so it is
 * tightened without a word. Windows keeps access in ACLs, not mode bits, so there is nothing to do there.
 */
export function securePrivateStateDir(
  stateDir: string,
  platform: NodeJS.Platform = process.platform,
): { tightened: number; failed: string[] } {
  mkdirPrivate(stateDir);
  if (platform === 'win32') return { tightened: 0, failed: [] };
  const result = { tightened: 0, failed: [] as string[] };
  tighten(stateDir, result, true);
  return result;
}

function tighten(path: string, result: { tightened: number; failed: string[] }, root = false): void {
  let info;
  try {
    info = lstatSync(path);
  } catch {
    return; // gone since it was listed
  }
  if (info.isSymbolicLink()) return;
  const wanted = info.isDirectory() ? PRIVATE_DIR_MODE : PRIVATE_FILE_MODE;
  if ((info.mode & OTHERS) !== 0) {
    try {
      chmodSync(path, wanted);
      if (root || !info.isDirectory()) result.tightened += 1;
    } catch {
      result.failed.push(path);
    }
  }
  if (!info.isDirectory()) return;
  let names: string[];
  try {
    names = readdirSync(path);
  } catch {
    result.failed.push(path);
    return;
  }
  for (const name of names) tighten(join(path, name), result);
}

/** The one line a shell prints when the state folder had to be tightened. */
export function tightenedNotice(stateDir: string, outcome: { tightened: number; failed: string[] }): string | null {
  if (outcome.failed.length > 0) {
    return `Ferry could not make ${outcome.failed.length} item(s) in its state folder ${stateDir} private (first: ${outcome.failed[0]}); other local users may read them. Fix their owner or permissions.`;
  }
  if (outcome.tightened === 0) return null;
  return `Ferry made its state folder ${stateDir} private: ${outcome.tightened} item(s) other local users could read are now readable by you only (folders 0700, files 0600).`;
}
