import type { Agent } from '../openai/agents-api.ts';
import type { Assistant } from '../openai/assistants-api.ts';
import type { OrgGateway } from '../openai/org-gateway.ts';
import type { VectorStore } from '../openai/vector-stores-api.ts';
import { markerOf } from './marker.ts';

/** An object found for a planned create: `own` when this job takes it over from a job that never recorded it. */
export interface Adopted {
  id: string;
  own: boolean;
}

/** What the re-check learned, kept on the run for the checks before each create. */
export interface Recheck {
  /** Destination ids known to be gone (deleted by hand, or by a cleanup): never reused. */
  gone: Set<string>;
  /** The sha256 of the bytes this job's earlier runs sent, by plan key (from its journal's intents). */
  hashes: Map<string, string>;
  /** Planned creates already made elsewhere, by plan key. */
  adoptable: Map<string, Adopted>;
  /** The destination's stores and assistants, listed once per run and kept current with what it creates. */
  stores: MarkerIndex<VectorStore>;
  assistants: MarkerIndex<Assistant>;
  agents: MarkerIndex<Agent>;
}

export function newRecheck(ctx: { destination: OrgGateway; signal: AbortSignal }): Recheck {
  return {
    gone: new Set(),
    hashes: new Map(),
    adoptable: new Map(),
    stores: new MarkerIndex(() => ctx.destination.vectorStores.list(ctx.signal)),
    assistants: new MarkerIndex(async () => {
      const listing = await ctx.destination.assistants.list(ctx.signal);
      return listing.served ? listing.assistants : [];
    }),
    agents: new MarkerIndex(async () => {
      const listing = await ctx.destination.agents.list(ctx.signal);
      return listing.served ? listing.agents : [];
    }),
  };
}

/**
 * A destination's objects of one kind by the source id their `cloned_from` marker names. Every create
 * asks it first (was this made meanwhile?); it used to list the whole destination for each, so a clone
 * of 6,400 assistants listed a growing destination again and again. Now one listing per run, the first
 * that asks, shared with the re-check at the start; the destination is this job's alone while it runs
 * (the destination lock), so what appears after the listing is what the run itself creates, and
 * {@link note} adds it. Lost creates are not looked for here: reconcile lists afresh for those.
 */
export class MarkerIndex<T extends { id: string; metadata?: unknown }> {
  readonly #list: () => Promise<T[]>;
  #listing: Promise<Listed<T>> | null = null;
  #ready: Listed<T> | null = null;
  /** Made by the run while the listing was under way: added when it comes back (unless it holds them). */
  readonly #early: T[] = [];

  constructor(list: () => Promise<T[]>) {
    this.#list = list;
  }

  /** Every object of the listing, and those the run made since. */
  async all(): Promise<T[]> {
    return (await this.#index()).all;
  }

  /** The objects whose marker names `sourceId`: a lookup, not a scan. */
  async marked(sourceId: string): Promise<T[]> {
    return (await this.#index()).byMarker.get(sourceId) ?? [];
  }

  /** The run made `object`: later lookups see it without listing again. */
  note(object: T): void {
    if (this.#ready) addTo(this.#ready, object);
    else if (this.#listing) this.#early.push(object);
  }

  #index(): Promise<Listed<T>> {
    // A failed listing (a cancel, the network) is not kept: the next caller lists again.
    this.#listing ??= this.#list().then(
      (all) => {
        const index: Listed<T> = { all: [], ids: new Set(), byMarker: new Map() };
        for (const object of [...all, ...this.#early.splice(0)]) addTo(index, object);
        this.#ready = index;
        return index;
      },
      (error: unknown) => {
        this.#listing = null;
        this.#early.length = 0;
        throw error;
      },
    );
    return this.#listing;
  }
}

interface Listed<T> {
  all: T[];
  ids: Set<string>;
  byMarker: Map<string, T[]>;
}

function addTo<T extends { id: string; metadata?: unknown }>(index: Listed<T>, object: T): void {
  if (index.ids.has(object.id)) return;
  index.ids.add(object.id);
  index.all.push(object);
  add(index.byMarker, object);
}

function add<T extends { metadata?: unknown }>(byMarker: Map<string, T[]>, object: T): void {
  const marker = markerOf(object.metadata);
  if (marker === undefined) return;
  const list = byMarker.get(marker);
  if (list) list.push(object);
  else byMarker.set(marker, [object]);
}
