import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
});
