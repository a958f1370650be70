import type OpenAI from 'openai';
import { goneIsFine, isNotFound } from './api-errors.ts';
import { segment } from './direct-call.ts';
import type { CallOptions, GatewayContext } from './gateway-context.ts';
import { type CursorPageLike, collectPages } from './paginate.ts';

export type Agent = OpenAI.Beta.Agents.Agent;
export type AgentCreate = OpenAI.Beta.Agents.AgentCreateParams;
export type AgentUpdate = OpenAI.Beta.Agents.AgentUpdateParams;

/**
 * Whether a server serves the Agents API (beta). Only some do (api.openai.com since the Agents beta;
 * Assistants-compatible servers mostly not), so a 404 on the list is an answer, not a failure.
 */
export type AgentsListing = { served: true; agents: Agent[] } | { served: false; message: string };

export const AGENTS_NOT_SERVED_MESSAGE =
  'This server does not serve the Agents API. Vector stores and files still work here.';

/** The header the Agents API needs (the SDK's for these paths). */
const BETA = 'agents=v1';

/**
 * The Agents API (`/agents`, header `OpenAI-Beta: agents=v1`, as the SDK sends it) through the
 * connection's scheduler and read-only guard, as for every other resource.
 */
export class AgentsApi {
  readonly #ctx: GatewayContext;

  constructor(ctx: GatewayContext) {
    this.#ctx = ctx;
  }

  async list(signal?: AbortSignal): Promise<AgentsListing> {
    const direct = this.#ctx.direct;
    try {
      const agents = await collectPages(
        (after) =>
          this.#ctx.read(
            'Listing agents',
            (s) =>
              direct.json<CursorPageLike<Agent>>(
                { method: 'GET', path: '/agents', query: { limit: 100, order: 'asc', after }, beta: BETA },
                s,
              ),
            { signal },
          ),
        signal,
      );
      return { served: true, agents };
    } catch (error) {
      if (isNotFound((error as { cause?: unknown }).cause))
        return { served: false, message: AGENTS_NOT_SERVED_MESSAGE };
      throw error;
    }
  }

  /**
   * The agents newest first, one scheduled read per page, for as long as the caller reads on; null when the
   * server does not serve the Agents API. What a lost create made is among the newest (see reconcile.ts).
   */
  async *newestFirst(signal?: AbortSignal): AsyncGenerator<Agent[] | null> {
    const direct = this.#ctx.direct;
    let after: string | undefined;
    for (;;) {
      signal?.throwIfAborted();
      let page: { data: Agent[]; has_more: boolean };
      try {
        page = await this.#ctx.read(
          'Listing agents',
          (s) =>
            direct.json<CursorPageLike<Agent>>(
              { method: 'GET', path: '/agents', query: { limit: 100, order: 'desc', after }, beta: BETA },
              s,
            ),
          { signal },
        );
      } catch (error) {
        if (isNotFound((error as { cause?: unknown }).cause)) return yield null;
        throw error;
      }
      yield page.data;
      const last = page.data.at(-1);
      if (!page.has_more || !last) return;
      after = last.id;
    }
  }

  retrieve(id: string, signal?: AbortSignal): Promise<Agent> {
    return this.#ctx.read(
      `Reading agent ${id}`,
      (s) => this.#ctx.direct.json<Agent>({ method: 'GET', path: `/agents/${segment(id)}`, beta: BETA }, s),
      { signal },
    );
  }

  create(body: AgentCreate, options: CallOptions<Agent> = {}): Promise<Agent> {
    return this.#ctx.create(
      `Creating agent "${body.name ?? body.model}"`,
      (s) => this.#ctx.direct.json<Agent>({ method: 'POST', path: '/agents', body, beta: BETA }, s),
      options,
    );
  }

  update(
    id: string,
    body: AgentUpdate,
    options: { signal?: AbortSignal | undefined; priority?: number } = {},
  ): Promise<Agent> {
    return this.#ctx.write(
      `Updating agent ${id}`,
      (s) => this.#ctx.direct.json<Agent>({ method: 'POST', path: `/agents/${segment(id)}`, body, beta: BETA }, s),
      options,
    );
  }

  /** Resolves false when it was already gone: a retried delete whose first answer was lost finds a 404. */
  delete(id: string, signal?: AbortSignal): Promise<boolean> {
    return this.#ctx.write(
      `Deleting agent ${id}`,
      (s) => goneIsFine(this.#ctx.direct.json({ method: 'DELETE', path: `/agents/${segment(id)}`, beta: BETA }, s)),
      { signal },
    );
  }
}
