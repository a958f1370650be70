import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SandboxOptions } from 'ferry-sandbox';
import type { ClonePlan } from '../../shared/clone.ts';
import type { JobView } from '../../shared/jobs.ts';
import { startSandboxWorld, type SandboxWorld } from './sandbox-core.ts';
import { SCALE_SOURCE, SCALE_TARGET, type ScaleSeed } from './scale-seed.ts';

/** A sandbox world seeded with a scale seed, and the folder of its originals (their purpose cannot be downloaded). */
export interface ScaleWorld extends SandboxWorld {
  originals: string;
  /** Plans the clone of everything from the source to the target, with the originals' folder. */
  plan(): Promise<ClonePlan>;
  /** Applies a plan and waits for its job to end. */
  apply(plan: ClonePlan): Promise<JobView>;
}

export async function startScaleWorld({ seed, files }: ScaleSeed, options: SandboxOptions = {}): Promise<ScaleWorld> {
  const world = await startSandboxWorld({ seed, ...options });
  const originals = mkdtempSync(join(tmpdir(), 'ferry-scale-originals-'));
  for (const file of files) writeFileSync(join(originals, file.filename), file.content);
  return {
    ...world,
    originals,
    plan: () => world.core.call('clone.plan', { from: SCALE_SOURCE, to: SCALE_TARGET, all: true, filesDir: originals }),
    apply: async (plan) => world.core.jobs.wait((await world.core.call('clone.apply', { planId: plan.id })).id),
    stop: async () => {
      await world.stop();
      rmSync(originals, { recursive: true, force: true });
    },
  };
}
