import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClonePlan } from '../../../shared/clone.ts';
import { readJournal } from '../../../electron/core/storage/journal.ts';
import {
  CHAOS_INGEST_POLL_MS,
  CHAOS_RUNS,
  caseTimeout,
  chaosRuns,
  chaosSeed,
  describeJobs,
  expectCleanupRemovesAll,
  expectExactClone,
  misclaims,
  PROD,
  STAGING,
} from '../../support/chaos.ts';
import { startSandboxWorld } from '../../support/sandbox-core.ts';

const RUNS = CHAOS_RUNS;

/** A real 4 MB tmpfs, so ENOSPC comes from the kernel, not from a mock. Needs root (CI and dev boxes here are). */
const mountPoint = mkdtempSync(join(tmpdir(), 'ferry-tmpfs-'));
let mounted = false;
let why = '';
beforeAll(() => {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m,mode=0700', 'tmpfs', mountPoint], { stdio: 'pipe' });
    mounted = true;
  } catch (error) {
    why = String((error as { stderr?: Buffer }).stderr ?? error).trim();
  }
});
afterAll(() => {
  if (mounted) execFileSync('umount', [mountPoint]);
  rmSync(mountPoint, { recursive: true, force: true });
});

/**
 * Keeps the filesystem holding `dir` full: each `fill` takes every byte free now, in a file of its own, so
 * what a job frees as it goes (its spool files) is taken again at its next event; `free` gives it all back.
 */
function diskFiller(dir: string) {
  const files: string[] = [];
  return {
    get active() {
      return files.length > 0;
    },
    fill() {
      const { bavail, bsize } = statfsSync(dir);
      const path = join(dir, `filler-${files.length}`);
      files.push(path);
      try {
        writeFileSync(path, Buffer.alloc(Number(bavail) * Number(bsize)));
      } catch {
        // Full before the last byte: that is the point.
      }
    },
    free() {
      for (const path of files.splice(0)) rmSync(path, { force: true });
    },
  };
}

describe('chaos: the disk holding the state folder fills up mid-job', () => {
  it(
    `fails with an error naming the state folder, leaves nothing half-written, and resumes once space is freed (${RUNS} runs)`,
    async (context) => {
      if (!mounted) context.skip(`cannot mount a tmpfs here (${why}); run as root to include this case`);
      let stoppedByFullDisk = 0;
      await chaosRuns('disk full mid-job', RUNS, async (seed, random, probe) => {
        const parent = join(mountPoint, `run-${seed}`);
        mkdirSync(parent);
        probe.step('starting the sandbox');
        const w = await startSandboxWorld({
          seed: chaosSeed(random),
          ingestionMs: 5,
          latencyMs: 1,
          homeIn: parent,
          core: { ingestPollMs: CHAOS_INGEST_POLL_MS },
        });
        probe.onTimeout(() => describeJobs(w.core));
        const disk = diskFiller(parent);
        try {
          const fillAt = 2 + Math.floor(random() * 10);
          const plan = await w.core.call('clone.plan', { from: PROD, to: STAGING, all: true });
          const started = await w.core.call('clone.apply', { planId: plan.id });
          const journal = join(w.home, 'jobs', started.id, 'journal.jsonl');
          // Full from record `fillAt` to the job's end: what the job frees meanwhile is taken again.
          const stop = w.core.subscribe((event) => {
            if (event.type !== 'job.updated' || event.job.id !== started.id) return;
            if (disk.active || readJournal(journal).records.length >= fillAt) disk.fill();
          });
          probe.step(`clone, the disk filled at record ${fillAt}`);
          const end = await w.core.jobs.wait(started.id);
          stop();
          if (!disk.active) disk.fill(); // the job was quicker than the fill: fill now, resume below still must cope
          const errors = [end.error, ...end.items.map((i) => i.error)].filter((e): e is string => e !== undefined);
          if (end.state !== 'done') {
            stoppedByFullDisk += 1;
            expect(end.state).toBe('failed');
            const full = errors.filter((e) => e.includes('Out of disk space'));
            expect(full.length, `errors: ${errors.join(' | ')}`).toBeGreaterThan(0);
            expect(full[0]).toContain(w.home);
            expect(full[0]).toMatch(/could not write \d+ bytes/);
          }
          // Nothing half-written: every state file reads whole, the journal has no torn record.
          expect(readJournal(journal).problems).toEqual([]);
          ClonePlan.parse(JSON.parse(readFileSync(join(w.home, 'jobs', started.id, 'plan.json'), 'utf8')));
          expect(() => w.core.jobs.list()).not.toThrow();
          // Space freed: resume finishes the job exactly.
          disk.free();
          probe.step('resume, space freed');
          await w.core.call('jobs.resume', { id: started.id });
          const resumed = await w.core.jobs.wait(started.id);
          expect(resumed.state, `${resumed.error ?? ''} ${resumed.items.map((i) => i.error ?? '').join(' ')}`).toBe(
            'done',
          );
          expect(misclaims(w.home, started.id), 'destination ids given to two source objects').toEqual([]);
          probe.step('verify');
          await expectExactClone(w.core, w.sandbox, started.id);
          probe.step('cleanup');
          await expectCleanupRemovesAll(w.core, w.sandbox, [started.id]);
        } finally {
          await w.stop();
          rmSync(parent, { recursive: true, force: true });
        }
      });
      // The case means something only if many fills land mid-job (a job quicker than the fill proves nothing).
      if (!process.env['FERRY_CHAOS_SEED'])
        expect(stoppedByFullDisk, 'runs the full disk stopped').toBeGreaterThanOrEqual(Math.ceil(RUNS / 3));
    },
    caseTimeout(RUNS),
  );
});
