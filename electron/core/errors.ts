import type { ErrorCode, FerryErrorShape } from '../../shared/errors.ts';

/**
 * The core's one error type. Its message is written for an admin (what is wrong and how to fix it) and
 * must never contain a key: it crosses IPC, HTTP and the log as is.
 */
export class FerryError extends Error implements FerryErrorShape {
  readonly code: ErrorCode;
  readonly field?: string;

  constructor(code: ErrorCode, message: string, options: { field?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FerryError';
    this.code = code;
    if (options.field !== undefined) this.field = options.field;
  }

  toShape(): FerryErrorShape {
    return { code: this.code, message: this.message, ...(this.field === undefined ? {} : { field: this.field }) };
  }
}

/** Anything thrown, as the shape that may cross the bridge. Unknown errors keep only a generic message. */
export function toErrorShape(error: unknown): FerryErrorShape {
  if (error instanceof FerryError) return error.toShape();
  return { code: 'internal', message: "Something went wrong inside Ferry. The details are in Ferry's log." };
}

/** An error as one sentence for a job item or a bulk action's row; a cancel is not an error. */
export function describeFailure(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
