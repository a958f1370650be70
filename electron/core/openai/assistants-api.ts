import type OpenAI from 'openai';
import { goneIsFine, isNotFound } from './api-errors.ts';
import type { CallOptions, GatewayContext } from './gateway-context.ts';
import { collectPages } from './paginate.ts';

export type Assistant = OpenAI.Beta.Assistant;
export type AssistantCreate = OpenAI.Beta.AssistantCreateParams;
export type AssistantUpdate = OpenAI.Beta.AssistantUpdateParams;

/**
 * Whether a server still serves the Assistants API. api.openai.com answers 404 on every /assistants path
 * since 2026-08-26; compatible servers may still serve it, so a 404 on the list is an answer, not a failure.
 */
export type AssistantsListing = { served: true; assistants: Assistant[] } | { served: false; message: string };

export const ASSISTANTS_RETIRED_MESSAGE =
  'This server no longer serves the Assistants API (api.openai.com retired it on 2026-08-26). ' +
  'Vector stores and files still work here.';

export class AssistantsApi {
  readonly #ctx: GatewayContext;

  constructor(ctx: GatewayContext) {
    this.#ctx = ctx;
  }

  async list(signal?: AbortSignal): Promise<AssistantsListing> {
    const client = this.#ctx.client;
    try {
      const assistants = await collectPages(
        (after) =>
          this.#ctx.read(
            'Listing assistants',
            (s) =>
              client.beta.assistants.list({ limit: 100, order: 'asc', ...(after ? { after } : {}) }, { signal: s }),
            { signal },
          ),
        signal,
      );
      return { served: true, assistants };
    } catch (error) {
      if (isNotFound((error as { cause?: unknown }).cause))
        return { served: false, message: ASSISTANTS_RETIRED_MESSAGE };
      throw error;
    }
  }

  retrieve(id: string, signal?: AbortSignal): Promise<Assistant> {
    return this.#ctx.read(
      `Reading assistant ${id}`,
      (s) => this.#ctx.client.beta.assistants.retrieve(id, { signal: s }),
      { signal },
    );
  }

  create(body: AssistantCreate, options: CallOptions<Assistant> = {}): Promise<Assistant> {
    return this.#ctx.create(
      `Creating assistant "${body.name ?? body.model}"`,
      (s) => this.#ctx.client.beta.assistants.create(body, { signal: s }),
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
      (s) => this.#ctx.client.beta.assistants.update(id, body, { signal: s }),
      options,
    );
  }

  /** Resolves false when it was already gone: a retried delete whose first answer was lost finds a 404. */
  delete(id: string, signal?: AbortSignal): Promise<boolean> {
    return this.#ctx.write(
      `Deleting assistant ${id}`,
      (s) => goneIsFine(this.#ctx.client.beta.assistants.delete(id, { signal: s })),
      { signal },
    );
  }
}
