import type { ClonePlan } from './clone.ts';

/** Something to write: a file, store or assistant to create, or an assistant to update. */
export function planHasWork(plan: ClonePlan): boolean {
  return plan.assistants.some((a) => a.action === 'create' || a.action === 'update') || plan.vectorStores.some((s) => s.action === 'create') || plan.files.some((f) => f.action === 'create');
}

/**
 * Nothing to write, and what was asked for is already in the destination as it should be: every clone
 * reused or up to date. Blocked items (a model the destination lacks) are the only thing that may remain;
 * `strict` says none may.
 */
export function planUpToDate(plan: ClonePlan, strict = true): boolean {
  if (planHasWork(plan) || (strict && plan.blockers.length > 0)) return false;
  const matched = plan.files.every((f) => f.action === 'reuse') && plan.vectorStores.every((s) => s.action === 'reuse') && plan.assistants.every((a) => a.upToDate === true || (!strict && a.action === 'blocked'));
  return matched && plan.files.length + plan.vectorStores.length + plan.assistants.length > 0;
}
