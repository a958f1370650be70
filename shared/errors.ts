import { z } from 'zod';

/**
 * Every failure that crosses the bridge has this shape. `code` lets the UI and the CLI decide what to do
 * (exit 2 for bad_input, offer a retry for unreachable); `message` is a sentence an admin can act on;
 * `field` names the offending parameter when there is one, so forms can put the message next to it.
 */
export const errorCodes = [
  'bad_input',
  'not_found',
  'conflict',
  'read_only',
  'unauthorized',
  'unreachable',
  'rate_limited',
  'keychain_unavailable',
  'upstream',
  /** Ferry's own state folder: out of space, unwritable, or a state file damaged (named in the message). */
  'storage',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const FerryErrorShape = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  field: z.string().optional(),
});
export type FerryErrorShape = z.infer<typeof FerryErrorShape>;

/** Turns zod issues into one readable sentence per issue, each prefixed with the dotted path of its field. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): { message: string; field?: string } {
  const lines = issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    // zod reports a record key that fails its own schema as "Invalid key in record", with the key's own
    // issue (which says the limit) nested inside: the nested one is the sentence to show.
    const own = issue.code === 'invalid_key' ? (issue.issues[0]?.message ?? issue.message) : issue.message;
    const sentence = own.replace(/\.$/, '');
    return path ? `${path}: ${sentence}` : sentence;
  });
  const first = issues[0];
  const field = first && first.path.length > 0 ? first.path.map(String).join('.') : undefined;
  return { message: `${lines.join('; ')}.`, ...(field ? { field } : {}) };
}

/** The envelope every call answers with, over IPC and HTTP alike. */
export type CallOutcome<T> = { ok: true; result: T } | { ok: false; error: FerryErrorShape };
