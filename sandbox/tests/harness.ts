import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { startSandbox, type PublicTenant, type Sandbox, type SandboxOptions } from 'ferry-sandbox';
import { validatingFetch } from './spec-validator.ts';

export interface Harness {
  sandbox: Sandbox;
  /** Spec problems seen so far in this file; checked after every test. */
  violations: string[];
  tenant(name: string): PublicTenant;
  client(name: string, options?: { key?: string; organization?: string; project?: string }): OpenAI;
  /** Raw fetch with a tenant's key, validated like the SDK's calls. */
  raw(name: string, path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
}

/**
 * One sandbox per test file, with every answer validated against the spec. Tests pass explicit
 * credentials: the SDK otherwise reads OPENAI_* variables from the environment.
 */
export function useSandbox(options: SandboxOptions = {}): Harness {
  const violations: string[] = [];
  const harness = { violations } as Harness;
  beforeAll(async () => {
    harness.sandbox = await startSandbox({ ingestionMs: 40, ...options });
  });
  afterAll(async () => {
    await harness.sandbox?.stop();
  });
  afterEach(() => {
    const seen = violations.splice(0);
    expect(seen, 'every answer validates against the OpenAPI spec').toEqual([]);
  });
  harness.tenant = (name) => {
    const found = harness.sandbox.tenants.find((tenant) => tenant.name === name);
    if (!found) throw new Error(`no tenant ${name}`);
    return found;
  };
  harness.client = (name, extra = {}) => {
    const tenant = harness.tenant(name);
    return new OpenAI({
      apiKey: extra.key ?? tenant.key,
      baseURL: harness.sandbox.url,
      organization: extra.organization ?? tenant.organization,
      project: extra.project ?? tenant.project,
      maxRetries: 0,
      timeout: 10_000,
      fetch: validatingFetch(harness.sandbox.url, violations),
    });
  };
  harness.raw = (name, path, init = {}) => {
    const { json, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (!headers.has('authorization') && name !== '')
      headers.set('authorization', `Bearer ${harness.tenant(name).key}`);
    if (json !== undefined) headers.set('content-type', 'application/json');
    // The Assistants API needs the v2 opt-in header, as upstream; the SDK sends it, raw calls must too.
    if (path.startsWith('/assistants') && !headers.has('openai-beta')) headers.set('openai-beta', 'assistants=v2');
    const request: RequestInit = { ...rest, headers };
    if (json !== undefined) request.body = JSON.stringify(json);
    return validatingFetch(harness.sandbox.url, violations)(`${harness.sandbox.url}${path}`, request);
  };
  return harness;
}

export const production = 'Acme Production';
export const staging = 'Acme Staging';
export const legacy = 'Legacy Cloud';

/** Waits for a condition by polling (the sandbox's ingestion is clock-driven and short in tests). */
export async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms: ${JSON.stringify(value).slice(0, 300)}`);
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}
