import { describe, expect, it } from 'vitest';
import type { PlanFile } from '../../../../shared/clone.ts';
import { byteSourceLabel } from '../../../../renderer/src/clone/plan-labels.ts';

const file = (action: PlanFile['action']): PlanFile => ({
  key: 'file:f',
  sourceId: 'f',
  filename: 'sales.csv',
  bytes: 401,
  purpose: 'assistants',
  action,
  byteSource: 'none',
  lossy: false,
  usedBy: [],
});

describe('byteSourceLabel for a file with no bytes', () => {
  it('says a folder keeps it by name, size and purpose, and that a skipped one has no source', () => {
    expect(byteSourceLabel(file('create'))).toBe('Kept by name, size and purpose only: no bytes');
    expect(byteSourceLabel(file('skip'))).toBe('No source for its bytes');
  });
});
