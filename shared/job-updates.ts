import type { FerryEvent } from './events.ts';
import type { JobItem, JobItemPatch, JobView } from './jobs.ts';

export type JobUpdate = Extract<FerryEvent, { type: 'job.updated' }>;

/** What a holder of a job's view does with an event: apply it, skip it (it holds it already) or refetch. */
export type UpdateFit = 'apply' | 'stale' | 'gap';

/**
 * Whether `update` fits on `view`. Each patch sets fields whole, so an event overlapping what the view
 * holds (the view was read between two events) applies cleanly; one starting past it means events were
 * missed, and only a fresh snapshot (`jobs.get`) makes the view whole again.
 */
export function updateFit(view: JobView | undefined, update: JobUpdate): UpdateFit {
  if (update.all) return 'apply';
  if (!view) return 'gap';
  const held = view.seq ?? -1;
  const seq = update.job.seq ?? 0;
  if (held >= seq) return 'stale';
  return held >= update.after ? 'apply' : 'gap';
}

/** The view with `update` applied; items are replaced, not mutated, so React sees which rows changed. */
export function applyJobUpdate(view: JobView | undefined, update: JobUpdate): JobView {
  if (update.all) return { ...update.job, items: update.all };
  if (!view) throw new Error(`No view of job ${update.job.id} to apply an update to.`);
  if (update.items.length === 0) return { ...update.job, items: view.items };
  const items = view.items.slice();
  const index = indexOf(view.items);
  for (const patch of update.items) {
    const at = index.get(patch.key);
    if (at === undefined) continue;
    items[at] = patchItem(items[at]!, patch);
  }
  indexes.set(items, index);
  return { ...update.job, items };
}

/** Merges `next` into `earlier` (both of one job, `next` following it): what the two say together. */
export function mergeJobUpdates(earlier: JobUpdate, next: JobUpdate): JobUpdate {
  if (next.all) return next;
  if (earlier.all)
    return {
      ...next,
      all: applyJobUpdate({ ...earlier.job, items: earlier.all }, next).items,
      items: [],
      after: earlier.after,
    };
  const byKey = new Map(earlier.items.map((patch) => [patch.key, patch]));
  for (const patch of next.items) {
    const before = byKey.get(patch.key);
    byKey.set(patch.key, before ? mergePatches(before, patch) : patch);
  }
  return { ...next, items: [...byKey.values()], after: earlier.after };
}

export function mergePatches(earlier: JobItemPatch, next: JobItemPatch): JobItemPatch {
  const merged: JobItemPatch = { ...earlier, ...next };
  const cleared = new Set(earlier.cleared ?? []);
  for (const field of Object.keys(next)) if (field !== 'cleared') cleared.delete(field as 'error');
  for (const field of next.cleared ?? []) {
    cleared.add(field);
    delete merged[field];
  }
  if (cleared.size > 0) merged.cleared = [...cleared];
  else delete merged.cleared;
  return merged;
}

function patchItem(item: JobItem, patch: JobItemPatch): JobItem {
  const { cleared, ...fields } = patch;
  const next = { ...item, ...fields } as JobItem;
  for (const field of cleared ?? []) delete next[field];
  return next;
}

/** Item positions by key, per items array: items never come or go in a job, so an index carries over. */
const indexes = new WeakMap<JobItem[], Map<string, number>>();

function indexOf(items: JobItem[]): Map<string, number> {
  let index = indexes.get(items);
  if (!index) {
    index = new Map(items.map((item, at) => [item.key, at]));
    indexes.set(items, index);
  }
  return index;
}
