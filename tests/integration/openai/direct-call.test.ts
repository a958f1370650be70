import { createServer } from 'node:net';
import OpenAI from 'openai';
import { startSandbox, type Sandbox } from 'ferry-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type ClientOptions } from '../../../electron/core/connections/client-factory.ts';
import { loadHttpFetch } from '../../../electron/core/connections/http-fetch.ts';
import { DirectCalls, segment } from '../../../electron/core/openai/direct-call.ts';
import { classifyFailure } from '../../../electron/core/openai/failure.ts';
import type { StoredConnection } from '../../../electron/core/connections/registry.ts';

/**
 * The direct path (direct-call.ts) keeps the SDK's contract: for the same request in the same situation it
 * answers the same object or throws the same error class, with the same status, message, code and param,
 * and the scheduler classifies both alike. Each case runs the SDK and the direct path side by side against
 * the sandbox, through the same transport.
 */
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'demo', ingestionMs: 50 });
});
afterAll(() => sandbox.stop());

const TENANT = 'Acme Staging';

async function clients(options: ClientOptions = {}, baseUrl?: string) {
  const tenant = sandbox.tenants.find((t) => t.name === TENANT)!;
  const connection = {
    id: 'c1',
    name: TENANT,
    baseUrl: baseUrl ?? sandbox.url,
    organization: tenant.organization,
    project: tenant.project,
  } as StoredConnection;
  const sdk = createClient(connection, tenant.key, { httpFetch: await loadHttpFetch(), ...options });
  return { sdk, direct: new DirectCalls(sdk) };
}

/** What a caller can tell of a failure: its class, what it says, and how the scheduler reads it. */
async function outcome(call: Promise<unknown>) {
  try {
    await call;
  } catch (error) {
    const e = error as InstanceType<typeof OpenAI.APIError>;
    const { retryable, mayHaveApplied, throttled, status } = classifyFailure(error);
    return {
      class: (error as Error).constructor.name,
      message: e.message,
      status: e.status,
      code: e.code,
      param: e.param,
      type: e.type,
      classified: { retryable, mayHaveApplied, throttled, status },
    };
  }
  throw new Error('expected the call to fail');
}

describe('direct calls keep the SDK contract', () => {
  it('answers the same objects as the SDK: a create, a retrieve and a page', async () => {
    const { sdk, direct } = await clients();
    const made = await direct.json<OpenAI.Beta.Assistant>({
      method: 'POST',
      path: '/assistants',
      body: { model: 'gpt-4o', name: 'Direct', metadata: { k: 'v' } },
      beta: 'assistants=v2',
    });
    expect(made).toMatchObject({ object: 'assistant', name: 'Direct', metadata: { k: 'v' } });
    expect(await sdk.beta.assistants.retrieve(made.id)).toEqual(made);
    const page = await direct.json<{ data: OpenAI.Beta.Assistant[]; has_more: boolean }>({
      method: 'GET',
      path: '/assistants',
      query: { limit: 2, order: 'desc', after: undefined },
      beta: 'assistants=v2',
    });
    const sdkPage = await sdk.beta.assistants.list({ limit: 2, order: 'desc' });
    expect(page.data).toEqual(sdkPage.data);
    expect(page.has_more).toBe(sdkPage.has_more);
    expect(page.data[0]!.id).toBe(made.id);
  });

  it('fails as the SDK fails on a 404, a 400 naming its parameter, and a missing beta header', async () => {
    const { sdk, direct } = await clients();
    const beta = 'assistants=v2' as const;
    expect(await outcome(direct.json({ method: 'GET', path: '/assistants/asst_missing', beta }))).toEqual(
      await outcome(sdk.beta.assistants.retrieve('asst_missing')),
    );
    const bad = { model: 'gpt-4o', temperature: 7 };
    const refused = await outcome(direct.json({ method: 'POST', path: '/assistants', body: bad, beta }));
    expect(refused).toEqual(await outcome(sdk.beta.assistants.create(bad as never)));
    expect(refused).toMatchObject({ class: 'BadRequestError', status: 400, param: 'temperature' });
    // The real API refuses the Assistants paths without the header, so the path must send it.
    expect(await outcome(direct.json({ method: 'GET', path: '/assistants' }))).toMatchObject({ status: 400 });
  });

  it('fails as the SDK fails on a server error and a dropped connection, classified alike', async () => {
    const { sdk, direct } = await clients();
    const route = 'GET /v1/vector_stores';
    const list = () => direct.json({ method: 'GET', path: '/vector_stores', beta: 'assistants=v2' });
    for (const kind of ['error_500', 'error_503', 'reset'] as const) {
      sandbox.control.injectFault({ kind, count: 1, tenant: TENANT, route });
      const viaSdk = await outcome(sdk.vectorStores.list());
      sandbox.control.injectFault({ kind, count: 1, tenant: TENANT, route });
      expect(await outcome(list())).toEqual(viaSdk);
    }
  });

  it("a cancel is the SDK's APIUserAbortError carrying the reason, before or during the call", async () => {
    const { direct } = await clients();
    const reason = new Error('admin pressed Cancel');
    const before = AbortSignal.abort(reason);
    const early = await direct.json({ method: 'GET', path: '/files' }, before).catch((e: unknown) => e);
    expect(early).toBeInstanceOf(OpenAI.APIUserAbortError);
    expect((early as Error).cause).toBe(reason);
    sandbox.control.injectFault({ kind: 'timeout', count: 1, tenant: TENANT, route: 'GET /v1/files' });
    const controller = new AbortController();
    const during = direct.json({ method: 'GET', path: '/files' }, controller.signal).catch((e: unknown) => e);
    setImmediate(() => controller.abort(reason));
    const late = await during;
    expect(late).toBeInstanceOf(OpenAI.APIUserAbortError);
    expect((late as Error).cause).toBe(reason);
    expect(classifyFailure(late).retryable).toBe(false);
  });

  it('the deadline and an idle transport end an attempt as the SDK ends it', async () => {
    // The deadline is the SDK's timeout; silence past the idle timeout is a stall (idle-clock.ts), which
    // the SDK reports as a dropped connection whose cause says it stalled.
    const cases = [
      { options: { requestDeadlineMs: 200 }, class: 'APIConnectionTimeoutError' },
      { options: { idleTimeoutMs: 200 }, class: 'APIConnectionError' },
    ];
    for (const { options, class: expected } of cases) {
      const { sdk, direct } = await clients(options);
      const route = 'GET /v1/files';
      sandbox.control.injectFault({ kind: 'timeout', count: 1, tenant: TENANT, route });
      const viaSdk = await outcome(sdk.files.list());
      sandbox.control.injectFault({ kind: 'timeout', count: 1, tenant: TENANT, route });
      const viaDirect = await outcome(direct.json({ method: 'GET', path: '/files' }));
      expect(viaDirect).toEqual(viaSdk);
      expect(viaDirect.class).toBe(expected);
      expect(viaDirect.classified).toMatchObject({ retryable: true, mayHaveApplied: true });
    }
  });

  it('a connection never made is an APIConnectionError the scheduler resends without a reconcile', async () => {
    const port = await closedPort();
    const { sdk, direct } = await clients({}, `http://127.0.0.1:${port}/v1`);
    const viaDirect = await outcome(direct.json({ method: 'POST', path: '/files', body: {} }));
    expect(viaDirect).toEqual(await outcome(sdk.files.list()));
    expect(viaDirect).toMatchObject({
      class: 'APIConnectionError',
      classified: { retryable: true, mayHaveApplied: false },
    });
  });

  it('an id that would name another path is refused before anything is sent', () => {
    for (const id of ['', '.', '..']) expect(() => segment(id)).toThrow(OpenAI.OpenAIError);
    expect(segment('file/../x?y#z')).toBe('file%2F..%2Fx%3Fy%23z');
  });
});

/** A port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
