import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type PublicOrganization, type Sandbox } from 'ferry-sandbox';
import { KeychainSecretStore, KEYCHAIN_SERVICE } from '../../../electron/core/connections/secret-store.ts';
import { skipKeychainReason } from '../../support/keychain.ts';
import { runFerryHere } from '../../support/run-ferry-here.ts';
import { everyFileText } from '../../support/state-files.ts';

let sandbox: Sandbox;
let acme: PublicOrganization;
let home: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'demo', ingestionMs: 20 });
  acme = sandbox.organizations.find((o) => o.name === 'Acme')!;
  home = mkdtempSync(join(tmpdir(), 'ferry-projects-'));
  env = {
    FERRY_HOME: home,
    ADMIN_KEY: acme.adminKey,
    PROJECT_KEY: sandbox.tenants[0]!.key,
    OPENAI_API_KEY: '',
    OPENAI_ADMIN_KEY: '',
  };
});
afterAll(async () => {
  await sandbox?.stop();
  rmSync(home, { recursive: true, force: true });
});

/** What the Admin API says is in a project: the check that does not trust Ferry's own account. */
async function serviceAccounts(projectId: string): Promise<{ id: string; name: string }[]> {
  const response = await fetch(`${sandbox.url}/organization/projects/${projectId}/service_accounts`, {
    headers: { authorization: `Bearer ${acme.adminKey}` },
  });
  return ((await response.json()) as { data: { id: string; name: string }[] }).data;
}

/** `ferry ARGS` in this process with the real keychain (a child process costs seconds on a busy machine). */
function run(args: string[], options: { env: NodeJS.ProcessEnv }) {
  return runFerryHere(args, options);
}

interface Listed {
  id: string;
  name: string;
  keyStatus: string;
  fingerprint: string;
  organizationLink?: { projectId: string; serviceAccountName: string };
}

describe('ferry with an organization connection: bad input exits 2 and writes nothing', () => {
  it('names a project key given as an admin key, and an admin key given as a project key, with the fix', async () => {
    const asAdmin = await run(['connections', 'add', '--name', 'Wrong', '--admin-key-env', 'PROJECT_KEY'], {
      env: { ...env, FERRY_HOME: mkdtempSync(join(home, 'bad-')) },
    });
    expect(asAdmin.code).toBe(2);
    expect(asAdmin.stderr).toMatch(/project key, not an admin key.*sk-admin-/);
    const asProject = await run(
      ['connections', 'add', '--name', 'Wrong', '--base-url', sandbox.url, '--key-env', 'ADMIN_KEY'],
      { env: { ...env, FERRY_HOME: mkdtempSync(join(home, 'bad-')) } },
    );
    expect(asProject.code).toBe(2);
    expect(asProject.stderr).toMatch(/admin key .*Add it as an organization instead/);
    expect(asProject.stderr).not.toContain(acme.adminKey);
  });
});

describe.skipIf(skipKeychainReason !== undefined)('ferry projects with the real keychain', () => {
  it('adds Acme, lists its three projects, opens two into keychain-only keys, clones between them, removes one with its service account', async () => {
    const added = await run(
      ['connections', 'add', '--name', 'Acme', '--base-url', sandbox.url, '--admin-key-env', 'ADMIN_KEY'],
      { env },
    );
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/OK {2}Acme: acme, 3 projects/);

    const listed = await run(['projects', '--conn', 'Acme', '--json'], { env });
    expect(listed.code, listed.stderr).toBe(0);
    const projects = JSON.parse(listed.stdout) as { id: string; name: string; status: string }[];
    expect(projects.map((p) => p.name)).toEqual(['Acme Production', 'Acme Staging', 'Legacy Cloud']);
    expect(projects.map((p) => p.id)).toEqual(acme.projects.map((p) => p.id));

    const production = await run(['projects', 'open', 'Acme', 'Acme Production'], { env });
    expect(production.code, production.stderr).toBe(0);
    expect(production.stdout).toMatch(/created service account "ferry-/);
    const staging = await run(['projects', 'open', 'acme', acme.projects[1]!.id], { env });
    expect(staging.code, staging.stderr).toBe(0);
    const again = await run(['projects', 'open', 'Acme', 'Acme Production'], { env });
    expect(again.stdout).toContain('already open');
    expect(await serviceAccounts(acme.projects[0]!.id)).toHaveLength(1);

    const connections = JSON.parse((await run(['connections', 'list', '--json'], { env })).stdout) as Listed[];
    expect(connections.map((c) => c.name)).toEqual(['Acme / Acme Production', 'Acme / Acme Staging']);
    const keychain = new KeychainSecretStore(KEYCHAIN_SERVICE);
    const keys: string[] = [];
    for (const connection of connections) {
      expect(connection.keyStatus).toBe('stored');
      // secret-tool reads the Secret Service directly: the key is in the OS keychain, under the connection id.
      const key = execFileSync('secret-tool', ['lookup', 'service', KEYCHAIN_SERVICE, 'username', connection.id], {
        encoding: 'utf8',
      }).trim();
      expect(key).toBe(await keychain.get(connection.id));
      expect(key).toMatch(/^sk-sandbox-svcacct-/);
      expect(connection.fingerprint).toBe(`sk-…${key.slice(-4)}`);
      keys.push(key);
    }
    const disk = everyFileText(home);
    for (const key of [...keys, acme.adminKey]) expect(disk).not.toContain(key);

    const inventory = await run(['projects', 'inventory', 'Acme', '--json'], { env });
    expect(inventory.code, inventory.stderr).toBe(0);
    const counts = JSON.parse(inventory.stdout) as { name: string; assistants: number; vectorStores: number }[];
    expect(counts.map((r) => r.name)).toEqual(['Acme / Acme Production', 'Acme / Acme Staging']);
    expect(counts[0]!.assistants).toBeGreaterThanOrEqual(12);
    expect(counts[1]).toMatchObject({ assistants: 0, vectorStores: 0 });

    const source = new OpenAI({ apiKey: keys[0]!, baseURL: sandbox.url, maxRetries: 0 });
    const store = (await source.vectorStores.list()).data.find((vs) => vs.name === 'Support Knowledge Base')!;
    const cloned = await run(
      ['clone', '--from', 'Acme / Acme Production', '--to', 'Acme / Acme Staging', '--vector-store', store.id, '--yes'],
      { env },
    );
    expect(cloned.code, cloned.stderr).toBe(0);
    const destination = new OpenAI({ apiKey: keys[1]!, baseURL: sandbox.url, maxRetries: 0 });
    expect((await destination.vectorStores.list()).data.map((vs) => vs.name)).toContain('Support Knowledge Base');

    // A service account deleted behind Ferry's back (in the dashboard) is found on test and replaced on request.
    const [account] = await serviceAccounts(acme.projects[0]!.id);
    await fetch(`${sandbox.url}/organization/projects/${acme.projects[0]!.id}/service_accounts/${account!.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${acme.adminKey}` },
    });
    const broken = await run(['connections', 'test', 'Acme / Acme Production'], { env });
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/service account "ferry-.*" was rejected.*Replace it from the organization/);
    const replaced = await run(['projects', 'open', 'Acme', 'Acme Production', '--replace'], { env });
    expect(replaced.code, replaced.stderr).toBe(0);
    const renewed = await keychain.get(connections[0]!.id);
    expect(renewed).not.toBe(keys[0]);
    expect((await run(['connections', 'test', 'Acme / Acme Production'], { env })).code).toBe(0);
    expect(await serviceAccounts(acme.projects[0]!.id)).toHaveLength(1);
    expect(everyFileText(home)).not.toContain(renewed);

    const removed = await run(['connections', 'remove', 'Acme / Acme Staging', '--delete-service-account'], {
      env,
    });
    expect(removed.code, removed.stderr).toBe(0);
    expect(await serviceAccounts(acme.projects[1]!.id)).toEqual([]);
    await expect(destination.models.list()).rejects.toMatchObject({ status: 401 });
    expect(await keychain.get(connections[1]!.id)).toBeNull();

    // An archived project is not opened for writing; a refused service account leaves no connection.
    await fetch(`${sandbox.url}/organization/projects/${acme.projects[2]!.id}/archive`, {
      method: 'POST',
      headers: { authorization: `Bearer ${acme.adminKey}` },
    });
    const writable = await run(['projects', 'open', 'Acme', 'Legacy Cloud'], { env });
    expect(writable.code).toBe(2);
    expect(writable.stderr).toMatch(/archived.*read-only/);
    const readOnly = await run(['projects', 'open', 'Acme', 'Legacy Cloud', '--read-only'], { env });
    expect(readOnly.code).toBe(1);
    expect(readOnly.stderr).toMatch(/Could not create a service account in "Legacy Cloud".*archived/);
    const after = JSON.parse((await run(['connections', 'list', '--json'], { env })).stdout) as Listed[];
    expect(after.map((c) => c.name)).toEqual(['Acme / Acme Production']);

    const gone = await run(['connections', 'remove', 'Acme', '--delete-service-account'], { env });
    expect(gone.code, gone.stderr).toBe(0);
    expect(gone.stdout).toContain('"Acme / Acme Production"');
    expect(await serviceAccounts(acme.projects[0]!.id)).toEqual([]);
    expect(JSON.parse((await run(['connections', 'list', '--json'], { env })).stdout)).toEqual([]);
  });
});
