import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ClonePlan } from '../../../../shared/clone.ts';
import { recheckPlan } from '../../../../electron/core/clone/apply-recheck.ts';
import { Claims } from '../../../../electron/core/clone/claims.ts';
import type { ExecutionContext } from '../../../../electron/core/clone/execution-context.ts';
import { IdMap } from '../../../../electron/core/clone/id-map.ts';
import { newRecheck } from '../../../../electron/core/clone/recheck-state.ts';
import { foldJournal } from '../../../../electron/core/storage/journal.ts';
import type { FileObject } from '../../../../electron/core/openai/files-api.ts';
import type { OrgGateway } from '../../../../electron/core/openai/org-gateway.ts';

const home = mkdtempSync(join(tmpdir(), 'ferry-recheck-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

const AT = '2026-12-01T10:00:00.000Z';
const SECONDS = Date.parse(AT) / 1000;
const twin = (n: number) => ({
  key: `file:src-${n}`,
  sourceId: `src-${n}`,
  filename: 'notes.md',
  bytes: 48,
  purpose: 'assistants',
  action: 'create',
  byteSource: 'local',
  lossy: false,
  usedBy: [],
});
const plan = {
  id: 'plan-1',
  source: { id: 'conn-src', name: 'Source' },
  destination: { id: 'conn-dst', name: 'Destination' },
  // src-1 comes first: its guess is made before src-2's fact is looked at, the order that went wrong.
  files: [twin(1), twin(2)],
  vectorStores: [],
  assistants: [],
} as unknown as ClonePlan;
const destinationFile = (id: string) =>
  ({ id, object: 'file', filename: 'notes.md', bytes: 48, created_at: SECONDS, purpose: 'assistants' }) as FileObject;

/** A job folder as a killed job leaves it: its plan, and a journal of the given records. */
function siblingJob(jobsDir: string, jobId: string, records: object[]): void {
  mkdirSync(join(jobsDir, jobId), { recursive: true });
  writeFileSync(join(jobsDir, jobId, 'plan.json'), JSON.stringify(plan));
  writeFileSync(join(jobsDir, jobId, 'journal.jsonl'), records.map((r) => `${JSON.stringify(r)}\n`).join(''));
}

describe('apply re-check: what other jobs made', () => {
  it('claims what another job recorded as made before guessing at its unanswered look-alike', async () => {
    const jobsDir = join(home, 'jobs');
    // The killed job sent both uploads: src-2's answer was journalled (its id-map link was not, the kill
    // came first); src-1's never came, though the server made its file. Listed, file-b sorts first.
    siblingJob(jobsDir, 'job-killed', [
      { t: 'begin', at: AT, planId: 'plan-1' },
      { t: 'intent', key: 'file:src-1', at: AT, filename: 'notes.md', bytes: 48 },
      { t: 'intent', key: 'file:src-2', at: AT, filename: 'notes.md', bytes: 48 },
      { t: 'created', key: 'file:src-2', destinationId: 'file-b', at: AT },
    ]);
    const destination = {
      files: { list: async () => [destinationFile('file-b'), destinationFile('file-a')] },
      vectorStores: { list: async () => [] },
    } as unknown as OrgGateway;
    const signal = new AbortController().signal;
    mkdirSync(join(jobsDir, 'job-again'), { recursive: true });
    const ctx = {
      plan,
      destination,
      signal,
      previous: foldJournal([]),
      idMap: new IdMap(home, 'conn-src', 'conn-dst'),
      journal: { path: join(jobsDir, 'job-again', 'journal.jsonl') },
      claims: new Claims(),
      recheck: newRecheck({ destination, signal }),
      jobId: 'job-again',
      jobsDir,
    } as unknown as ExecutionContext;
    await recheckPlan(ctx);
    // src-2 keeps the file its answer named (another job's); src-1 takes over the other (made for it).
    expect(ctx.recheck.adoptable.get('file:src-2')).toEqual({ id: 'file-b', own: false });
    expect(ctx.recheck.adoptable.get('file:src-1')).toEqual({ id: 'file-a', own: true });
  });
});
