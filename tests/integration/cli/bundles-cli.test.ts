import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCliWorld, type CliWorld } from '../../support/cli-world.ts';
import { comparableTenant } from '../../support/snapshot.ts';
import { ferry, writes } from './in-process.ts';

const PROD = 'Acme Production';
const STAGING = 'Acme Staging';
let world: CliWorld;
let scratch: string;
let exported: string;

beforeAll(async () => {
  world = await startCliWorld({ ingestionMs: 50 });
  scratch = mkdtempSync(join(tmpdir(), 'ferry-bundles-cli-'));
  exported = join(scratch, 'exported');
  const run = await ferry(world, ['export', '--from', PROD, exported, '--all', '--yes', '--json']);
  expect(run.code, run.stderr + run.stdout).toBe(0);
  expect(run.json<{ state: string }>().state).toBe('done');
});
afterAll(async () => {
  await world.stop();
  rmSync(scratch, { recursive: true, force: true });
});

function copyOfBundle(name: string): string {
  const dir = join(scratch, name);
  cpSync(exported, dir, { recursive: true });
  return dir;
}

function editJson(path: string, edit: (value: Record<string, unknown>) => void): void {
  const value = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  edit(value);
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

describe('ferry export, import and folder connections', () => {
  it('connections add --folder, clone into it, import back with ferry import; verify is clean', async () => {
    const dir = join(scratch, 'saved');
    const added = await ferry(world, ['connections', 'add', '--name', 'Acme backup', '--folder', dir]);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain(`folder ${dir}`);
    const listed = await ferry(world, ['connections', 'list', '--json']);
    expect(listed.json<Array<{ name: string; keySource: string; fingerprint: null }>>()).toContainEqual(
      expect.objectContaining({ name: 'Acme backup', keySource: 'none', fingerprint: null }),
    );
    const saved = await ferry(world, ['clone', '--from', PROD, '--to', 'Acme backup', '--all', '--yes', '--json']);
    expect(saved.code, saved.stderr).toBe(0);
    // The saved connection and the ad-hoc export wrote the same files.
    const paths = (d: string) => readdirSync(d, { recursive: true, encoding: 'utf8' }).sort();
    expect(paths(dir)).toEqual(paths(exported));

    const imported = await ferry(world, ['import', exported, '--to', STAGING, '--all', '--yes', '--json']);
    expect(imported.code, imported.stderr).toBe(0);
    const job = imported.json<{ job: string; state: string }>();
    expect(job.state).toBe('done');
    const verified = await ferry(world, ['verify', job.job, '--json']);
    expect(verified.code, verified.stdout).toBe(0);
    // All but Quote Builder, whose fine-tuned model Staging lacks (it needs a --model-map, as in a clone).
    // (bundle-roundtrip.test.ts compares the whole of Staging with a direct clone's.)
    const names = (tenant: string) =>
      comparableTenant(world.sandbox, tenant)
        .assistants.filter((a) => !String(a.model).startsWith('ft:'))
        .map((a) => a.name);
    expect(names(STAGING)).toEqual(names(PROD));
    expect(names(STAGING).length).toBeGreaterThan(10);
  });

  it.each([
    [
      'a folder that is not a bundle',
      (dir: string) => {
        rmSync(join(dir, 'ferry-bundle.json'));
      },
      /is not a Ferry bundle: it has no ferry-bundle\.json/,
    ],
    [
      'a manifest of an unknown version',
      (dir: string) => editJson(join(dir, 'ferry-bundle.json'), (m) => (m['version'] = 99)),
      /ferry-bundle\.json has format version 99; this Ferry reads version 1 only/,
    ],
    [
      'a byte file whose sha256 differs',
      (dir: string) => {
        const file = readdirSync(join(dir, 'files'))[0]!;
        const path = join(dir, 'files', file);
        const text = readFileSync(path, 'latin1');
        writeFileSync(path, `${text.slice(0, -1)}${text.endsWith('x') ? 'y' : 'x'}`, 'latin1');
      },
      /The bundle's files\/file-[0-9a-f]+--\S+ has sha256 [0-9a-f]{64}, but the manifest says/,
    ],
    [
      'a path that escapes the bundle',
      (dir: string) =>
        editJson(join(dir, 'ferry-bundle.json'), (m) => {
          (m['files'] as Array<{ path: string }>)[0]!.path = '../../etc/passwd';
        }),
      /ferry-bundle\.json names the path "\.\.\/\.\.\/etc\/passwd", which is outside the bundle/,
    ],
    [
      'an object file over the API limits',
      (dir: string) => {
        const file = readdirSync(join(dir, 'assistants'))[0]!;
        editJson(join(dir, 'assistants', file), (a) => {
          a['metadata'] = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, 'v']));
        });
      },
      /The bundle's assistants\/\S+\.json fails the API's limits: metadata: Metadata holds at most 16 pairs/,
    ],
  ])('refuses %s: exit 2, the file named, nothing written', async (name, damage, message) => {
    const dir = copyOfBundle(name.replace(/\W+/g, '-'));
    damage(dir);
    world.sandbox.control.clearRequestCounts();
    const run = await ferry(world, ['import', dir, '--to', STAGING, '--all', '--yes']);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(writes(world)).toEqual([]);
  });

  it('refuses to export into a folder that holds something else', async () => {
    const dir = join(scratch, 'not-empty');
    cpSync(join(exported, 'assistants'), dir, { recursive: true });
    const before = readdirSync(dir).sort();
    const run = await ferry(world, ['export', '--from', PROD, dir, '--all', '--yes']);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain(`${dir} is not a Ferry bundle`);
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it('takes a JSON list of assistants as the API returned them as a read-only source', async () => {
    const fresh = await startCliWorld({ ingestionMs: 50 });
    try {
      const listing = await fetch(`${fresh.sandbox.url}/assistants?limit=100`, {
        headers: {
          authorization: `Bearer ${fresh.sandbox.tenants.find((t) => t.name === PROD)!.key}`,
          'openai-beta': 'assistants=v2',
        },
      });
      const list = (await listing.json()) as { object: string; data: Array<{ name: string | null; model: string }> };
      expect(list.object).toBe('list');
      // Staging lacks the fine-tuned model, which would need a --model-map.
      const portable = list.data.filter((a) => !a.model.startsWith('ft:'));
      const staging = () => fresh.sandbox.control.objects(STAGING).assistants;
      const listFile = join(scratch, 'assistants-list.json');
      writeFileSync(listFile, JSON.stringify({ ...list, data: portable }));
      const run = await ferry(fresh, ['import', listFile, '--to', STAGING, '--all', '--yes', '--json']);
      expect(run.code, run.stderr).toBe(0);
      expect(run.json<{ state: string }>().state).toBe('done');
      expect(
        staging()
          .map((a) => a['name'])
          .sort(),
      ).toEqual(portable.map((a) => a.name).sort());
      // The same file as a plain array finds the clones the list made: nothing new.
      writeFileSync(listFile, JSON.stringify(portable));
      const again = await ferry(fresh, ['import', listFile, '--to', STAGING, '--all', '--yes', '--json']);
      expect(again.code, again.stderr).toBe(0);
      expect(staging()).toHaveLength(portable.length);
      // The export is read-only: nothing can be cloned into it.
      await ferry(fresh, ['connections', 'add', '--name', 'Saved list', '--folder', listFile]);
      const into = await ferry(fresh, ['clone', '--from', PROD, '--to', 'Saved list', '--all', '--yes']);
      expect(into.code).toBe(2);
      expect(into.stderr).toMatch(/read-only/);
    } finally {
      await fresh.stop();
    }
  });

  it('a file Ferry could not obtain is kept by name, size and purpose, and imported later from originals', async () => {
    const fresh = await startCliWorld({ ingestionMs: 50 });
    try {
      const dir = join(scratch, 'no-bytes');
      const out = await ferry(fresh, ['export', '--from', PROD, dir, '--all', '--yes', '--json']);
      expect(out.code, out.stderr + out.stdout).toBe(0);
      expect(out.json<{ verify?: { clean: boolean } }>().verify?.clean).toBe(true);
      const manifest = JSON.parse(readFileSync(join(dir, 'ferry-bundle.json'), 'utf8')) as {
        missing: Array<{ source_id: string; filename: string; bytes: number; purpose: string }>;
        files: Array<{ filename: string }>;
      };
      const names = ['churn-cohorts.json', 'inventory-snapshot.csv', 'sales-q3-2026.csv'];
      expect(manifest.missing.map((m) => m.filename).sort()).toEqual(names);
      expect(manifest.missing.every((m) => m.purpose === 'assistants' && m.bytes > 0)).toBe(true);
      expect(manifest.files.map((f) => f.filename)).not.toEqual(expect.arrayContaining([names[0]]));
      // The bundle's Data Analyst keeps its three code-interpreter files, as its source has them.
      const analystFile = readdirSync(join(dir, 'assistants')).find((f) => f.startsWith('data-analyst--'))!;
      const analyst = JSON.parse(readFileSync(join(dir, 'assistants', analystFile), 'utf8')) as {
        tool_resources: { code_interpreter: { file_ids: string[] } };
      };
      expect(analyst.tool_resources.code_interpreter.file_ids).toHaveLength(3);
      const stagingFiles = () =>
        fresh.sandbox.control
          .objects(STAGING)
          .files.map((f) => f['filename'] as string)
          .filter((n) => names.includes(n))
          .sort();

      // Without originals: the plan names each file and the fix, and nothing is written for them.
      const without = await ferry(fresh, ['import', dir, '--to', STAGING, '--all', '--yes']);
      expect(without.code, without.stderr + without.stdout).toBe(0);
      for (const m of manifest.missing)
        expect(without.stdout).toContain(
          `${m.filename} (${m.bytes} B, assistants): skipped: The bundle holds no bytes for it (Ferry could not obtain them when it exported), and no copy was found. Point Ferry at a folder holding "${m.filename}" (${m.bytes} bytes) to include it.`,
        );
      expect(stagingFiles()).toEqual([]);

      // With a folder of originals: each is uploaded from it, the assistants get them, verify is clean.
      const originals = join(scratch, 'originals');
      mkdirSync(originals, { recursive: true });
      const sha = new Map<string, string>();
      for (const m of manifest.missing) {
        const bytes = Buffer.from(Array.from({ length: m.bytes }, (_, i) => 97 + ((i * 7 + m.bytes) % 26)));
        writeFileSync(join(originals, m.filename), bytes);
        sha.set(m.filename, createHash('sha256').update(bytes).digest('hex'));
      }
      const withOriginals = await ferry(fresh, [
        'import',
        dir,
        '--to',
        STAGING,
        '--all',
        '--yes',
        '--files-dir',
        originals,
      ]);
      expect(withOriginals.code, withOriginals.stderr + withOriginals.stdout).toBe(0);
      // The plan says what the original was matched by: the bundle has no sha256 of it.
      for (const m of manifest.missing)
        expect(withOriginals.stdout).toContain(
          `${m.filename} (${m.bytes} B, assistants): local copy ${join(originals, m.filename)} (The bundle holds no bytes (nor a sha256) for it: the original in ${originals} is matched by name and size.)`,
        );
      const job = { job: /Job (\S+) started/.exec(withOriginals.stderr)![1]! };
      expect(stagingFiles()).toEqual(names);
      const dataAnalyst = fresh.sandbox.control.objects(STAGING).assistants.find((a) => a['name'] === 'Data Analyst')!;
      const ci = (dataAnalyst['tool_resources'] as { code_interpreter: { file_ids: string[] } }).code_interpreter;
      expect(ci.file_ids).toHaveLength(3);
      // What was sent is the original, by sha256: the bundle had none to check against.
      const intents = readFileSync(join(fresh.home, 'jobs', job.job, 'journal.jsonl'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { t: string; filename?: string; sha256?: string })
        .filter((r) => r.t === 'intent' && names.includes(r.filename ?? ''));
      expect(new Map(intents.map((r) => [r.filename, r.sha256]))).toEqual(sha);
      const verified = await ferry(fresh, ['verify', job.job, '--json']);
      expect(verified.code, verified.stdout).toBe(0);
      expect(verified.json<{ clean: boolean }>().clean).toBe(true);
    } finally {
      await fresh.stop();
    }
  });

  it('a store file still ingesting at export has no parsed text in the bundle: its import skips it', async () => {
    // "manual.md" cannot be downloaded (purpose assistants) and its store has no parsed text of it yet, so the
    // bundle keeps it by name, size and purpose only. Importing without originals must skip it, as it would a
    // code-interpreter file, not try to rebuild it from parsed text the bundle does not hold.
    const fresh = await startCliWorld({
      ingestionMs: 50,
      seed: {
        tenants: [
          {
            name: 'Source Org',
            models: ['gpt-4o'],
            files: [
              { ref: 'manual', filename: 'manual.md', purpose: 'assistants', content: 'How to set up the hub.' },
              { ref: 'faq', filename: 'faq.md', purpose: 'assistants', content: 'Questions often asked.' },
            ],
            vectorStores: [{ ref: 'docs', name: 'Docs', files: [{ file: 'manual', stuck: true }, { file: 'faq' }] }],
            assistants: [
              { name: 'Helper', model: 'gpt-4o', tools: [{ type: 'file_search' }], fileSearchVectorStores: ['docs'] },
            ],
          },
          { name: 'Target Org', models: ['gpt-4o'] },
        ],
      },
    });
    try {
      const dir = join(scratch, 'still-ingesting');
      const out = await ferry(fresh, ['export', '--from', 'Source Org', dir, '--all', '--yes']);
      expect(out.code, out.stderr + out.stdout).toBe(0);
      expect(out.stdout).toContain('manual.md (22 B, assistants): name, size and purpose only');
      expect(out.stdout).toContain('1 kept by name, size and purpose only');

      const run = await ferry(fresh, ['import', dir, '--to', 'Target Org', '--all', '--yes', '--json']);
      expect(run.code, run.stderr + run.stdout).toBe(0);
      expect(run.json<{ state: string }>().state).toBe('done');
      const target = fresh.sandbox.control.objects('Target Org');
      expect(target.files.map((f) => f['filename'])).toEqual(['faq.md']);
      expect(target.vectorStores.map((v) => v['name'])).toEqual(['Docs']);
    } finally {
      await fresh.stop();
    }
  });
});
