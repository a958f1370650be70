import { isNotFound } from './api-errors.ts';
import type { GatewayContext } from './gateway-context.ts';

/** What a server serves of the two ways to hold an assistant-like object. Vector stores and files are everywhere. */
export interface Capabilities {
  assistants: boolean;
  agents: boolean;
}

/**
 * Asks the server once whether it serves /assistants and /agents: a one-item list of each, where a 404 is
 * the answer "not served" (api.openai.com answers so on /assistants since 2026-08-26; most compatible
 * servers on /agents). Any other failure is a failure, and is not remembered, so the next ask tries again.
 */
export class CapabilityProbe {
  readonly #ctx: GatewayContext;
  #known: Promise<Capabilities> | undefined;

  constructor(ctx: GatewayContext) {
    this.#ctx = ctx;
  }

  get(signal?: AbortSignal): Promise<Capabilities> {
    if (!this.#known) {
      const probing = this.#probe(signal);
      this.#known = probing;
      probing.catch(() => {
        if (this.#known === probing) this.#known = undefined;
      });
    }
    return this.#known;
  }

  async #probe(signal: AbortSignal | undefined): Promise<Capabilities> {
    const client = this.#ctx.client;
    const [assistants, agents] = await Promise.all([
      this.#served(
        'Checking for the Assistants API',
        (s) => client.beta.assistants.list({ limit: 1 }, { signal: s }),
        signal,
      ),
      this.#served('Checking for the Agents API', (s) => client.beta.agents.list({ limit: 1 }, { signal: s }), signal),
    ]);
    return { assistants, agents };
  }

  async #served(
    doing: string,
    call: (signal: AbortSignal | undefined) => Promise<unknown>,
    signal: AbortSignal | undefined,
  ): Promise<boolean> {
    try {
      await this.#ctx.read(doing, call, { signal });
      return true;
    } catch (error) {
      if (isNotFound((error as { cause?: unknown }).cause)) return false;
      throw error;
    }
  }
}
