import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core, type CoreOptions } from '../../electron/core/core.ts';
import { startSandbox, type Sandbox, type SandboxOptions } from 'ferry-sandbox';

export interface SandboxWorld {
  sandbox: Sandbox;
  core: Core;
  home: string;
  /** Connection ids by tenant name. */
  connections: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * A sandbox and a core with one connection per sandbox tenant (session-only keys, so no keychain is
 * needed), in a private state folder: the arrangement most integration tests start from.
 */
export async function startSandboxWorld(
  options: SandboxOptions & {
    readOnly?: string[];
    core?: Partial<CoreOptions>;
    /** Where the state folder goes (a small tmpfs, say); the system temp folder by default. */ homeIn?: string;
  } = {},
): Promise<SandboxWorld> {
  const sandbox = await startSandbox({ ingestionMs: 50, ...options });
  const home = mkdtempSync(join(options.homeIn ?? tmpdir(), 'ferry-world-'));
  const core = await createCore({
    stateDir: home,
    shell: 'cli',
    keychain: null,
    logger: { log() {} },
    ...options.core,
  });
  const connections: Record<string, string> = {};
  for (const tenant of sandbox.tenants) {
    const added = await core.call('connections.add', {
      name: tenant.name,
      baseUrl: sandbox.url,
      organization: tenant.organization,
      project: tenant.project,
      readOnly: options.readOnly?.includes(tenant.name) ?? false,
      keySource: { kind: 'keychain', key: tenant.key },
    });
    connections[tenant.name] = added.id;
  }
  return {
    sandbox,
    core,
    home,
    connections,
    async stop() {
      await core.dispose();
      await sandbox.stop();
      rmSync(home, { recursive: true, force: true });
    },
  };
}
