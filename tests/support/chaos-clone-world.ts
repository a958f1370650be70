import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { IdMap } from '../../electron/core/clone/id-map.ts';
import type { Core } from '../../electron/core/core.ts';
import type { VerifyReport } from '../../shared/jobs.ts';
import type { Sandbox, SeedObject } from 'ferry-sandbox';
import { rng as prng } from './chaos.ts';
import { markerCounts } from './snapshot.ts';

export const SOURCE = 'Chaos Source';
export const DESTINATION = 'Chaos Destination';

/** The seeded generator the storage chaos cases use too (mulberry32), under the name these cases call it. */
export { prng };

export interface ChaosWorld {
  seed: SeedObject;
  /** Folder of originals for the undownloadable files (matched by name and size). */
  originals: string;
  files: number;
  stores: number;
  assistants: number;
}

/**
 * A source organization drawn from `seed`, with repeated file names and sizes on purpose: undownloadable
 * (`assistants`) files that share a name and size share their bytes too (the same file uploaded twice,
 * which nothing can tell apart), while downloadable (`batch`) ones share name and size with other bytes,
 * which only the bytes' hash tells apart.
 */
export function chaosSeed(seed: number, home: string): ChaosWorld {
  const random = prng(seed);
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)] as T;
  const names = ['notes.md', 'report.txt', 'faq.md'];
  const sizes = [48, 96];
  const fileCount = 6 + Math.floor(random() * 5);
  const files = Array.from({ length: fileCount }, (_, i) => {
    const downloadable = random() < 0.4;
    const name = downloadable ? pick(['data.json', 'rows.json']) : pick(names);
    const bytes = pick(sizes);
    // Same name and size: same bytes when undownloadable, other bytes when downloadable.
    const content = downloadable ? body(`${name} #${i}`, bytes) : body(name, bytes);
    return { ref: `f${i}`, filename: name, purpose: downloadable ? 'batch' : 'assistants', content };
  });
  const storeCount = 1 + Math.floor(random() * 3);
  const vectorStores = Array.from({ length: storeCount }, (_, s) => ({
    ref: `vs${s}`,
    name: pick(['Knowledge base', 'Policies']),
    metadata: { team: `team-${s}` },
    files: files.filter((_, i) => i % storeCount === s).map((f, j) => ({ file: f.ref, attributes: { n: j } })),
  }));
  const assistantCount = 1 + Math.floor(random() * 3);
  const codeFiles = files.filter((f) => f.purpose === 'assistants');
  const assistants = Array.from({ length: assistantCount }, (_, a) => ({
    name: pick(['Helper', 'Support bot']),
    model: 'gpt-4o',
    instructions: `Assistant ${a}`,
    tools: [{ type: 'file_search' }, { type: 'code_interpreter' }],
    fileSearchVectorStores: [`vs${a % storeCount}`],
    codeInterpreterFiles: codeFiles.length > 0 ? [pick(codeFiles).ref] : [],
  }));
  const originals = join(home, 'originals');
  mkdirSync(originals, { recursive: true });
  files.forEach((f, i) => {
    if (f.purpose !== 'assistants') return;
    mkdirSync(join(originals, String(i)), { recursive: true });
    writeFileSync(join(originals, String(i), f.filename), f.content);
  });
  return {
    seed: {
      tenants: [
        { name: SOURCE, models: ['gpt-4o'], files, vectorStores, assistants },
        { name: DESTINATION, models: ['gpt-4o'] },
      ],
    },
    originals,
    files: fileCount,
    stores: storeCount,
    assistants: assistantCount,
  };
}

function body(tag: string, bytes: number): string {
  return `${tag} `.padEnd(bytes, '.').slice(0, bytes - 1) + '\n';
}

/**
 * The promise, checked on the destination itself: one object per source object (by marker for stores and
 * assistants; by the id map for files, which carry none), every destination file linked (no orphans), no
 * store empty or holding a file twice, and the last verify clean.
 */
export function expectConverged(
  sandbox: Sandbox,
  home: string,
  connections: Record<string, string>,
  world: ChaosWorld,
  verify: VerifyReport | undefined,
  label: string,
): void {
  const objects = sandbox.control.objects(DESTINATION);
  const counts = (o: typeof objects) => ({
    assistants: o.assistants.length,
    stores: o.vectorStores.length,
    files: o.files.length,
  });
  expect(counts(objects), `${label}: object counts`).toEqual({
    assistants: world.assistants,
    stores: world.stores,
    files: world.files,
  });
  expect(
    [...markerCounts(sandbox, DESTINATION).entries()].filter(([, n]) => n !== 1),
    `${label}: duplicates by marker`,
  ).toEqual([]);
  const idMap = new IdMap(home, connections[SOURCE]!, connections[DESTINATION]!);
  const orphans = objects.files
    .filter((f) => !idMap.sourceOf(f['id'] as string))
    .map((f) => `${f['filename']} ${f['id']}`);
  expect(orphans, `${label}: files no source links to`).toEqual([]);
  for (const store of objects.vectorStores) {
    const ids = store.files.map((f) => f['id'] as string);
    expect(new Set(ids).size, `${label}: store ${store['name']} holds a file twice`).toBe(ids.length);
    expect(ids.length, `${label}: store ${store['name']} is empty`).toBeGreaterThan(0);
  }
  expect(
    verify?.clean,
    `${label}: verify clean: ${JSON.stringify(verify?.differences.filter((d) => !d.expected) ?? 'no verify')}`,
  ).toBe(true);
}

/** Cleans up every job in the state folder; afterwards the destination must hold nothing. */
export async function expectCleanupRemovesAll(core: Core, sandbox: Sandbox, label: string): Promise<void> {
  for (const job of core.jobs.list()) {
    const report = await core.call('jobs.cleanup', { id: job.id });
    expect(report.failed, `${label}: cleanup of ${job.id} failed`).toEqual([]);
  }
  const left = sandbox.control.objects(DESTINATION);
  expect(
    { assistants: left.assistants.length, stores: left.vectorStores.length, files: left.files.length },
    `${label}: left after cleanup`,
  ).toEqual({ assistants: 0, stores: 0, files: 0 });
}
