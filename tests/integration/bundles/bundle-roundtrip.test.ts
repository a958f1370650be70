import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fingerprint } from '../../../electron/core/logging/fingerprint.ts';
import { startSandboxWorld, type SandboxWorld } from '../../support/sandbox-core.ts';
import { comparableTenant } from '../../support/snapshot.ts';
import {
  changedPaths,
  cleanScratch,
  cloneAll,
  manifestWithoutTimes,
  PROD,
  scratchDir,
  STAGING,
  tree,
} from './bundle-support.ts';

const worlds: SandboxWorld[] = [];
afterEach(async () => {
  await Promise.all(worlds.splice(0).map((w) => w.stop()));
  cleanScratch();
});

async function world(core: Parameters<typeof startSandboxWorld>[0] = {}): Promise<SandboxWorld> {
  const w = await startSandboxWorld({ seed: 'demo', ...core });
  worlds.push(w);
  return w;
}

async function addFolder(w: SandboxWorld, name: string, dir: string) {
  return w.core.call('connections.addFolder', { name, folder: dir });
}

describe('a folder is an org: export and import through the clone engine', () => {
  it('export Production, import into Staging: the same as a direct clone, both verified clean', async () => {
    const w = await world();
    const dir = scratchDir();
    await addFolder(w, 'Acme backup', dir);

    const exported = await cloneAll(w, PROD, 'Acme backup');
    expect(exported.job.state).toBe('done');
    expect(exported.job.verify?.clean).toBe(true);
    const manifest = JSON.parse(readFileSync(join(dir, 'ferry-bundle.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest).toMatchObject({ format: 'ferry-bundle', version: 1, source: { name: PROD } });
    // Reconstructed files are labelled, files with no bytes recorded by name, size and purpose.
    const files = manifest['files'] as Array<{ id: string; lossy?: boolean; filename: string }>;
    expect(files.filter((f) => f.lossy).length).toBe(exported.plan.totals.files.lossy);
    const noBytes = exported.plan.files.filter((f) => f.action === 'create' && f.byteSource === 'none');
    expect(noBytes.length).toBeGreaterThan(0);
    expect((manifest['missing'] as unknown[]).length).toBe(noBytes.length);
    // A store's entry for a reconstructed file says so too, as the manifest does; no other entry does.
    const lossyIds = new Set(files.filter((f) => f.lossy).map((f) => f.id));
    const entries = readdirSync(join(dir, 'vector-stores')).flatMap(
      (store) =>
        (
          JSON.parse(readFileSync(join(dir, 'vector-stores', store, 'store.json'), 'utf8')) as {
            files: Array<{ file_id: string; lossy?: boolean }>;
          }
        ).files,
    );
    expect(entries.filter((e) => lossyIds.has(e.file_id)).length).toBeGreaterThan(0);
    for (const entry of entries) expect(entry.lossy, entry.file_id).toBe(lossyIds.has(entry.file_id) || undefined);

    const imported = await cloneAll(w, 'Acme backup', STAGING);
    expect(imported.job.state).toBe('done');
    expect(imported.job.verify?.clean).toBe(true);
    const verified = await w.core.call('jobs.verify', { id: imported.job.id });
    expect(verified.clean).toBe(true);

    const direct = await world();
    const straight = await cloneAll(direct, PROD, STAGING);
    expect(straight.job.state).toBe('done');
    expect(comparableTenant(w.sandbox, STAGING)).toEqual(comparableTenant(direct.sandbox, STAGING));
  });

  it('exporting twice gives the same files but the manifest; one changed instruction changes one file', async () => {
    const w = await world();
    const first = scratchDir();
    const second = scratchDir();
    await addFolder(w, 'First', first);
    await addFolder(w, 'Second', second);
    expect((await cloneAll(w, PROD, 'First')).job.state).toBe('done');
    expect((await cloneAll(w, PROD, 'Second')).job.state).toBe('done');
    const a = tree(first);
    const b = tree(second);
    expect(changedPaths(a, b)).toEqual(['ferry-bundle.json']);
    expect(manifestWithoutTimes(a)).toEqual(manifestWithoutTimes(b));
    for (const [path, text] of a) {
      if (path.endsWith('.json')) expect(text.endsWith('}\n') && text.includes('\n  "'), path).toBe(true);
      if (path.startsWith('assistants/') || path.endsWith('store.json')) {
        expect(text, path).not.toMatch(/"(created_at|last_active_at|usage_bytes|status|file_counts)":/);
      }
    }

    // Edit one assistant's instructions in Production, export into the first bundle again.
    const translation = w.sandbox.control.objects(PROD).assistants.find((x) => x['name'] === 'Translation Helper')!;
    await w.core.call('assistants.update', {
      connectionId: w.connections[PROD]!,
      assistantId: translation['id'] as string,
      patch: { instructions: 'Translate into plain British English.' },
    });
    const again = await cloneAll(w, PROD, 'First');
    expect(again.job.state).toBe('done');
    expect(again.plan.totals.assistants.update).toBe(1);
    const after = tree(first);
    const changed = changedPaths(a, after).filter((p) => p !== 'ferry-bundle.json');
    expect(changed).toEqual([`assistants/translation-helper--${String(translation['id'])}.json`]);
    const lines = (t: string) => t.split('\n');
    const before = lines(a.get(changed[0]!)!);
    const now = lines(after.get(changed[0]!)!);
    expect(now.filter((line, i) => line !== before[i])).toEqual([
      '  "instructions": "Translate into plain British English.",',
    ]);
  });

  it('files uploaded in parts (/uploads) land byte for byte as those sent whole', async () => {
    // Parts of 100 bytes: every demo file but the smallest goes through /uploads in several parts.
    const parts = await world({ core: { uploadLimits: { singleRequestMaxBytes: 150, partBytes: 100 } } });
    const whole = await world();
    const a = scratchDir();
    const b = scratchDir();
    await addFolder(parts, 'Parts', a);
    await addFolder(whole, 'Whole', b);
    expect((await cloneAll(parts, PROD, 'Parts')).job.state).toBe('done');
    expect((await cloneAll(whole, PROD, 'Whole')).job.state).toBe('done');
    const manifest = (dir: string) =>
      (JSON.parse(readFileSync(join(dir, 'ferry-bundle.json'), 'utf8')) as { files: Array<{ bytes: number }> }).files;
    expect(manifest(a).some((f) => f.bytes > 300)).toBe(true);
    expect(manifest(a)).toEqual(manifest(b));
    // (Two sandboxes give their assistants and stores different ids; the files' bytes are the seed's.)
    expect(changedPaths(tree(join(a, 'files')), tree(join(b, 'files')))).toEqual([]);
    expect(readdirSync(a)).not.toContain('.ferry-partial');
  });

  it('cleanup of an export deletes exactly what it wrote into the bundle', async () => {
    const w = await world();
    const dir = scratchDir();
    await addFolder(w, 'Acme backup', dir);
    // Something already in the bundle, which the export's cleanup must leave.
    const translation = w.sandbox.control.objects(PROD).assistants.find((x) => x['name'] === 'Translation Helper')!;
    const kept = await w.core.call('clone.apply', {
      planId: (
        await w.core.call('clone.plan', { from: PROD, to: 'Acme backup', assistants: [translation['id'] as string] })
      ).id,
    });
    expect((await w.core.jobs.wait(kept.id)).state).toBe('done');
    const before = tree(dir);
    const { job } = await cloneAll(w, PROD, 'Acme backup');
    expect(job.state).toBe('done');
    const report = await w.core.call('jobs.cleanup', { id: job.id });
    expect(report.deleted.length).toBeGreaterThan(20);
    const after = tree(dir);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    expect(changedPaths(before, after)).toEqual(['ferry-bundle.json']);
  });

  it('holds no key, no fingerprint and no connection settings', async () => {
    const w = await world();
    const dir = scratchDir();
    await addFolder(w, 'Acme backup', dir);
    expect((await cloneAll(w, PROD, 'Acme backup')).job.state).toBe('done');
    const text = [...tree(dir).values()].join('\n');
    expect(text.length).toBeGreaterThan(1000);
    for (const tenant of w.sandbox.tenants) {
      expect(text).not.toContain(tenant.key);
      expect(text).not.toContain(fingerprint(tenant.key));
    }
    expect(text).not.toContain(w.sandbox.url);
    expect(text).not.toContain(w.connections[PROD]!);
  });
});
