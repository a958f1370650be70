import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const FERRY_BIN = fileURLToPath(new URL('../../bin/ferry.mjs', import.meta.url));
/** The sandbox package's own command, for tests and benchmarks that want the server in a process of its own. */
export const SANDBOX_BIN = fileURLToPath(new URL('../../sandbox/bin/ferry-sandbox.mjs', import.meta.url));

export interface FerryRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real `ferry` command in a child process, as a user or a script would. `prefix` runs it under
 * another command (setpriv, to drop privileges a test must not have).
 */
export function runFerry(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number; prefix?: string[] } = {},
): Promise<FerryRun> {
  const [command, ...rest] = [...(options.prefix ?? []), process.execPath, FERRY_BIN, ...args];
  return new Promise((resolve, reject) => {
    const child = spawn(command!, rest, {
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}
