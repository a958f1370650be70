import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Sandbox, SeedObject } from 'ferry-sandbox';
import type { Core } from '../../electron/core/core.ts';
import { markerCounts } from './snapshot.ts';

export const PROD = 'Acme Production';
export const STAGING = 'Acme Staging';

/** A small, fast, seeded generator (mulberry32): the same seed gives the same run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What a run tells its timeout: the step under way and, when it hangs, what to say of its state. */
export interface RunProbe {
  /** Names the step under way ("resume", "cleanup"): a timeout says the run was waiting there. */
  step(label: string): void;
  /** Adds a description of the run's state (its jobs, say) for a timeout's message. */
  onTimeout(describe: () => string): void;
}

/**
 * Runs per chaos case. The issue asks for at least 20, and FERRY_CHAOS_RUNS=20 runs that many (about 6
 * minutes of the suite on the shared 2-core machine); by default 8, which keeps the chaos suite near 3
 * minutes of `npm test`. A failing or hung run names its seed either way.
 */
export const CHAOS_RUNS = Number(process.env['FERRY_CHAOS_RUNS'] ?? 8);

/**
 * How often a chaos run's clone polls ingestion at first. Its sandbox ingests in 5-20 ms, so the core's
 * 150 ms (sized for the real API) was most of each store's wait.
 */
export const CHAOS_INGEST_POLL_MS = 10;

/** How long one run may take before it is failed as hung: generous, since the machine is shared. */
export const RUN_TIMEOUT_MS = Number(process.env['FERRY_CHAOS_RUN_TIMEOUT_MS'] ?? 45_000);

/**
 * A case's own time limit: only a bound, as each run fails on its own timeout first (naming its seed), so
 * a slow machine lengthens a case without failing it.
 */
export function caseTimeout(runs: number, perRunMs = RUN_TIMEOUT_MS): number {
  return (process.env['FERRY_CHAOS_SEED'] ? 1 : runs) * perRunMs + 30_000;
}

/**
 * Runs `work` `runs` times, each with its own seed: FERRY_CHAOS_SEED replays one run exactly. A failure
 * names the case and the seed so it can be replayed; a run that takes longer than `timeoutMs` fails the
 * same way, saying which step it was waiting in and what its jobs were doing, instead of hanging the case.
 */
export async function chaosRuns(
  name: string,
  runs: number,
  work: (seed: number, random: () => number, probe: RunProbe) => Promise<void>,
  options: { timeoutMs?: number } = {},
): Promise<void> {
  const replay = process.env['FERRY_CHAOS_SEED'];
  const base = replay ? Number(replay) : Math.floor(Math.random() * 2 ** 31);
  const count = replay ? 1 : runs;
  const timeoutMs = options.timeoutMs ?? RUN_TIMEOUT_MS;
  for (let run = 0; run < count; run += 1) {
    const seed = (base + run * 7919) % 2 ** 31;
    let step = 'start';
    const describers: Array<() => string> = [];
    const probe: RunProbe = { step: (label) => void (step = label), onTimeout: (d) => void describers.push(d) };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const hung = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const state = describers.map((describe) => {
          try {
            return describe();
          } catch (error) {
            return `(could not describe: ${String(error)})`;
          }
        });
        reject(
          new Error(
            `hung: no end after ${timeoutMs / 1000} s, waiting in step "${step}"${state.length ? `\n${state.join('\n')}` : ''}`,
          ),
        );
      }, timeoutMs);
    });
    try {
      await Promise.race([work(seed, rng(seed), probe), hung]);
    } catch (error) {
      const message = `chaos case "${name}" failed on run ${run + 1} of ${count}: replay with FERRY_CHAOS_SEED=${seed}`;
      console.error(message);
      if (error instanceof Error) error.message = `${message}\n${error.message}`;
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Each job of `core` in a line: its state and detail, and the items not finished (where it waits). */
export function describeJobs(core: Core): string {
  return core.jobs
    .list()
    .map((job) => {
      const open = job.items
        .filter((i) => i.state === 'running' || i.state === 'pending')
        .map((i) => `${i.key} ${i.state}`);
      return `job ${job.id}: ${job.state}, "${job.detail}"; unfinished: ${open.join(', ') || 'none'}`;
    })
    .join('\n');
}

/**
 * A source org with a few files, stores and assistants, drawn from `random`. Files come in look-alike
 * pairs (same name, same size, other bytes), the case where reconcile by name and size is weakest.
 */
export function chaosSeed(random: () => number): SeedObject {
  const pick = (n: number) => Math.floor(random() * n);
  const text = (length: number, salt: string) =>
    Array.from(
      { length },
      (_, i) => 'abcdefghijklmnopqrstuvwxyz '[(i * 7 + salt.charCodeAt(i % salt.length)) % 27],
    ).join('');
  const pairs = 2 + pick(2);
  const files = [];
  for (let p = 0; p < pairs; p += 1) {
    const length = 200 + pick(800);
    const name = ['notes.txt', 'faq.md', 'guide.md', 'readme.txt'][p % 4] as string;
    files.push({ ref: `f${p}a`, filename: name, purpose: 'batch', content: text(length, `a${p}`) });
    files.push({ ref: `f${p}b`, filename: name, purpose: 'batch', content: text(length, `b${p}x`) });
  }
  const refs = files.map((f) => f.ref);
  const stores = Array.from({ length: 1 + pick(2) }, (_, s) => ({
    ref: `s${s}`,
    name: `Store ${s}`,
    files: refs.filter((_, i) => i % (s + 2) === 0 || i === s).map((file) => ({ file })),
  }));
  const assistants = Array.from({ length: 1 + pick(3) }, (_, a) => ({
    name: `Helper ${a}`,
    model: 'gpt-4o-mini',
    instructions: `Answer from store ${a % stores.length}.`,
    tools: [{ type: 'file_search' }, { type: 'code_interpreter' }],
    fileSearchVectorStores: [`s${a % stores.length}`],
    codeInterpreterFiles: [refs[(a * 3) % refs.length] as string],
  }));
  return {
    tenants: [
      { name: PROD, models: ['gpt-4o-mini'], files, vectorStores: stores, assistants },
      { name: STAGING, models: ['gpt-4o-mini'] },
    ],
  };
}

/** What the destination holds: how many objects of each kind. */
export function destinationCounts(sandbox: Sandbox): { assistants: number; vectorStores: number; files: number } {
  const objects = sandbox.control.objects(STAGING);
  return {
    assistants: objects.assistants.length,
    vectorStores: objects.vectorStores.length,
    files: objects.files.length,
  };
}

/**
 * The end state every chaos run must reach: one destination object per source object (0 duplicates,
 * by marker and by count), each store holding exactly its source's files, nothing made that nothing
 * uses (0 orphans: every file is in a store or an assistant of the clone), and verify clean.
 */
export async function expectExactClone(core: Core, sandbox: Sandbox, jobId: string): Promise<void> {
  const source = sandbox.control.objects(PROD);
  const destination = sandbox.control.objects(STAGING);
  expect(
    [...markerCounts(sandbox, STAGING).entries()].filter(([, n]) => n !== 1),
    'objects cloned more than once (by marker)',
  ).toEqual([]);
  expect(destination.assistants.length, 'assistants').toBe(source.assistants.length);
  expect(destination.vectorStores.length, 'vector stores').toBe(source.vectorStores.length);
  const used = new Set<string>();
  for (const store of destination.vectorStores) for (const file of store.files) used.add(file['id'] as string);
  for (const assistant of destination.assistants) {
    const resources = (assistant['tool_resources'] ?? {}) as { code_interpreter?: { file_ids?: string[] } };
    for (const id of resources.code_interpreter?.file_ids ?? []) used.add(id);
  }
  const orphans = destination.files.filter((f) => !used.has(f['id'] as string));
  expect(
    orphans.map((f) => f['filename']),
    'orphan files (made, used by nothing)',
  ).toEqual([]);
  const sourceUsed = new Set<string>();
  for (const store of source.vectorStores) for (const file of store.files) sourceUsed.add(file['id'] as string);
  for (const assistant of source.assistants) {
    const resources = (assistant['tool_resources'] ?? {}) as { code_interpreter?: { file_ids?: string[] } };
    for (const id of resources.code_interpreter?.file_ids ?? []) sourceUsed.add(id);
  }
  expect(destination.files.length, 'files (duplicates or missing)').toBe(sourceUsed.size);
  for (const store of source.vectorStores) {
    const clone = destination.vectorStores.find((s) => s['name'] === store['name']);
    expect(clone?.files.length, `files attached to ${String(store['name'])}`).toBe(store.files.length);
  }
  const report = await core.call('jobs.verify', { id: jobId });
  expect(
    report.differences.filter((d) => !d.expected),
    'verify differences',
  ).toEqual([]);
  expect(report.clean).toBe(true);
}

/** Cleanup of every job removes every object they made: the destination (empty before) is empty again. */
export async function expectCleanupRemovesAll(core: Core, sandbox: Sandbox, jobIds: string[]): Promise<void> {
  for (const id of jobIds) {
    const report = await core.call('jobs.cleanup', { id });
    expect(report.failed, `cleanup of ${id}`).toEqual([]);
  }
  expect(destinationCounts(sandbox), 'left in the destination after cleanup').toEqual({
    assistants: 0,
    vectorStores: 0,
    files: 0,
  });
}

/**
 * Destination ids a job's journal gives to two source objects: issue 10's item 9 ("reconcile by name and
 * size can hand two source files one destination file when names and sizes repeat"), which Claims now
 * rule out. A run that showed it could not end exact (one twin made twice, the other left unrecorded).
 */
export function misclaims(home: string, jobId: string): string[] {
  const owners = new Map<string, Set<string>>();
  for (const line of readFileSync(join(home, 'jobs', jobId, 'journal.jsonl'), 'utf8').split('\n')) {
    if (!line.startsWith('{"t":"created"')) continue;
    try {
      const record = JSON.parse(line) as { key: string; destinationId: string };
      owners.set(record.destinationId, (owners.get(record.destinationId) ?? new Set()).add(record.key));
    } catch {
      // A torn record: not a claim.
    }
  }
  return [...owners].filter(([, keys]) => keys.size > 1).map(([id]) => id);
}
