import { describe, expect, it } from 'vitest';
import { findClone, indexClones } from '../../../../electron/core/clone/plan-clones.ts';
import type { PlanContext } from '../../../../electron/core/clone/plan-context.ts';

const ctxWith = (links: Record<string, string>) =>
  ({
    idMap: { get: (id: string) => (links[id] ? { destinationId: links[id] } : undefined) },
  }) as unknown as PlanContext;

describe('finding earlier clones in a plan', () => {
  const listing = [
    { id: 'd1', metadata: { cloned_from: 'a' } },
    { id: 'd2', metadata: { cloned_from: 'a' } },
    { id: 'd3', metadata: {} },
    { id: 'd4', metadata: null },
  ];
  const clones = indexClones(listing);

  it('finds a clone by its marker first (the first listed), else by the id map, else none', () => {
    expect(findClone('a', clones, ctxWith({ a: 'd3' }))?.id).toBe('d1');
    expect(findClone('b', clones, ctxWith({ b: 'd3' }))?.id).toBe('d3');
    expect(findClone('c', clones, ctxWith({ c: 'gone' }))).toBeUndefined();
    expect(findClone('c', clones, ctxWith({}))).toBeUndefined();
  });
});
