import type { z } from 'zod';
import { api, type MethodName, type ResultOf } from '../../../shared/api.ts';
import { BridgeError } from '../../../shared/bridge.ts';
import { FerryErrorShape, type CallOutcome } from '../../../shared/errors.ts';

/**
 * Checks a result against the contract before the UI trusts it. A mismatch means the core and the
 * renderer were built from different contracts; failing loudly here beats rendering half an object.
 */
export function checkResult<M extends MethodName>(method: M, value: unknown): ResultOf<M> {
  const schema: z.ZodType = api[method].result;
  return checkShape(method, schema, value) as ResultOf<M>;
}

/** The same check for answers outside the contract's method map (the desktop window's disk abilities). */
export function checkShape<T>(what: string, schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    // The method name is for the console (a bug report), not the screen.
    console.warn(`Unexpected answer shape for ${what}`, parsed.error.issues);
    throw new BridgeError({
      code: 'internal',
      message:
        "Ferry's core answered with data this window does not understand. Restart Ferry; if it persists, report it.",
    });
  }
  return parsed.data;
}

/** Reads an outcome envelope that arrived as untrusted JSON (HTTP body, IPC payload). */
export function readOutcome(value: unknown): CallOutcome<unknown> {
  if (typeof value === 'object' && value !== null && 'ok' in value) {
    if (value.ok === true && 'result' in value) return { ok: true, result: value.result };
    if (value.ok === false && 'error' in value) {
      const error = FerryErrorShape.safeParse(value.error);
      if (error.success) return { ok: false, error: error.data };
    }
  }
  return {
    ok: false,
    error: { code: 'internal', message: 'Ferry answered with something that is not a call outcome.' },
  };
}
