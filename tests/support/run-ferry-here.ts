import { PassThrough } from 'node:stream';
import { main } from '../../electron/cli/main.ts';
import type { FerryRun } from './run-ferry.ts';

export interface FerryHereOptions {
  /** Added to this process's environment, as `runFerry` does for a child. */
  env?: NodeJS.ProcessEnv;
  /** What the person at the terminal types (or what a pipe holds). */
  input?: string;
  /** Pretend stdin (and so the confirmation prompt) is a terminal. */
  stdinTTY?: boolean;
  /** Pretend stderr (and so the progress bar) is a terminal. */
  stderrTTY?: boolean;
}

/**
 * Runs `ferry` in this process: the same `main` the command runs, over the same state folder, with
 * streams the test holds. It skips only what a child process adds (Node's start and the module load,
 * 1–2 s each and far more under load), so tests of what a command says and writes use it, and tests of
 * the process itself (exit status, signals, another user, a kill) spawn the real command (`runFerry`).
 */
export async function runFerryHere(args: string[], options: FerryHereOptions = {}): Promise<FerryRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const stdin = new PassThrough();
  if (options.stdinTTY) Object.assign(stdin, { isTTY: true });
  if (options.stderrTTY) Object.assign(stderr, { isTTY: true, columns: 120 });
  let out = '';
  let err = '';
  stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  stdin.end(options.input ?? '');
  const code = await main(args, {
    stdout,
    stderr,
    stdin,
    env: { ...process.env, ...options.env },
    // Nobody presses Ctrl+C in a test: a command that waits for it is run with runFerry instead.
    stopped: new Promise<void>(() => {}),
  });
  return { code, stdout: out, stderr: err };
}
