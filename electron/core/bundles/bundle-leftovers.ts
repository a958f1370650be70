import { existsSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PARTIAL_DIR } from './bundle-format.ts';

/**
 * Where this process keeps what it has not finished writing into a bundle (upload parts, a byte file
 * being hashed): a folder named for its pid, so a later run can tell a dead writer's leftovers from a live
 * one's.
 */
export function partialDir(root: string): string {
  return join(root, PARTIAL_DIR, String(process.pid));
}

/**
 * This process is done with its partial `name` (an upload's parts; none for a byte file already moved in
 * place): it goes, and the partial folders once nothing waits in them, so a finished bundle holds only its
 * content.
 */
export function dropPartial(root: string, name?: string): void {
  if (name !== undefined) rmSync(join(partialDir(root), name), { recursive: true, force: true });
  for (const dir of [partialDir(root), join(root, PARTIAL_DIR)])
    if (existsSync(dir) && readdirSync(dir).length === 0) rmdirSync(dir);
}

/** An atomic write's temporary file (storage/durable-file.ts names it `<path>.<pid>.tmp`). */
const ATOMIC_TEMP = /\.(\d+)\.tmp$/;

/**
 * Removes what writers that died (a kill, a crash) left half-written in a bundle: their partial folders
 * and their atomic writes' temporary files. Only a dead pid's: a live process may still finish its own.
 * Run at the end of a job into the folder, under the destination's lock, so a resumed export ends with
 * exactly the files an uninterrupted one writes.
 */
export function sweepLeftovers(root: string, alive: (pid: number) => boolean): void {
  const dead = (pid: string) => pid !== String(process.pid) && !alive(Number(pid));
  const partial = join(root, PARTIAL_DIR);
  if (existsSync(partial)) {
    for (const name of readdirSync(partial))
      if (/^\d+$/.test(name) && dead(name)) rmSync(join(partial, name), { recursive: true, force: true });
    if (readdirSync(partial).length === 0) rmSync(partial, { recursive: true, force: true });
  }
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === PARTIAL_DIR) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        const pid = ATOMIC_TEMP.exec(entry.name)?.[1];
        if (pid && dead(pid)) rmSync(full, { force: true });
      }
    }
  };
  if (existsSync(root)) walk(root);
}
