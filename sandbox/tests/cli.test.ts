import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import OpenAI from 'openai';
import { afterAll, describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { runSandboxCli } from 'ferry-sandbox/cli';

const SANDBOX_BIN = fileURLToPath(new URL('../bin/ferry-sandbox.mjs', import.meta.url));

const dir = mkdtempSync(join(tmpdir(), 'ferry-sandbox-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the command in-process on bad input (it refuses before serving): its exit code and what it printed. */
async function refused(args: string[]): Promise<{ code: number; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let text = '';
  stderr.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  const code = await runSandboxCli(args, { stdout, stderr, stopped: Promise.resolve() });
  return { code, stderr: text };
}

/** Starts `ferry-sandbox` in a process of its own, reads its first line, runs `use`, then stops it with SIGTERM and returns the exit code. */
async function withCli(args: string[], use: (firstLine: string) => Promise<void>): Promise<number | null> {
  const child = spawn(process.execPath, [SANDBOX_BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`ferry-sandbox exited with ${code}`)));
    });
    await use(line);
  } finally {
    child.kill('SIGTERM');
  }
  return exited;
}

describe('ferry-sandbox', () => {
  it('serves the demo organizations and prints one JSON line with the URL and a key per tenant', async () => {
    const code = await withCli(['--seed', 'demo', '--json', '--rate-limit', '500'], async (line) => {
      const info = JSON.parse(line) as {
        url: string;
        tenants: { name: string; key: string; organization: string; project: string }[];
        organizations: { name: string; adminKey: string; projects: { id: string; name: string }[] }[];
      };
      expect(info.organizations.map((o) => [o.name, o.projects.map((p) => p.name)])).toEqual([
        ['Acme', ['Acme Production', 'Acme Staging', 'Legacy Cloud']],
      ]);
      const acme = info.organizations[0]!;
      expect(acme.adminKey).toMatch(/^sk-admin-/);
      const projects = await fetch(`${info.url}/organization/projects`, {
        headers: { authorization: `Bearer ${acme.adminKey}` },
      });
      expect(((await projects.json()) as { data: { id: string }[] }).data.map((p) => p.id)).toEqual(
        info.tenants.map((t) => t.project),
      );
      expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      expect(info.tenants.map((t) => t.name)).toEqual(['Acme Production', 'Acme Staging', 'Legacy Cloud']);
      for (const tenant of info.tenants) {
        expect(tenant.key).toMatch(/^sk-sandbox-/);
        expect(tenant.organization).toMatch(/^org-/);
        expect(tenant.project).toMatch(/^proj_/);
      }
      const client = new OpenAI({ apiKey: info.tenants[0]!.key, baseURL: info.url, maxRetries: 0 });
      const page = await client.beta.assistants.list({ limit: 100 }).withResponse();
      expect(page.data.data.length).toBeGreaterThanOrEqual(12);
      expect(page.response.headers.get('x-ratelimit-limit-requests')).toBe('500');
    });
    expect(code).toBe(0);
  });

  it('sends no rate-limit headers, refuses extra download purposes and throttles uplinks when told to', async () => {
    const code = await withCli(
      [
        '--seed',
        'demo',
        '--json',
        '--no-rate-limit-headers',
        '--refuse-download-purposes',
        'batch',
        '--upload-bytes-per-second',
        '4096',
      ],
      async (line) => {
        const info = JSON.parse(line) as { url: string; tenants: { key: string }[] };
        const client = new OpenAI({ apiKey: info.tenants[0]!.key, baseURL: info.url, maxRetries: 0 });
        const listed = await client.files.list({ purpose: 'batch' }).withResponse();
        expect([...listed.response.headers.keys()].filter((k) => k.startsWith('x-ratelimit-'))).toEqual([]);
        const refused = await client.files.content(listed.data.data[0]!.id).catch((e: unknown) => e);
        expect(refused).toMatchObject({
          status: 400,
          error: { message: 'Not allowed to download files of purpose: batch', param: null },
        });
        const started = Date.now();
        await client.files.create({
          file: await OpenAI.toFile(Buffer.alloc(8192, 'x'), 'slow.txt'),
          purpose: 'assistants',
        });
        // 8 KiB and the multipart framing at 4 KiB/s: two seconds at least.
        expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
      },
    );
    expect(code).toBe(0);
    const bad = await refused(['--upload-bytes-per-second', '0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--upload-bytes-per-second must be an integer number of bytes ≥ 1');
  });

  it('prints a human-readable table without --json, and loads a seed file', async () => {
    const seedPath = join(dir, 'seed.json');
    writeFileSync(
      seedPath,
      JSON.stringify({
        tenants: [
          {
            name: 'From File',
            models: ['gpt-4o'],
            files: [{ ref: 'a', filename: 'a.md', purpose: 'assistants', content: 'hello' }],
          },
        ],
      }),
    );
    await withCli(['--seed', seedPath, '--port', '0'], async (line) => {
      expect(line).toMatch(/^Sandbox serving at http:\/\/127\.0\.0\.1:\d+\/v1$/);
    });
  });

  it('exits 2 on bad input', async () => {
    for (const args of [['--fault-rate', '2'], ['--seed', join(dir, 'missing.json')], ['--bogus'], ['--port', 'x']]) {
      const run = await refused(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toContain('ferry-sandbox:');
    }
    const badSeed = join(dir, 'bad-seed.json');
    writeFileSync(badSeed, '{"tenants": [');
    const run = await refused(['--seed', badSeed]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /--seed .* is not a usable seed file \(.*JSON.*\)\. Give demo, empty, or a JSON file with a "tenants" array/,
    );
  });
});
