import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JobView } from '../../../shared/jobs.ts';
import {
  CHAOS_INGEST_POLL_MS,
  CHAOS_RUNS,
  caseTimeout,
  chaosRuns,
  chaosSeed,
  describeJobs,
  destinationCounts,
  expectCleanupRemovesAll,
  expectExactClone,
  misclaims,
  PROD,
  STAGING,
  type RunProbe,
} from '../../support/chaos.ts';
import { startSandboxWorld, type SandboxWorld } from '../../support/sandbox-core.ts';

const RUNS = CHAOS_RUNS;

/** Damages a state file the ways a crash, a full disk or a stray editor do: cut short, garbage, wrong shape. */
function damage(path: string, random: () => number): string {
  const text = readFileSync(path, 'utf8');
  const how = Math.floor(random() * 3);
  if (how === 0) writeFileSync(path, text.slice(0, 1 + Math.floor(random() * (text.length - 2))));
  else if (how === 1) writeFileSync(path, `${text.slice(0, 10)}\u0000\u0000garbage${text.slice(20)}`);
  // A whole record, so a log (the id map) reads it as a damaged line, not a torn tail a crash would leave.
  else writeFileSync(path, '{"id": 7}\n');
  return ['cut short', 'garbage', 'wrong shape'][how] as string;
}

async function clone(w: SandboxWorld, cancelAtRecord?: number): Promise<JobView> {
  const plan = await w.core.call('clone.plan', { from: PROD, to: STAGING, all: true });
  const started = await w.core.call('clone.apply', { planId: plan.id });
  if (cancelAtRecord !== undefined) {
    const journal = join(w.home, 'jobs', started.id, 'journal.jsonl');
    const stop = w.core.subscribe((event) => {
      if (event.type !== 'job.updated' || event.job.id !== started.id || event.job.state !== 'running') return;
      let count = 0;
      try {
        count = readFileSync(journal, 'utf8').split('\n').filter(Boolean).length;
      } catch {
        // Not written yet.
      }
      if (count >= cancelAtRecord) w.core.jobs.cancel(started.id);
    });
    const end = await w.core.jobs.wait(started.id);
    stop();
    return end;
  }
  return w.core.jobs.wait(started.id);
}

async function inWorld(random: () => number, probe: RunProbe, work: (w: SandboxWorld) => Promise<void>): Promise<void> {
  probe.step('starting the sandbox');
  const w = await startSandboxWorld({
    seed: chaosSeed(random),
    ingestionMs: 5,
    latencyMs: 1,
    core: { ingestPollMs: CHAOS_INGEST_POLL_MS },
  });
  probe.onTimeout(() => describeJobs(w.core));
  try {
    await work(w);
  } finally {
    await w.stop();
  }
}

describe('chaos: damaged state files are reported by name, and cleanup works from what survives', () => {
  it(`a damaged plan.json: the job is listed as damaged, resume refuses naming the file, cleanup removes everything (${RUNS} runs)`, async () => {
    await chaosRuns('damaged plan.json', RUNS, async (seed, random, probe) => {
      await inWorld(random, probe, async (w) => {
        // Half the runs stop mid-job, so cleanup must also find creates whose answers the journal lacks.
        const midway = random() < 0.5;
        probe.step(midway ? 'clone, cancelled midway' : 'clone');
        const job = await clone(w, midway ? 3 + Math.floor(random() * 10) : undefined);
        expect(misclaims(w.home, job.id), 'destination ids given to two source objects').toEqual([]);
        if (!midway) await expectExactClone(w.core, w.sandbox, job.id);
        const path = join(w.home, 'jobs', job.id, 'plan.json');
        const how = damage(path, random);
        const listed = (await w.core.call('jobs.list', {})).find((j) => j.id === job.id);
        expect(listed?.state, how).toBe('damaged');
        expect(listed?.problems?.map((p) => p.path)).toEqual([path]);
        await expect(w.core.call('jobs.resume', { id: job.id })).rejects.toThrow(path);
        probe.step('cleanup');
        await expectCleanupRemovesAll(w.core, w.sandbox, [job.id]);
      });
    });
  }, 180_000);

  it(`a damaged job.json: the job is still listed, rebuilt from plan and journal; resume finishes it exactly (${RUNS} runs)`, async () => {
    await chaosRuns('damaged job.json', RUNS, async (seed, random, probe) => {
      await inWorld(random, probe, async (w) => {
        probe.step('clone, cancelled midway');
        const job = await clone(w, 3 + Math.floor(random() * 10));
        const path = join(w.home, 'jobs', job.id, 'job.json');
        const how = damage(path, random);
        const listed = (await w.core.call('jobs.list', {})).find((j) => j.id === job.id);
        expect(listed?.state, how).toBe('interrupted');
        expect(listed?.problems?.map((p) => p.path)).toEqual([path]);
        expect(listed?.problems?.[0]?.message).toContain('is damaged');
        probe.step('resume');
        await w.core.call('jobs.resume', { id: job.id });
        const end = await w.core.jobs.wait(job.id);
        expect(end.state, end.error).toBe('done');
        expect(misclaims(w.home, job.id), 'destination ids given to two source objects').toEqual([]);
        probe.step('verify');
        await expectExactClone(w.core, w.sandbox, job.id);
        probe.step('cleanup');
        await expectCleanupRemovesAll(w.core, w.sandbox, [job.id]);
      });
    });
  }, 180_000);

  it(
    `a damaged id map: the next clone stops naming it (no duplicates), cleanup still removes everything (${RUNS} runs)`,
    async () => {
      await chaosRuns('damaged id map', RUNS, async (_seed, random, probe) => {
        await inWorld(random, probe, async (w) => {
          const job = await clone(w);
          await expectExactClone(w.core, w.sandbox, job.id);
          const [file] = readdirSync(join(w.home, 'idmap'));
          const path = join(w.home, 'idmap', file as string);
          const how = damage(path, random);
          const before = destinationCounts(w.sandbox);
          if (how === 'cut short') {
            // The id map is an append-only log: cut short, it reads as a crash's torn tail. The links it lost
            // are found again in the earlier job's journal when the next clone applies, so it makes nothing.
            const again = await clone(w);
            expect(destinationCounts(w.sandbox)).toEqual(before);
            await expectCleanupRemovesAll(w.core, w.sandbox, [job.id, again.id]);
            return;
          }
          await expect(w.core.call('clone.plan', { from: PROD, to: STAGING, all: true }), how).rejects.toThrow(path);
          expect(destinationCounts(w.sandbox)).toEqual(before);
          const damaged = readFileSync(path, 'utf8');
          await expectCleanupRemovesAll(w.core, w.sandbox, [job.id]);
          // The damaged file is left as it was, for the admin to restore or move aside.
          expect(readFileSync(path, 'utf8')).toBe(damaged);
        });
      });
    },
    caseTimeout(RUNS),
  );
});
