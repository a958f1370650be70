import type { ClonePlan } from './clone.ts';

/**
 * The files of a plan as both the window and the terminal count them: uploads are the creates that send
 * bytes; a bundle's files kept by name, size and purpose only are counted apart. One home for the
 * subtraction, so neither says "to upload" of a file that has no bytes to send.
 */
export function planFileCounts(plan: ClonePlan) {
  const t = plan.totals.files;
  const recorded = t.recorded ?? plan.files.filter((f) => f.action === 'create' && f.byteSource === 'none').length;
  return { upload: t.create - recorded, recorded, reuse: t.reuse, skip: t.skip, lossy: t.lossy };
}

/** Something to write: a file, store or assistant to create, or an assistant to update. */
export function planHasWork(plan: ClonePlan): boolean {
  return (
    plan.assistants.some((a) => a.action === 'create' || a.action === 'update') ||
    (plan.agents ?? []).some((a) => a.action === 'create' || a.action === 'update') ||
    plan.vectorStores.some((s) => s.action === 'create') ||
    plan.files.some((f) => f.action === 'create')
  );
}

/**
 * Nothing to write, and what was asked for is already in the destination: clones reused or up to date.
 * `strict` (the window's "Up to date"): every object matches and nothing is blocked or left out. Not
 * strict (the CLI's re-run): nothing to write and at least one clone already there; blocked or skipped
 * items are listed in the plan, and a plan of only those is still refused by apply.
 */
export function planUpToDate(plan: ClonePlan, strict = true): boolean {
  if (planHasWork(plan)) return false;
  const agents = plan.agents ?? [];
  const there =
    plan.files.some((f) => f.action === 'reuse') ||
    plan.vectorStores.some((s) => s.action === 'reuse') ||
    plan.assistants.some((a) => a.upToDate === true) ||
    agents.some((a) => a.upToDate === true);
  if (!strict) return there;
  return (
    there &&
    plan.blockers.length === 0 &&
    plan.files.every((f) => f.action === 'reuse') &&
    plan.vectorStores.every((s) => s.action === 'reuse') &&
    plan.assistants.every((a) => a.upToDate === true) &&
    agents.every((a) => a.upToDate === true)
  );
}
