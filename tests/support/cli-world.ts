import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../electron/core/core.ts';
import { startSandbox, type Sandbox, type SandboxOptions } from 'ferry-sandbox';

export interface CliWorld {
  sandbox: Sandbox;
  /** FERRY_HOME and the key variables, for `runFerry(args, { env })`. */
  env: NodeJS.ProcessEnv;
  home: string;
  stop(): Promise<void>;
}

/**
 * A sandbox and a FERRY_HOME whose connections (one per tenant) read their keys from environment
 * variables, so `ferry` child processes can use them without a keychain.
 */
export async function startCliWorld(options: SandboxOptions & { readOnly?: string[] } = {}): Promise<CliWorld> {
  const sandbox = await startSandbox({ seed: 'demo', ...options });
  const home = mkdtempSync(join(tmpdir(), 'ferry-cli-world-'));
  const env: NodeJS.ProcessEnv = { FERRY_HOME: home };
  const core = await createCore({ stateDir: home, shell: 'cli', keychain: null, logger: { log() {} } });
  for (const [index, tenant] of sandbox.tenants.entries()) {
    env[`FERRY_TEST_KEY_${index}`] = tenant.key;
    await core.call('connections.add', {
      name: tenant.name,
      baseUrl: sandbox.url,
      readOnly: options.readOnly?.includes(tenant.name) ?? false,
      keySource: { kind: 'env', variable: `FERRY_TEST_KEY_${index}` },
    });
  }
  await core.dispose();
  return {
    sandbox,
    env,
    home,
    async stop() {
      await sandbox.stop();
      rmSync(home, { recursive: true, force: true });
    },
  };
}
