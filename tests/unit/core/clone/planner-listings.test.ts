import { describe, expect, it } from 'vitest';
import type { ClonePlan } from '../../../../shared/clone.ts';
import {
  keepListings,
  PLAN_LISTINGS_FRESH_MS,
  takeListings,
  type PlanListings,
} from '../../../../electron/core/clone/planner-listings.ts';

const plan = () => ({ id: crypto.randomUUID() }) as unknown as ClonePlan;
const listings = (listedAt: number): PlanListings => ({
  listedAt,
  source: { assistants: [], vectorStores: [], storeFiles: new Map() },
  destination: { assistants: [], vectorStores: [], files: new Map(), storeFiles: new Map() },
});

describe("a plan's listings kept for its apply", () => {
  it('are taken once, while fresh', () => {
    const p = plan();
    const kept = listings(1_000);
    keepListings(p, kept);
    expect(takeListings(p, 1_000 + PLAN_LISTINGS_FRESH_MS)).toBe(kept);
    expect(takeListings(p, 1_000 + PLAN_LISTINGS_FRESH_MS)).toBeUndefined();
  });

  it('are not taken once older than the window: the run lists again', () => {
    const p = plan();
    keepListings(p, listings(1_000));
    expect(takeListings(p, 1_001 + PLAN_LISTINGS_FRESH_MS)).toBeUndefined();
  });

  it("are held for the newest plan only: a newer plan's replace them", () => {
    const [older, newer] = [plan(), plan()];
    keepListings(older, listings(1_000));
    const kept = listings(2_000);
    keepListings(newer, kept);
    expect(takeListings(older, 2_000)).toBeUndefined();
    expect(takeListings(newer, 2_000)).toBe(kept);
  });
});
