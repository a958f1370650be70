import type { ShellCore } from '../core/core.ts';
import { readOnlyRefusal } from '../core/openai/gateway-context.ts';
import { UsageError, type CliContext } from './command.ts';
import { confirm } from './job-runner.ts';

export const isTerminal = (stream: unknown): boolean => (stream as { isTTY?: boolean }).isTTY === true;

/**
 * Refuses a write to a read-only connection before anything is read, listed or asked. The core refuses
 * such writes anyway; checking first means the admin is never asked to confirm what cannot happen. An
 * unknown connection is left for the core's first call to name.
 */
export async function assertWritable(core: ShellCore, conn: string, doing: string): Promise<void> {
  const found = await connectionView(core, conn);
  if (found?.readOnly) throw readOnlyRefusal(doing, found.name);
}

/** The connection `--conn` names, as `ferry ls` finds it: by id, or by name without regard to case. */
async function connectionView(core: ShellCore, conn: string) {
  const wanted = conn.trim().toLowerCase();
  const all = await core.call('connections.list', {});
  return all.find((c) => c.id === conn) ?? all.find((c) => c.name.toLowerCase() === wanted);
}

/** Before a destructive call: without `--yes` a terminal must be there to answer, or it is bad input. */
export function assertCanConfirm(context: CliContext, yes: boolean): void {
  if (!yes && !isTerminal(context.stdin))
    throw new UsageError('not at a terminal, so there is no one to confirm: pass --yes to go ahead without asking.');
}

/**
 * Lists what is about to go and asks at the terminal (`--yes` skips the question). The list goes to
 * stderr, so `--json` output on stdout stays one document.
 */
export async function confirmDeletion(
  context: CliContext,
  options: {
    yes: boolean;
    what: string;
    where: string;
    lines: string[];
    action?: string;
    /** How many things the prompt is about, when `lines` holds more (a note after them). */
    count?: number;
  },
): Promise<boolean> {
  assertCanConfirm(context, options.yes);
  if (options.yes) return true;
  context.stderr.write(
    `${options.what} in "${options.where}":\n${options.lines.map((line) => `  ${line}`).join('\n')}\n`,
  );
  const action = options.action ?? 'Delete';
  const count = options.count ?? options.lines.length;
  const ok = await confirm(context, `${action} ${count === 1 ? 'it' : `these ${count}`}?`);
  if (!ok) context.stderr.write(`Nothing was ${action === 'Delete' ? 'deleted' : 'changed'}.\n`);
  return ok;
}

/** The connection's display name, for summaries ("Deleted 3 files in Acme Production"). */
export async function connectionName(core: ShellCore, conn: string): Promise<string> {
  return (await connectionView(core, conn))?.name ?? conn;
}

/** Writes the result: JSON for machines, or the summary for people. */
export function output(context: CliContext, json: boolean, data: unknown, human: () => string): void {
  context.stdout.write(json ? `${JSON.stringify(data, null, 2)}\n` : `${human().trimEnd()}\n`);
}
