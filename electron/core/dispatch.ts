import type { z } from 'zod';
import { api, isMethodName, type Api, type MethodName, type ResultOf } from '../../shared/api.ts';
import type { MethodSpec } from '../../shared/contract/define.ts';
import { describeIssues, type CallOutcome, type FerryErrorShape } from '../../shared/errors.ts';
import { FerryError, toErrorShape } from './errors.ts';
import type { Logger } from './logging/logger.ts';

/** What one capability implements: a function per entry of its contract slice, taking validated params. */
export type AreaHandlers<A extends Record<string, MethodSpec>> = {
  [M in keyof A]: (params: z.output<A[M]['params']>) => Promise<z.output<A[M]['result']>>;
};

/** What the core implements: every entry of the contract. */
export type Handlers = AreaHandlers<Api>;

export type Dispatch = (method: unknown, params: unknown) => Promise<CallOutcome<unknown>>;

/**
 * The single way into the core from a shell. It takes `unknown` on purpose: whatever arrives over IPC or
 * HTTP is checked against the contract before a handler sees it, and every failure leaves as a
 * {@link FerryErrorShape} that names the field and says how to fix it.
 */
export function createDispatch(handlers: Handlers, logger: Logger, options: { checkResults?: boolean } = {}): Dispatch {
  return async (method, params) => {
    if (!isMethodName(method)) {
      return {
        ok: false,
        error: { code: 'bad_input', message: `Unknown method "${String(method)}".`, field: 'method' },
      };
    }
    const parsed = api[method].params.safeParse(params ?? {});
    if (!parsed.success) return { ok: false, error: invalidRequest(parsed.error.issues) };
    const handler = handlers[method] as (p: unknown) => Promise<unknown>;
    if (!options.checkResults) return settle(method, () => handler(parsed.data), logger);
    return settle(method, async () => checkedResult(method, await handler(parsed.data)), logger);
  };
}

/**
 * Under test (FERRY_CHECK_RESULTS=1, which the suites set), every answer is parsed with its method's result
 * schema, so each test that goes through the contract also proves the core answers what the contract says
 * (the renderer parses what it receives too). A mismatch is a bug in the core: an internal error, logged.
 */
function checkedResult(method: MethodName, result: unknown): unknown {
  const checked = api[method].result.safeParse(result);
  if (checked.success) return result;
  throw new Error(
    `The core answered ${method} with a result its contract does not allow: ${describeIssues(checked.error.issues).message}`,
  );
}

/** The refusal of params that failed their schema: every issue in words, and the first offending field. */
export function invalidRequest(issues: readonly z.core.$ZodIssue[]): FerryErrorShape {
  const { message, field } = describeIssues(issues);
  // No method name in the sentence: "vectorStores.create" is core vocabulary, not the admin's.
  return { code: 'bad_input', message: `Check the input: ${message}`, ...(field ? { field } : {}) };
}

/**
 * Runs a core operation and turns what it throws into an outcome a shell can send on: a FerryError as it
 * is, anything else as an internal error, logged (redacted) because it is a bug.
 */
export async function settle<T>(what: string, run: () => Promise<T>, logger: Logger): Promise<CallOutcome<T>> {
  try {
    return { ok: true, result: await run() };
  } catch (error) {
    if (!(error instanceof FerryError)) logger.log('error', `Unexpected failure in ${what}`, { error });
    return { ok: false, error: toErrorShape(error) };
  }
}

/** For in-process callers (the CLI): the same validation, with failures thrown as FerryError. */
export async function callThrough<M extends MethodName>(
  dispatch: Dispatch,
  method: M,
  params: unknown,
): Promise<ResultOf<M>> {
  const outcome = await dispatch(method, params);
  if (!outcome.ok)
    throw new FerryError(
      outcome.error.code,
      outcome.error.message,
      outcome.error.field ? { field: outcome.error.field } : {},
    );
  return outcome.result as ResultOf<M>;
}
