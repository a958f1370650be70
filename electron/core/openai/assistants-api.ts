import type OpenAI from 'openai';
import { goneIsFine, isNotFound } from './api-errors.ts';
import { segment } from './direct-call.ts';
import { type CursorPageLike, collectFromBothEnds } from './paginate.ts';
import type { CallOptions, GatewayContext } from './gateway-context.ts';

export type Assistant = OpenAI.Beta.Assistant;
export type AssistantCreate = OpenAI.Beta.AssistantCreateParams;
export type AssistantUpdate = OpenAI.Beta.AssistantUpdateParams;

/**
 * Whether a server still serves the Assistants API. api.openai.com answers 404 on every /assistants path
 * since 2026-08-26; compatible servers may still serve it, so a 404 on the list is an answer, not a failure.
 */
export type AssistantsListing = { served: true; assistants: Assistant[] } | { served: false; message: string };

/** One page of the list (up to 100, oldest first unless asked newest first) and the cursor for the next, null on the last. */
export type AssistantsPage =
  { served: true; assistants: Assistant[]; after: string | null } | { served: false; message: string };

export const ASSISTANTS_RETIRED_MESSAGE =
  'This server no longer serves the Assistants API (api.openai.com retired it on 2026-08-26). ' +
  'Vector stores and files still work here.';

/** The header the Assistants API needs (the SDK's for these paths). */
const BETA = 'assistants=v2';

export class AssistantsApi {
  readonly #ctx: GatewayContext;

  constructor(ctx: GatewayContext) {
    this.#ctx = ctx;
  }

  /**
   * Every assistant, oldest first, read from both ends at once (paginate.ts): 6,400 assistants are 64 pages,
   * and one after another they were the longest wait of a plan and of a verify. A 404 on any page is the
   * retired API's answer, not a failure.
   */
  async list(signal?: AbortSignal): Promise<AssistantsListing> {
    try {
      const assistants = await collectFromBothEnds(async (order, after) => {
        const page = await this.#page(after, signal, order);
        if (!page.served) throw new Retired(page.message);
        return { data: page.assistants, has_more: page.after !== null };
      }, signal);
      return { served: true, assistants };
    } catch (error) {
      if (error instanceof Retired) return { served: false, message: error.message };
      throw error;
    }
  }

  /**
   * The pages of the list, newest first, one scheduled read each, for as long as the caller reads on. What a
   * lost create made is among the newest, so looking for it can stop at the first page that holds it,
   * where listing the whole org is 64 pages in a row at 6,400 assistants, queued behind the clone's traffic.
   */
  async *newestFirst(signal?: AbortSignal): AsyncGenerator<AssistantsPage> {
    let cursor: string | undefined;
    for (;;) {
      signal?.throwIfAborted();
      const page = await this.#page(cursor, signal, 'desc');
      yield page;
      if (!page.served || page.after === null) return;
      cursor = page.after;
    }
  }

  /** Up to `count` pages after `after` (from the first without it), one scheduled read each. */
  async pages(after: string | undefined, count: number, signal?: AbortSignal): Promise<AssistantsPage> {
    const assistants: Assistant[] = [];
    let cursor = after;
    for (let read = 0; read < count; read += 1) {
      signal?.throwIfAborted();
      const page = await this.#page(cursor, signal);
      if (!page.served) return page;
      assistants.push(...page.assistants);
      if (page.after === null) return { served: true, assistants, after: null };
      cursor = page.after;
    }
    return { served: true, assistants, after: cursor ?? null };
  }

  /** One API page after `after` (the first without it), or the retired API's answer. */
  async #page(after: string | undefined, signal?: AbortSignal, order: 'asc' | 'desc' = 'asc'): Promise<AssistantsPage> {
    const direct = this.#ctx.direct;
    try {
      const page = await this.#ctx.read(
        'Listing assistants',
        (s) =>
          direct.json<CursorPageLike<Assistant>>(
            { method: 'GET', path: '/assistants', query: { limit: 100, order, after }, beta: BETA },
            s,
          ),
        { signal },
      );
      const last = page.data.at(-1);
      return { served: true, assistants: page.data, after: page.has_more && last ? last.id : null };
    } catch (error) {
      if (isNotFound((error as { cause?: unknown }).cause))
        return { served: false, message: ASSISTANTS_RETIRED_MESSAGE };
      throw error;
    }
  }

  retrieve(id: string, signal?: AbortSignal): Promise<Assistant> {
    return this.#ctx.read(
      `Reading assistant ${id}`,
      (s) => this.#ctx.direct.json<Assistant>({ method: 'GET', path: `/assistants/${segment(id)}`, beta: BETA }, s),
      { signal },
    );
  }

  create(body: AssistantCreate, options: CallOptions<Assistant> = {}): Promise<Assistant> {
    return this.#ctx.create(
      `Creating assistant "${body.name ?? body.model}"`,
      (s) => this.#ctx.direct.json<Assistant>({ method: 'POST', path: '/assistants', body, beta: BETA }, s),
      options,
    );
  }

  update(
    id: string,
    body: AssistantUpdate,
    options: { signal?: AbortSignal | undefined; priority?: number } = {},
  ): Promise<Assistant> {
    return this.#ctx.write(
      `Updating assistant ${id}`,
      (s) =>
        this.#ctx.direct.json<Assistant>({ method: 'POST', path: `/assistants/${segment(id)}`, body, beta: BETA }, s),
      options,
    );
  }

  /** Resolves false when it was already gone: a retried delete whose first answer was lost finds a 404. */
  delete(id: string, signal?: AbortSignal): Promise<boolean> {
    return this.#ctx.write(
      `Deleting assistant ${id}`,
      (s) => goneIsFine(this.#ctx.direct.json({ method: 'DELETE', path: `/assistants/${segment(id)}`, beta: BETA }, s)),
      { signal },
    );
  }
}

/** A page's answer that the server no longer serves the API: ends both walks of a listing with that answer. */
class Retired extends Error {}
