import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SeedObject } from 'ferry-sandbox';
import { startCliWorld, type CliWorld } from '../../support/cli-world.ts';
import { runFerryHere } from '../../support/run-ferry-here.ts';

const NOTES = 'Refunds are paid within 14 days of the return reaching us.\n';
const seed: SeedObject = {
  tenants: [
    {
      name: 'Prod',
      files: [
        { ref: 'notes', filename: 'notes.md', purpose: 'assistants', content: NOTES },
        { ref: 'faq', filename: 'faq.md', purpose: 'assistants', content: 'Shipping takes three to five days.\n' },
      ],
      vectorStores: [{ ref: 'kb', name: 'Support KB', files: [{ file: 'notes' }, { file: 'faq' }] }],
    },
    { name: 'Staging' },
  ],
};

const worlds: CliWorld[] = [];
afterAll(async () => {
  for (const world of worlds) await world.stop();
});

/** A folder of originals: the real notes.md, or one of the same name and size holding other bytes. */
function originals(world: CliWorld, notes: string): string {
  const dir = join(world.home, 'originals');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'notes.md'), notes);
  writeFileSync(join(dir, 'faq.md'), 'Shipping takes three to five days.\n');
  return dir;
}

interface Summary {
  job: string;
  state: string;
  verify: {
    clean: boolean;
    differences: { label: string; field: string }[];
    files: { filename: string; method: string; match: boolean }[];
  };
}

describe('verify tells the truth', () => {
  it('a swapped original (same name and size, other bytes) is reported, and ferry clone and ferry verify exit 1', async () => {
    const world = await startCliWorld({ seed, ingestionMs: 50 });
    worlds.push(world);
    const swapped = NOTES.replace('14 days', '41 days');
    expect(swapped.length).toBe(NOTES.length);
    const dir = originals(world, swapped);
    const clone = await runFerryHere(
      ['clone', '--from', 'Prod', '--to', 'Staging', '--all', '--files-dir', dir, '--yes', '--json'],
      { env: world.env },
    );
    expect(clone.code, clone.stderr).toBe(1);
    const summary = JSON.parse(clone.stdout) as Summary;
    // The job itself did everything it set out to; it is the content that is wrong.
    expect(summary.state).toBe('done');
    expect(summary.verify.clean).toBe(false);
    expect(summary.verify.differences.map((d) => `${d.label}: ${d.field}`)).toEqual([
      'notes.md: content (parsed-text)',
    ]);
    expect(summary.verify.files.map((f) => [f.filename, f.method, f.match]).sort()).toEqual([
      ['faq.md', 'parsed-text', true],
      ['notes.md', 'parsed-text', false],
    ]);

    // Verify again later: the digests of both sides' texts were remembered by file id (a file's bytes never
    // change), so nothing is read again, and the swapped copy is still reported.
    world.sandbox.control.clearRequestCounts();
    const verify = await runFerryHere(['verify', summary.job], { env: world.env });
    expect(verify.code, verify.stderr).toBe(1);
    expect(verify.stdout).toMatch(/notes\.md: content \(parsed-text\)/);
    expect(verify.stdout).toMatch(/Files checked: 2 by the stores' parsed text\./);
    const contentReads = (tenant: string) =>
      world.sandbox.control.requestCounts(tenant)['GET /v1/vector_stores/{vector_store_id}/files/{file_id}/content'];
    expect([contentReads('Prod'), contentReads('Staging')]).toEqual([undefined, undefined]);
    // (What each store holds was listed again, on both sides.)
    expect(world.sandbox.control.requestCounts('Prod')['GET /v1/vector_stores/{vector_store_id}/files']).toBe(1);
    expect(world.sandbox.control.requestCounts('Staging')['GET /v1/vector_stores/{vector_store_id}/files']).toBe(1);
  }, 90_000);

  it('the true originals verify clean by parsed text and ferry clone exits 0', async () => {
    const world = await startCliWorld({ seed, ingestionMs: 50 });
    worlds.push(world);
    const clone = await runFerryHere(
      [
        'clone',
        '--from',
        'Prod',
        '--to',
        'Staging',
        '--all',
        '--files-dir',
        originals(world, NOTES),
        '--yes',
        '--json',
      ],
      { env: world.env },
    );
    expect(clone.code, clone.stderr).toBe(0);
    const summary = JSON.parse(clone.stdout) as Summary;
    expect(summary.verify.clean).toBe(true);
    expect(summary.verify.files.every((f) => f.method === 'parsed-text' && f.match)).toBe(true);
  }, 90_000);
});
