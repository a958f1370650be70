import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyJobUpdate, updateFit, type JobUpdate } from '../../../../shared/job-updates.ts';
import type { JobItem, JobView } from '../../../../shared/jobs.ts';
import { countItems, jobProgress, JobRecorder } from '../../../../electron/core/jobs/job-recorder.ts';
import { jobHead } from '../../../support/job-updates.ts';

const dirs: string[] = [];
afterEach(() => {
  vi.useRealTimers();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function job(n: number): JobView {
  const items: JobItem[] = Array.from({ length: n }, (_, i) => ({
    key: `file:${i}`,
    kind: 'file',
    label: `f${i}.md`,
    action: 'create',
    state: 'pending',
    sourceId: `${i}`,
    bytesTotal: 100,
    bytesDone: 0,
  }));
  const at = '2026-12-01T10:00:00.000Z';
  return { ...jobHead(0, { createdAt: at, updatedAt: at, detail: '', counts: countItems(items) }), items };
}

function recorder(n: number) {
  vi.useFakeTimers();
  const dir = mkdtempSync(join(tmpdir(), 'ferry-recorder-'));
  dirs.push(dir);
  const events: JobUpdate[] = [];
  const view = job(n);
  // What a screen holds: the first view (as clone.apply answers it), then every event applied to it.
  const first = structuredClone(view);
  const rec = new JobRecorder(view, dir, (update) => events.push(structuredClone(update)));
  first.seq = view.seq;
  return { rec, events, dir, first };
}

describe('JobRecorder', () => {
  it('sends a verify and the end that follows it as one event', () => {
    const { rec, events } = recorder(3);
    for (let i = 0; i < 3; i += 1) rec.update(`file:${i}`, { state: 'done', bytesDone: 100 });
    vi.advanceTimersByTime(1000);
    const before = events.length;
    rec.setDetail('Verifying the clone against its source');
    rec.setVerify({ checkedAt: 't', checked: 3, differences: [], reconstructed: [], clean: true });
    rec.setState('done', 'Done');
    vi.advanceTimersByTime(1000);
    expect(events.slice(before).map((e) => [e.job.state, e.job.verify?.clean])).toEqual([['done', true]]);
  });

  it('keeps counts and progress as items move, equal to a recount at every step', () => {
    const { rec } = recorder(50);
    const states: JobItem['state'][] = ['running', 'done', 'failed', 'skipped', 'cancelled', 'pending', 'done'];
    for (let step = 0; step < 400; step += 1) {
      const key = `file:${(step * 7) % 50}`;
      rec.update(key, step % 3 === 0 ? { bytesDone: step % 100 } : { state: states[step % states.length]! });
      expect(rec.view.counts).toEqual(countItems(rec.view.items));
      expect(rec.view.progress).toBeCloseTo(jobProgress(rec.view.items), 10);
    }
  });

  it('sends at most ten events a second, each with only the items changed since the last', () => {
    const { rec, events, first } = recorder(1000);
    for (let i = 0; i < 1000; i += 1) {
      rec.update(`file:${i}`, { state: 'running' });
      rec.update(`file:${i}`, { state: 'done', destinationId: `d${i}`, bytesDone: 100 });
      if (i % 10 === 9) vi.advanceTimersByTime(10);
    }
    vi.advanceTimersByTime(100);
    // 1000 ms of work: about ten events, not one per change.
    expect(events.length).toBeGreaterThanOrEqual(9);
    expect(events.length).toBeLessThanOrEqual(11);
    for (const event of events) {
      expect(event.job).not.toHaveProperty('items');
      expect(event.items.length).toBeLessThanOrEqual(110);
      // An item changed twice within one event is sent once, with both changes merged.
      expect(new Set(event.items.map((i) => i.key)).size).toBe(event.items.length);
    }
    // The first view plus every event is the job as it is.
    let view: JobView = first;
    for (const event of events) {
      expect(updateFit(view, event)).toBe('apply');
      view = applyJobUpdate(view, event);
    }
    expect(view).toEqual(rec.view);
    expect(view.counts.done).toBe(1000);
  });

  it('tells an item that recovered to drop its error', () => {
    const { rec, events, first } = recorder(2);
    rec.update('file:0', { state: 'failed', error: 'Server said no.' });
    vi.advanceTimersByTime(100);
    rec.update('file:0', { state: 'done' });
    vi.advanceTimersByTime(100);
    const view = events.reduce<JobView>((v, e) => applyJobUpdate(v, e), first);
    expect(view.items[0]).not.toHaveProperty('error');
    expect(view.items[0]?.state).toBe('done');
  });

  it('numbers a resumed run on from the last, so a view from before it refetches rather than misses its resets', () => {
    const { rec, events, dir } = recorder(3);
    rec.update('file:0', { state: 'failed', error: 'x' });
    rec.flush();
    const saved = JSON.parse(readFileSync(join(dir, 'job.json'), 'utf8')) as JobView;
    expect(saved.seq).toBe(events.at(-1)!.job.seq);
    const held = structuredClone(saved);
    saved.items[0]!.state = 'pending';
    const resumed = new JobRecorder(saved, dir, (update) => events.push(update));
    resumed.update('file:1', { state: 'running' });
    vi.advanceTimersByTime(100);
    expect(updateFit(held, events.at(-1)!)).toBe('gap');
  });
});
