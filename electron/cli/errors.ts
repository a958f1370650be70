import { FerryError } from '../core/errors.ts';
import { Exit, UsageError, type ExitCode } from './command.ts';

/**
 * Bad input exits 2 so scripts can tell "you called it wrong" from "it failed" (1). A name that clashes
 * with an existing one, and a write aimed at a read-only connection, are the caller's input too.
 */
export function exitCodeFor(error: unknown): ExitCode {
  if (error instanceof UsageError) return Exit.badInput;
  if (error instanceof FerryError && ['bad_input', 'conflict', 'read_only'].includes(error.code)) return Exit.badInput;
  return Exit.failed;
}

export function describeError(error: unknown): string {
  if (error instanceof UsageError || error instanceof FerryError) return error.message;
  if (error instanceof Error) return `unexpected error: ${error.message}`;
  return `unexpected error: ${String(error)}`;
}
