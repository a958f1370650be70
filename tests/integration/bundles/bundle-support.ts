import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SandboxWorld } from '../../support/sandbox-core.ts';

export const PROD = 'Acme Production';
export const STAGING = 'Acme Staging';

const scratch: string[] = [];

/** A fresh folder for a bundle, removed by `cleanScratch`. */
export function scratchDir(prefix = 'ferry-bundle-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
}

export function cleanScratch(): void {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Adds a folder connection and clones everything of `from` into `to` through the engine. */
export async function cloneAll(w: SandboxWorld, from: string, to: string, extra: Record<string, unknown> = {}) {
  const plan = await w.core.call('clone.plan', { from, to, all: true, ...extra });
  const job = await w.core.call('clone.apply', { planId: plan.id });
  return { plan, job: await w.core.jobs.wait(job.id) };
}
