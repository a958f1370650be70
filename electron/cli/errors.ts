import { FerryError } from '../core/errors.ts';
import { cliMessage } from '../../shared/messages.ts';
import { Exit, UsageError, type ExitCode } from './command.ts';

/**
 * Bad input exits 2 so scripts can tell "you called it wrong" from "it failed" (1). A name that clashes
 * with an existing one, a write aimed at a read-only connection, and an id that names nothing (an unknown
 * job, a plan or grant that is gone) are the caller's input too, as the README's exit codes say.
 */
export function exitCodeFor(error: unknown): ExitCode {
  if (error instanceof UsageError) return Exit.badInput;
  if (error instanceof FerryError && ['bad_input', 'conflict', 'read_only', 'not_found'].includes(error.code))
    return Exit.badInput;
  return Exit.failed;
}

export function describeError(error: unknown): string {
  if (error instanceof FerryError) return cliMessage(error);
  if (error instanceof UsageError) return error.message;
  if (error instanceof Error) return `unexpected error: ${error.message}`;
  return `unexpected error: ${String(error)}`;
}
