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

export interface CliCommand {
  name: string;
  summary: string;
  /** Full help text, shown by `ferry NAME --help` and on bad input. */
  usage: string;
  run(args: string[], context: CliContext): Promise<ExitCode>;
}

/** Thrown for bad input anywhere in a command; the runner prints it with the usage hint and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
