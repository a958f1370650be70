import type OpenAI from 'openai';
import { goneIsFine, isNotFound } from './api-errors.ts';
import type { CallOptions, GatewayContext } from './gateway-context.ts';
import { collectPages } from './paginate.ts';

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

/**
 * The Agents API (`/agents`, header `OpenAI-Beta: agents=v1`, which the SDK sends) through the
 * connection's scheduler and read-only guard, as for every other resource.
 */
export class AgentsApi {
  readonly #ctx: GatewayContext;

  constructor(ctx: GatewayContext) {
    this.#ctx = ctx;
  }

  async list(signal?: AbortSignal): Promise<AgentsListing> {
    const client = this.#ctx.client;
    try {
      const agents = await collectPages(
        (after) =>
          this.#ctx.read(
            'Listing agents',
            (s) => client.beta.agents.list({ limit: 100, order: 'asc', ...(after ? { after } : {}) }, { signal: s }),
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
    const client = this.#ctx.client;
    let after: string | undefined;
    for (;;) {
      signal?.throwIfAborted();
      let page: { data: Agent[]; has_more: boolean };
      try {
        page = await this.#ctx.read(
          'Listing agents',
          (s) => client.beta.agents.list({ limit: 100, order: 'desc', ...(after ? { after } : {}) }, { signal: s }),
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
    return this.#ctx.read(`Reading agent ${id}`, (s) => this.#ctx.client.beta.agents.retrieve(id, { signal: s }), {
      signal,
    });
  }

  create(body: AgentCreate, options: CallOptions<Agent> = {}): Promise<Agent> {
    return this.#ctx.create(
      `Creating agent "${body.name ?? body.model}"`,
      (s) => this.#ctx.client.beta.agents.create(body, { signal: s }),
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
      (s) => this.#ctx.client.beta.agents.update(id, body, { signal: s }),
      options,
    );
  }

  /** Resolves false when it was already gone: a retried delete whose first answer was lost finds a 404. */
  delete(id: string, signal?: AbortSignal): Promise<boolean> {
    return this.#ctx.write(
      `Deleting agent ${id}`,
      (s) => goneIsFine(this.#ctx.client.beta.agents.delete(id, { signal: s })),
      { signal },
    );
  }
}
