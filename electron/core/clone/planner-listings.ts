import type { ClonePlan } from '../../../shared/clone.ts';
import type { Assistant } from '../openai/assistants-api.ts';
import type { FileObject } from '../openai/files-api.ts';
import type { VectorStore, VectorStoreFile } from '../openai/vector-stores-api.ts';
import { findClone, indexClones } from './plan-clones.ts';
import type { PlanContext } from './plan-context.ts';

/**
 * What a plan listed of both sides, everything a verify compares: kept for an apply that follows the plan
 * at once, so that a re-run of an unchanged clone (plan, apply, verify) lists both sides once, not twice.
 * The apply of a plan with nothing to write writes nothing, so what the plan listed is still what its
 * verify would list, give or take what other hands changed since; the verify says when it was listed
 * (its `checkedAt` is the listing's time, not the verify's), and a plan older than
 * {@link PLAN_LISTINGS_FRESH_MS} is listed again.
 */
export interface PlanListings {
  /** When the plan sent its first listing (ms since the epoch): nothing in them is older. */
  listedAt: number;
  source: {
    assistants: Assistant[];
    vectorStores: VectorStore[];
    /** Each planned store's files, by source store id. */
    storeFiles: Map<string, VectorStoreFile[]>;
  };
  destination: {
    assistants: Assistant[];
    vectorStores: VectorStore[];
    files: Map<string, FileObject>;
    /** The files of each store the plan reuses, by destination store id. */
    storeFiles: Map<string, VectorStoreFile[]>;
  };
}

/**
 * How long after its listings a plan's apply may take them instead of listing again: the terminal applies
 * at once, and the window's Confirm comes within seconds of the dialog showing the plan.
 */
export const PLAN_LISTINGS_FRESH_MS = 60_000;

/** Listings by plan; only the newest no-op plan's are held, so memory does not grow with plans kept. */
const kept = new WeakMap<ClonePlan, PlanListings>();
let newest: WeakRef<ClonePlan> | undefined;

/**
 * Keeps the listings of a plan with nothing to write for its apply (an apply that writes changes the
 * destination, and its verify must read it again anyway), in place of the previous plan's.
 */
export function keepListings(plan: ClonePlan, listings: PlanListings): void {
  const previous = newest?.deref();
  if (previous) kept.delete(previous);
  kept.set(plan, listings);
  newest = new WeakRef(plan);
}

/**
 * The plan's listings, once (they are the run's from then on): when kept and at most
 * {@link PLAN_LISTINGS_FRESH_MS} old at `now`.
 */
export function takeListings(plan: ClonePlan, now = Date.now()): PlanListings | undefined {
  const listings = kept.get(plan);
  kept.delete(plan);
  if (!listings || now - listings.listedAt > PLAN_LISTINGS_FRESH_MS) return undefined;
  return listings;
}

/**
 * The files of each destination store that clones a planned source store: what the apply's attach step
 * and the verify would otherwise list. Each listing starts as soon as both store lists are in (a few
 * pages), so they overlap the assistants' listing (64 pages at 6,400 assistants) instead of following it.
 */
export class CloneStoreFiles {
  readonly #ctx: Pick<PlanContext, 'destination' | 'idMap' | 'signal'>;
  readonly #listings = new Map<string, Promise<VectorStoreFile[]>>();
  #source: VectorStore[] | undefined;
  #destination: VectorStore[] | undefined;

  constructor(ctx: Pick<PlanContext, 'destination' | 'idMap' | 'signal'>) {
    this.#ctx = ctx;
  }

  /** The planned source stores known from the first listing (those assistants name come later). */
  readonly sourceListed = (stores: VectorStore[]) => {
    this.#source = stores;
    this.#start();
  };

  readonly destinationListed = (stores: VectorStore[]) => {
    this.#destination = stores;
    this.#start();
  };

  /** The files of these destination stores: those not listed early are listed now. */
  async of(ids: string[]): Promise<Map<string, VectorStoreFile[]>> {
    return new Map(await Promise.all(ids.map(async (id) => [id, await this.#list(id)] as const)));
  }

  #start(): void {
    if (!this.#source || !this.#destination) return;
    const clones = indexClones(this.#destination);
    for (const store of this.#source) {
      const clone = findClone(store.id, clones, this.#ctx);
      if (clone) void this.#list(clone.id).catch(() => {}); // awaited by `of`; unawaited, it must not go unhandled
    }
  }

  #list(id: string): Promise<VectorStoreFile[]> {
    let listing = this.#listings.get(id);
    if (!listing) {
      listing = this.#ctx.destination.vectorStores.listFiles(id, this.#ctx.signal);
      this.#listings.set(id, listing);
    }
    return listing;
  }
}
