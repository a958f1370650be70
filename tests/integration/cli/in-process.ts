import OpenAI from 'openai';
import type { CliWorld } from '../../support/cli-world.ts';
import type { FerryRun } from '../../support/run-ferry.ts';
import { runFerryHere, type FerryHereOptions } from '../../support/run-ferry-here.ts';

/**
 * Runs `ferry ARGS` in this process against a CLI world (see runFerryHere), with the keychain off: the
 * world's connections read their keys from environment variables.
 */
export async function ferry(
  world: Pick<CliWorld, 'env'>,
  args: string[],
  options: Omit<FerryHereOptions, 'env'> = {},
): Promise<FerryRun & { json<T = unknown>(): T }> {
  const run = await runFerryHere(args, { ...options, env: { ...world.env, FERRY_NO_KEYCHAIN: '1' } });
  return {
    ...run,
    json<T>() {
      return JSON.parse(run.stdout) as T;
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
