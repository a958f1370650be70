import type { Assistant } from '../openai/assistants-api.ts';
import type { OrgGateway } from '../openai/org-gateway.ts';
import type { VectorStore } from '../openai/vector-stores-api.ts';

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
  /** One listing shared by every create that asks while it is under way. */
  stores: () => Promise<VectorStore[]>;
  assistants: () => Promise<Assistant[]>;
}

export function newRecheck(ctx: { destination: OrgGateway; signal: AbortSignal }): Recheck {
  return {
    gone: new Set(),
    hashes: new Map(),
    adoptable: new Map(),
    stores: coalesced(() => ctx.destination.vectorStores.list(ctx.signal)),
    assistants: coalesced(async () => {
      const listing = await ctx.destination.assistants.list(ctx.signal);
      return listing.served ? listing.assistants : [];
    }),
  };
}

/** One call at a time: callers that ask while it runs share its answer; a later caller gets a fresh one. */
function coalesced<T>(fetch: () => Promise<T>): () => Promise<T> {
  let inFlight: Promise<T> | null = null;
  return () => (inFlight ??= fetch().finally(() => (inFlight = null)));
}
