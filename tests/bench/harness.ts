import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createCore, type Core } from '../../electron/core/core.ts';
import type { SeedObject } from 'ferry-sandbox';
import { SANDBOX_BIN } from '../support/run-ferry.ts';

export interface BenchSandbox {
  url: string;
  /** Base of the control API (…/__sandbox). */
  control: string;
  tenants: { name: string; key: string; organization: string; project: string }[];
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * The sandbox in a process of its own (`ferry-sandbox`), so what a benchmark measures in its own process
 * (time, memory) is Ferry's, not the server's.
 */
export async function startBenchSandbox(seed: SeedObject | string, flags: string[] = []): Promise<BenchSandbox> {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-bench-seed-'));
  // A seed file's path (written by a process that is not the one measured), or the seed itself.
  const seedPath = typeof seed === 'string' ? seed : join(dir, 'seed.json');
  if (typeof seed !== 'string') writeFileSync(seedPath, JSON.stringify(seed));
  // BENCH_PROFILE_SANDBOX=DIR writes a CPU profile of the sandbox process, for finding where server time goes.
  const profile = process.env['BENCH_PROFILE_SANDBOX']
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env['BENCH_PROFILE_SANDBOX']}`]
    : [];
  const child = spawn(process.execPath, [...profile, SANDBOX_BIN, '--seed', seedPath, '--json', ...flags], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`ferry-sandbox exited with ${code}`)));
  });
  const info = JSON.parse(line) as { url: string; tenants: BenchSandbox['tenants'] };
  return {
    url: info.url,
    control: info.url.replace(/\/v1$/, '/__sandbox'),
    tenants: info.tenants,
    process: child,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function control<T>(sandbox: BenchSandbox, path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${sandbox.control}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...init.headers },
  });
  if (!response.ok) throw new Error(`control ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** A FERRY_HOME with one connection per tenant, keys in environment variables (for CLI children too). */
export async function benchHome(
  sandbox: BenchSandbox,
): Promise<{ home: string; env: NodeJS.ProcessEnv; core: () => Promise<Core>; cleanup(): void }> {
  const home = mkdtempSync(join(tmpdir(), 'ferry-bench-home-'));
  const env: NodeJS.ProcessEnv = { FERRY_HOME: home };
  sandbox.tenants.forEach((tenant, index) => (env[`FERRY_BENCH_KEY_${index}`] = tenant.key));
  const setup = await createCore({
    stateDir: home,
    shell: 'cli',
    keychain: null,
    env: { ...process.env, ...env },
    logger: { log() {} },
  });
  for (const [index, tenant] of sandbox.tenants.entries()) {
    await setup.call('connections.add', {
      name: tenant.name,
      baseUrl: sandbox.url,
      keySource: { kind: 'env', variable: `FERRY_BENCH_KEY_${index}` },
    });
  }
  await setup.dispose();
  return {
    home,
    env,
    core: () =>
      createCore({
        stateDir: home,
        shell: 'cli',
        keychain: null,
        env: { ...process.env, ...env },
        logger: { log() {} },
      }),
    cleanup: () => rmSync(home, { recursive: true, force: true }),
  };
}

/** Demo-like text of a given size (one home, shared with the scaled seeds). */
export { document } from '../support/scale-seed.ts';

export function report(lines: string[]): void {
  for (const line of lines) console.log(line);
}
