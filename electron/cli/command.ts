import type { Writable } from 'node:stream';

/** Exit codes every `ferry` command keeps to: scripts branch on them. */
export const Exit = { ok: 0, failed: 1, badInput: 2 } as const;
export type ExitCode = (typeof Exit)[keyof typeof Exit];

/** What a command may touch: its streams and environment are passed in so tests can run it in-process. */
export interface CliContext {
  stdout: Writable;
  stderr: Writable;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
  /** Resolves when the user asks to stop (SIGINT/SIGTERM); long-running commands such as `sandbox` wait on it. */
  stopped: Promise<void>;
}

/** What shell completion needs of a command: its verbs and each verb's flags (with the values they take). */
export interface CompletionSpec {
  verbs: { name: string; summary: string; flags: CompletionFlag[] }[];
  /** Flags of the command itself (all of them, for a command without verbs). */
  flags: CompletionFlag[];
}
export interface CompletionFlag {
  name: string;
  choices?: readonly string[];
}

export interface CliCommand {
  name: string;
  summary: string;
  /** Full help text, shown by `ferry NAME --help` and on bad input. */
  usage: string;
  /** The help of one subcommand (`ferry NAME VERB --help`), where the command has verbs of its own. */
  helpFor?(args: string[]): string;
  /** Verbs and flags for shell completion; commands without it are completed from their usage text. */
  completion?: CompletionSpec;
  run(args: string[], context: CliContext): Promise<ExitCode>;
}

/** Thrown for bad input anywhere in a command; the runner prints it with the usage hint and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
