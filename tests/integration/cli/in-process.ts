import { PassThrough } from 'node:stream';
import OpenAI from 'openai';
import { main } from '../../../electron/cli/main.ts';
import type { CliWorld } from '../../support/cli-world.ts';
import type { FerryRun } from '../../support/run-ferry.ts';

export interface InProcessOptions {
  /** Pretend stdin (and so the confirmation prompt) is a terminal. */
  stdinTTY?: boolean;
  /** Pretend stderr (and so the progress bar) is a terminal. */
  stderrTTY?: boolean;
  /** What the person at the terminal types. */
  input?: string;
}

/**
 * Runs `ferry ARGS` in this process against a CLI world: the same `main` the binary runs, with streams
 * the test holds. Used where the process boundary is not what is tested (the keychain stays off: the
 * world's connections read their keys from environment variables).
 */
export async function ferry(
  world: Pick<CliWorld, 'env'>,
  args: string[],
  options: InProcessOptions = {},
): Promise<FerryRun & { json<T = unknown>(): T }> {
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
    env: { ...world.env, FERRY_NO_KEYCHAIN: '1' },
    stopped: new Promise(() => {}),
  });
  return {
    code,
    stdout: out,
    stderr: err,
    json<T>() {
      return JSON.parse(out) as T;
    },
  };
}

/** The official SDK pointed at one sandbox tenant: how a test checks what the CLI did. */
export function sdkFor(world: CliWorld, tenantName: string): OpenAI {
  const tenant = world.sandbox.tenants.find((t) => t.name === tenantName);
  if (!tenant) throw new Error(`no tenant ${tenantName}`);
  return new OpenAI({
    apiKey: tenant.key,
    baseURL: world.sandbox.url,
    organization: tenant.organization,
    project: tenant.project,
    maxRetries: 0,
  });
}

/** Every write any tenant received since the counts were cleared (reads are GETs). */
export function writes(world: CliWorld): string[] {
  return Object.entries(world.sandbox.control.requestCounts())
    .filter(([route, n]) => n > 0 && !route.startsWith('GET'))
    .map(([route]) => route);
}
