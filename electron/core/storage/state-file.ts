import { existsSync, readFileSync } from 'node:fs';
import type { z } from 'zod';
import { describeIssues } from '../../../shared/errors.ts';
import { FerryError } from '../errors.ts';

/**
 * A state file that exists but cannot be read as what it should hold. It is never replaced or skipped
 * silently: the message names the file and what to do, so an admin (or a later run) can act on it.
 */
export class DamagedStateError extends FerryError {
  readonly path: string;
  readonly problem: string;

  constructor(path: string, problem: string, fix: string) {
    super('storage', `${path} is damaged (${problem}). ${fix}`);
    this.path = path;
    this.problem = problem;
  }
}

/**
 * Reads and validates a JSON state file. Missing answers `undefined` (a state never written); present
 * but unparsable or of the wrong shape throws {@link DamagedStateError} naming it, with `fix` as advice.
 */
export function readStateFile<S extends z.ZodType>(path: string, schema: S, fix: string): z.infer<S> | undefined {
  if (!existsSync(path)) return undefined;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new DamagedStateError(path, `cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, fix);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new DamagedStateError(
      path,
      text.length === 0 ? 'it is empty' : `not valid JSON; ${text.length} bytes, cut or overwritten`,
      fix,
    );
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new DamagedStateError(path, describeIssues(parsed.error.issues).message, fix);
  return parsed.data;
}
