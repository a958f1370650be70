import { PassThrough, Readable } from 'node:stream';
import { main } from '../../electron/cli/main.ts';
import type { FerryRun } from './run-ferry.ts';

/**
 * Runs `ferry` in this process: the same `main` the command runs, over the same state folder, with its
 * own streams and environment. It skips only what a child process adds (Node's start, the module load,
 * about 1–2 s each and far more under load), so tests of what a command says and writes use it, and
 * tests of the process itself (exit status, signals, another user, a kill) spawn the real command.
 */
export async function runFerryHere(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; input?: string } = {},
): Promise<FerryRun> {
  const stdout = collect();
  const stderr = collect();
  const code = await main(args, {
    stdout: stdout.stream,
    stderr: stderr.stream,
    stdin: Readable.from(options.input === undefined || options.input === '' ? [] : [options.input]),
    env: { ...process.env, ...options.env },
    // Nobody presses Ctrl+C in a test: a command that waits for it is run with runFerry instead.
    stopped: new Promise<void>(() => {}),
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

function collect(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}
