import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { toFerryError } from '../../../../electron/core/openai/api-errors.ts';
import { CAPABILITIES_TTL_MS, CapabilityProbe } from '../../../../electron/core/openai/capabilities.ts';
import type { GatewayContext } from '../../../../electron/core/openai/gateway-context.ts';

type Answer = 'served' | 404 | 500;

/**
 * A server whose /assistants and /agents answer as told, counting the asks, behind a context that wraps
 * failures the way the real one does (a FerryError whose cause is the SDK's error).
 */
function server(answers: { assistants: Answer; agents: Answer }) {
  const asks = { assistants: 0, agents: 0 };
  const list = (api: 'assistants' | 'agents') => () => {
    asks[api] += 1;
    const answer = answers[api];
    if (answer === 'served') return Promise.resolve({ data: [] });
    const body = { error: { message: `${answer} on /${api}`, type: 'invalid_request_error' } };
    return Promise.reject(OpenAI.APIError.generate(answer, body, undefined, new Headers()));
  };
  const ctx = {
    client: { beta: { assistants: { list: list('assistants') }, agents: { list: list('agents') } } },
    async read<T>(doing: string, operation: (signal: AbortSignal | undefined) => Promise<T>) {
      try {
        return await operation(undefined);
      } catch (error) {
        throw toFerryError(error, doing, 'Acme');
      }
    },
  } as unknown as GatewayContext;
  return { ctx, asks, answers };
}

/** A clock the test moves. */
function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

describe('CapabilityProbe: what a server serves, asked once a minute', () => {
  it('answers from a one-item list of each API, a 404 meaning "not served"', async () => {
    expect(await new CapabilityProbe(server({ assistants: 'served', agents: 'served' }).ctx).get()).toEqual({
      assistants: true,
      agents: true,
    });
    expect(await new CapabilityProbe(server({ assistants: 404, agents: 'served' }).ctx).get()).toEqual({
      assistants: false,
      agents: true,
    });
    expect(await new CapabilityProbe(server({ assistants: 'served', agents: 404 }).ctx).get()).toEqual({
      assistants: true,
      agents: false,
    });
  });

  it('shares one ask among callers within the TTL, and asks again once it has passed', async () => {
    const { ctx, asks, answers } = server({ assistants: 'served', agents: 404 });
    const time = clock();
    const probe = new CapabilityProbe(ctx, time.now);
    await Promise.all([probe.get(), probe.get()]);
    time.advance(CAPABILITIES_TTL_MS - 1);
    await probe.get();
    expect(asks).toEqual({ assistants: 1, agents: 1 });
    // The server stops serving Assistants (a retirement): noticed once the answer is a minute old.
    answers.assistants = 404;
    expect((await probe.get()).assistants).toBe(true);
    time.advance(1);
    expect((await probe.get()).assistants).toBe(false);
    expect(asks).toEqual({ assistants: 2, agents: 2 });
  });

  it('asks again at once when told to (Refresh)', async () => {
    const { ctx, asks } = server({ assistants: 'served', agents: 'served' });
    const probe = new CapabilityProbe(ctx, clock().now);
    await probe.get();
    await probe.get({ fresh: true });
    expect(asks).toEqual({ assistants: 2, agents: 2 });
  });

  it('fails on any other failure, and does not remember it', async () => {
    const { ctx, asks, answers } = server({ assistants: 500, agents: 'served' });
    const probe = new CapabilityProbe(ctx, clock().now);
    await expect(probe.get()).rejects.toThrow('Checking for the Assistants API: Acme answered 500');
    answers.assistants = 'served';
    expect(await probe.get()).toEqual({ assistants: true, agents: true });
    expect(asks.assistants).toBe(2);
  });
});
