import { createServer } from 'node:net';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { loadHttpFetch } from '../../../electron/core/connections/http-fetch.ts';
import { RequestScheduler } from '../../../electron/core/openai/scheduler.ts';
import { startSandbox, type Sandbox } from 'ferry-sandbox';

/** A port nothing listens on (yet): taken from the system, then let go. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.stop();
  sandbox = undefined;
});

describe('a create whose connection was never made', () => {
  it('is sent again without a reconcile (the server never saw it), and made once', async () => {
    const port = await freePort();
    const http = await loadHttpFetch();
    const seed = { tenants: [{ name: 'Sandbox', models: ['gpt-4o'] }] };
    const scheduler = new RequestScheduler({ baseDelayMs: 1, maxDelayMs: 5 });
    let reconciles = 0;
    let attempts = 0;
    const created = await scheduler.run(
      async (signal) => {
        attempts += 1;
        // The first attempt finds the port closed (refused); the server is up for the next.
        const key = sandbox?.tenants[0]?.key ?? 'sk-none';
        const client = new OpenAI({
          apiKey: key,
          baseURL: `http://127.0.0.1:${port}/v1`,
          maxRetries: 0,
          fetch: http(5_000),
        });
        try {
          return await client.beta.assistants.create({ model: 'gpt-4o', name: 'Once' }, { signal });
        } finally {
          sandbox ??= await startSandbox({ port, seed });
        }
      },
      {
        idempotent: false,
        reconcile: async () => {
          reconciles += 1;
          return undefined;
        },
      },
    );
    expect(created.name).toBe('Once');
    expect(attempts).toBe(2);
    expect(reconciles).toBe(0);
    const counts = sandbox!.control.requestCounts('Sandbox');
    expect(counts['POST /v1/assistants']).toBe(1);
  });
});
