import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
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

/** Every file of a folder by its relative path, with its text. */
export function tree(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.set(relative(root, full), readFileSync(full, 'latin1'));
    }
  };
  walk(root);
  return out;
}

export function changedPaths(a: Map<string, string>, b: Map<string, string>): string[] {
  const paths = new Set([...a.keys(), ...b.keys()]);
  return [...paths].filter((p) => a.get(p) !== b.get(p)).sort();
}

/** A bundle's manifest (from `tree`) but its times: what two exports of one org must share. */
export function manifestWithoutTimes(files: Map<string, string>): Record<string, unknown> {
  const {
    exported_at: _e,
    created_at: _c,
    ...rest
  } = JSON.parse(files.get('ferry-bundle.json')!) as Record<string, unknown>;
  return rest;
}
