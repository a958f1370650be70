import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KeychainSecretStore, KEYCHAIN_SERVICE } from '../../../electron/core/connections/secret-store.ts';
import { skipKeychainReason } from '../../support/keychain.ts';
import { runFerryHere } from '../../support/run-ferry-here.ts';

let home: string;
let env: NodeJS.ProcessEnv;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'ferry-cli-edit-'));
  env = { FERRY_HOME: home };
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const settingsText = () => readFileSync(join(home, 'settings.json'), 'utf8');

async function listed(): Promise<Array<Record<string, unknown>>> {
  return JSON.parse((await runFerryHere(['connections', 'list', '--json'], { env })).stdout) as Array<
    Record<string, unknown>
  >;
}

describe('ferry connections edit', () => {
  it('changes only what is passed, and refuses bad input with exit 2, writing nothing', async () => {
    expect(
      (
        await runFerryHere(
          [
            'connections',
            'add',
            '--name',
            'Acme',
            '--key-env',
            'ACME_KEY',
            '--base-url',
            'https://api.example.com/v1',
            '--org',
            'org-acme',
          ],
          { env },
        )
      ).code,
    ).toBe(0);
    const before = settingsText();
    for (const [args, message] of [
      [['connections', 'edit', 'Acme'], /nothing to change/],
      [['connections', 'edit', 'Acme', '--read-only', '--writable'], /at most one of --read-only or --writable/],
      [['connections', 'edit', 'Acme', '--key-stdin', '--key-env', 'K'], /at most one of --key-stdin or --key-env/],
      [['connections', 'edit', 'Nobody', '--read-only'], /No connection is named "Nobody"/],
      [
        ['connections', 'edit', 'Acme', '--base-url', 'http://127.0.0.1:9/v1'],
        /moves "Acme" from https:\/\/api\.example\.com to http:\/\/127\.0\.0\.1:9, and a key is bound to its host: the stored key would be dropped\. Give the key for the new host with --key-stdin or --key-env VAR/,
      ],
      [['connections', 'edit', 'Acme', '--org', 'acme'], /organization: Organization ID must look like "org-…"/],
      [['connections', 'edit', 'Acme', '--name', 'Bad\u001b[0m'], /name: Name must not contain control characters/],
    ] as const) {
      const run = await runFerryHere([...args], { env });
      expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(2);
      expect(run.stderr).toMatch(message);
    }
    expect(settingsText()).toBe(before);

    const renamed = await runFerryHere(
      [
        'connections',
        'edit',
        'acme',
        '--name',
        'Acme Staging',
        '--read-only',
        '--org',
        '',
        '--base-url',
        'https://api.example.com/v2',
      ],
      { env },
    );
    expect(renamed.code, renamed.stderr).toBe(0);
    expect(renamed.stdout).toContain('Updated connection "Acme Staging"');
    expect(renamed.stdout).not.toContain('dropped');
    const [connection] = await listed();
    expect(connection).toMatchObject({
      name: 'Acme Staging',
      readOnly: true,
      baseUrl: 'https://api.example.com/v2',
      keySource: 'env',
      envVariable: 'ACME_KEY',
    });
    expect(connection).not.toHaveProperty('organization');
  });

  it('moving to another host with a new key source says the old key was dropped', async () => {
    await runFerryHere(
      ['connections', 'add', '--name', 'Acme', '--key-env', 'ACME_KEY', '--base-url', 'https://api.example.com/v1'],
      { env },
    );
    const moved = await runFerryHere(
      ['connections', 'edit', 'Acme', '--base-url', 'http://127.0.0.1:9/v1', '--key-env', 'LOCAL_KEY', '--writable'],
      { env },
    );
    expect(moved.code, moved.stderr).toBe(0);
    expect(moved.stdout).toContain(
      'Its key for https://api.example.com was dropped; the key you gave is used for http://127.0.0.1:9 only.',
    );
    expect((await listed())[0]).toMatchObject({
      baseUrl: 'http://127.0.0.1:9/v1',
      envVariable: 'LOCAL_KEY',
      readOnly: false,
    });
  });
});

describe.skipIf(skipKeychainReason !== undefined)('ferry connections edit with the real keychain', () => {
  it('replaces the keychain key on a move to another host, and a rename clash leaves the key alone', async () => {
    const oldKey = `sk-edit-old-${Date.now()}-aaaaaaaa`;
    const newKey = `sk-edit-new-${Date.now()}-bbbbbbbb`;
    await runFerryHere(
      ['connections', 'add', '--name', 'Keyed', '--base-url', 'https://api.example.com/v1', '--key-stdin'],
      { env, input: oldKey },
    );
    await runFerryHere(['connections', 'add', '--name', 'Other', '--key-env', 'K'], { env });
    const [keyed] = (await listed()).filter((c) => c['name'] === 'Keyed');
    const keychain = new KeychainSecretStore(KEYCHAIN_SERVICE);
    try {
      const clash = await runFerryHere(['connections', 'edit', 'Keyed', '--name', 'other', '--key-stdin'], {
        env,
        input: newKey,
      });
      expect(clash.code).toBe(2);
      expect(clash.stderr).toMatch(/A connection named "Other" already exists/);
      expect(await keychain.get(String(keyed!['id']))).toBe(oldKey);

      const moved = await runFerryHere(
        ['connections', 'edit', 'Keyed', '--base-url', 'http://127.0.0.1:9/v1', '--key-stdin'],
        { env, input: newKey },
      );
      expect(moved.code, moved.stderr).toBe(0);
      expect(moved.stdout).toContain(`sk-…${newKey.slice(-4)} in keychain`);
      expect(await keychain.get(String(keyed!['id']))).toBe(newKey);
    } finally {
      await keychain.delete(String(keyed!['id'])).catch(() => false);
    }
  });
});
