import { describe, expect, it } from 'vitest';
import type { ClonePlan, PlanFile } from '../../../shared/clone.ts';
import { planFileCounts } from '../../../shared/plan-outcome.ts';
import { formatPlan } from '../../../electron/cli/format-plan.ts';
import { planSummary } from '../../../renderer/src/clone/plan-labels.ts';

const file = (name: string, action: PlanFile['action'], byteSource: PlanFile['byteSource']): PlanFile => ({
  key: `file:${name}`,
  sourceId: name,
  filename: `${name}.pdf`,
  bytes: 1000,
  purpose: 'assistants',
  action,
  byteSource,
  lossy: false,
  usedBy: [],
});

// An export into a bundle: two files downloaded and written with their bytes, one Ferry has no bytes of
// (kept by name, size and purpose), one cloned earlier.
const files = [
  file('a', 'create', 'download'),
  file('b', 'create', 'download'),
  file('c', 'create', 'none'),
  file('d', 'reuse', 'none'),
];
const plan = (recorded: number | undefined): ClonePlan => ({
  id: 'plan-1',
  createdAt: '2026-12-01T00:00:00.000Z',
  source: { id: 'c1', name: 'Acme Prod' },
  destination: { id: 'c2', name: 'Bundle' },
  request: { onConflict: 'update', modelMap: {} },
  assistants: [],
  vectorStores: [],
  files,
  destinationModels: [],
  totals: {
    assistants: { create: 0, update: 0, skip: 0, blocked: 0 },
    vectorStores: { create: 0, reuse: 0, skip: 0 },
    files: { create: 3, reuse: 1, skip: 0, lossy: 0, ...(recorded === undefined ? {} : { recorded }) },
    bytes: 2000,
  },
  warnings: [],
  blockers: [],
});

describe('the files of a plan, counted for people', () => {
  it('never counts a file with no bytes to send as an upload', () => {
    expect(planFileCounts(plan(1))).toEqual({ upload: 2, recorded: 1, reuse: 1, skip: 0, lossy: 0 });
  });

  it('counts them from the files themselves in a plan made before the total existed', () => {
    expect(planFileCounts(plan(undefined))).toEqual(planFileCounts(plan(1)));
  });

  it('says the same in the window and in the terminal', () => {
    expect(planSummary(plan(1))).toContain(
      '4 files: 2 to upload, 1 kept by name, size and purpose only, 1 already cloned',
    );
    expect(formatPlan(plan(1))).toContain(
      'Files: 2 to upload (2.0 KB), 1 kept by name, size and purpose only, 1 reused, 0 skipped, 0 reconstructed',
    );
  });
});
