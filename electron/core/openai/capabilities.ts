import { isNotFound } from './api-errors.ts';
import type { GatewayContext } from './gateway-context.ts';

/** What a server serves of the two ways to hold an assistant-like object. Vector stores and files are everywhere. */
export interface Capabilities {
  assistants: boolean;
  agents: boolean;
}

/** How long an answer is trusted: a server can start or stop serving an API while Ferry runs (the retirement did). */
export const CAPABILITIES_TTL_MS = 60_000;

/**
 * Asks the server whether it serves /assistants and /agents: a one-item list of each, where a 404 is the
 * answer "not served" (api.openai.com answers so on /assistants since 2026-08-26; most compatible servers
 * on /agents). The answer is remembered for {@link CAPABILITIES_TTL_MS}, so panes and plans share one ask
 * yet notice a change within a minute. Any other failure is a failure, and is not remembered.
 */
export class CapabilityProbe {
  readonly #ctx: GatewayContext;
  readonly #now: () => number;
  #known: { answer: Promise<Capabilities>; at: number } | undefined;

  constructor(ctx: GatewayContext, now: () => number = Date.now) {
    this.#ctx = ctx;
    this.#now = now;
  }

  /** The remembered answer, or a new one when it is older than the TTL or `fresh` asks (Refresh). */
  get(options: { fresh?: boolean | undefined; signal?: AbortSignal | undefined } = {}): Promise<Capabilities> {
    const now = this.#now();
    if (!this.#known || options.fresh || now - this.#known.at >= CAPABILITIES_TTL_MS) {
      const known = { answer: this.#probe(options.signal), at: now };
      this.#known = known;
      known.answer.catch(() => {
        if (this.#known === known) this.#known = undefined;
      });
    }
    return this.#known.answer;
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
