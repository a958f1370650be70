import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KeychainSecretStore, KEYCHAIN_SERVICE } from '../../../electron/core/connections/secret-store.ts';
import { skipKeychainReason } from '../../support/keychain.ts';
import { everyFileText } from '../../support/state-files.ts';
import { runFerry } from '../../support/run-ferry.ts';
import { runFerryHere } from '../../support/run-ferry-here.ts';

let home: string;
let env: NodeJS.ProcessEnv;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'ferry-cli-'));
  env = { FERRY_HOME: home };
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const key = `sk-test-${'k'.repeat(20)}${Date.now()}`;

describe('ferry: help and exit codes', () => {
  it('prints help with exit 0, and exits 2 for no or an unknown command', async () => {
    const help = await runFerryHere(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('connections');
    expect((await runFerryHere([])).code).toBe(2);
    // The real command, once: its exit status is the process's, as a script sees it.
    const unknown = await runFerry(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
  });

  it('points `ferry sandbox`, which moved to the sandbox package, at its new command', async () => {
    const moved = await runFerryHere(['sandbox', '--json']);
    expect(moved.code).toBe(2);
    expect(moved.stderr).toContain('run `npx ferry-sandbox`');
    expect(moved.stdout).toBe('');
  });

  it("shows a command's usage with --help", async () => {
    const help = await runFerryHere(['connections', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--key-stdin');
  });
});

describe('ferry connections: bad input exits 2 and writes nothing', () => {
  it.each([
    [['connections', 'add', '--key-env', 'K'], /--name is required/],
    [['connections', 'add', '--name', 'A'], /exactly one of --key-stdin or --key-env/],
    [['connections', 'add', '--name', 'A', '--key-env', 'K', '--key-stdin'], /exactly one of/],
    [
      ['connections', 'add', '--name', 'A', '--key-env', 'K', '--org', 'acme'],
      /organization: Organization ID must look like "org-…"/,
    ],
    [
      ['connections', 'add', '--name', 'A', '--key-env', 'K', '--base-url', 'localhost:8080'],
      /baseUrl: Base URL must be an http\(s\) URL/,
    ],
    [['connections', 'add', '--name', 'A', '--key-env', 'K', '--colour', 'red'], /Unknown option '--colour'/],
    [
      ['connections', 'add', '--name', 'Acme\u001b[2KStaging', '--key-env', 'K'],
      /name: Name must not contain control characters, terminal escape codes or text-direction overrides/,
    ],
    [
      ['connections', 'add', '--name', 'Acme \u202Egnigats', '--key-env', 'K'],
      /name: Name must not contain control characters/,
    ],
    [['connections', 'frob'], /unknown subcommand "frob"/],
    [['connections', 'test'], /exactly one connection name/],
    [['connections', 'remove', 'Nobody'], /No connection is named "Nobody"/],
  ])('%j', async (args, message) => {
    const run = await runFerryHere(args, { env });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(message);
    const list = await runFerryHere(['connections', 'list', '--json'], { env });
    expect(JSON.parse(list.stdout)).toEqual([]);
  });

  it('refuses an empty key from stdin', async () => {
    const run = await runFerryHere(['connections', 'add', '--name', 'A', '--key-stdin'], { env, input: '   \n' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/keySource.key: API key is too short/);
  });
});

describe.skipIf(skipKeychainReason !== undefined)('ferry connections with the real keychain', () => {
  it('adds with --key-stdin: key in the keychain only, fingerprint in lists, survives restarts, removed cleanly', async () => {
    const added = await runFerryHere(
      ['connections', 'add', '--name', 'Acme Production', '--org', 'org-acme', '--key-stdin'],
      { env, input: `${key}\n` },
    );
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain(`sk-…${key.slice(-4)} in keychain`);

    // A new process (a restart) sees it, by fingerprint only.
    const list = await runFerryHere(['connections', 'list', '--json'], { env });
    const [connection] = JSON.parse(list.stdout) as Array<{
      id: string;
      name: string;
      fingerprint: string;
      keyStatus: string;
    }>;
    expect(connection).toMatchObject({
      name: 'Acme Production',
      fingerprint: `sk-…${key.slice(-4)}`,
      keyStatus: 'stored',
    });
    expect(list.stdout).not.toContain(key);

    const keychain = new KeychainSecretStore(KEYCHAIN_SERVICE);
    expect(await keychain.get(connection!.id)).toBe(key);
    expect(everyFileText(home)).not.toContain(key);

    const clash = await runFerryHere(['connections', 'add', '--name', 'acme production', '--key-env', 'K'], { env });
    expect(clash.code).toBe(2);
    expect(clash.stderr).toMatch(/already exists/);

    const removed = await runFerryHere(['connections', 'remove', 'ACME PRODUCTION'], { env });
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain('deleted its key from the keychain');
    expect(await keychain.get(connection!.id)).toBeNull();
  });
});

describe('ferry connections without a keychain', () => {
  it('keeps the key for the session only, says so, and never writes it to disk', async () => {
    const noKeychain = { ...env, FERRY_NO_KEYCHAIN: '1' };
    const added = await runFerryHere(['connections', 'add', '--name', 'Headless', '--key-stdin'], {
      env: noKeychain,
      input: key,
    });
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain('for this session only');
    expect(added.stderr).toMatch(/keys you enter are kept in memory for this session only/);
    expect(everyFileText(home)).not.toContain(key);

    // The next process has no such session: the key is missing and the list says what to do.
    const list = await runFerryHere(['connections', 'list'], { env: noKeychain });
    expect(list.stdout).toContain('key missing: add it again');
    const test = await runFerryHere(['connections', 'test', 'Headless'], { env: noKeychain });
    expect(test.code).toBe(1);
    expect(test.stdout).toMatch(/No key is stored for "Headless"/);
  });
});

describe('ferry connections with an environment-variable key', () => {
  it('reads the key from the variable at each use and reports an unreachable server with exit 1', async () => {
    const added = await runFerryHere(
      [
        'connections',
        'add',
        '--name',
        'From Env',
        '--key-env',
        'FERRY_TEST_KEY',
        '--base-url',
        'http://127.0.0.1:1/v1',
      ],
      {
        env: { ...env, FERRY_TEST_KEY: key },
      },
    );
    expect(added.code, added.stderr).toBe(0);
    const unset = await runFerryHere(['connections', 'list'], { env });
    expect(unset.stdout).toContain('$FERRY_TEST_KEY not set');
    const test = await runFerryHere(['connections', 'test', 'From Env', '--json'], {
      env: { ...env, FERRY_TEST_KEY: key },
    });
    expect(test.code).toBe(1);
    expect(JSON.parse(test.stdout)).toMatchObject({ name: 'From Env', ok: false, problem: 'unreachable' });
    expect(test.stdout).not.toContain(key);
  });
});
