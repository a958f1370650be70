import { afterEach, describe, expect, it } from 'vitest';
import { requireSpecInCi, specAvailable, specPath, validatingFetch } from '../../../sandbox/tests/spec-validator.ts';
import { startSandboxWorld, type SandboxWorld } from '../../support/sandbox-core.ts';

let world: SandboxWorld | undefined;
afterEach(async () => {
  await world?.stop();
  world = undefined;
});

describe('Ferry against the official OpenAPI spec', () => {
  it('a missing spec fails loudly under CI=true, and only there', () => {
    expect(() => requireSpecInCi({ CI: 'true' }, false, '/nowhere/openapi.yaml')).toThrow(
      /CI=true but the OpenAPI spec is missing at \/nowhere\/openapi\.yaml/,
    );
    expect(() => requireSpecInCi({}, false, '/nowhere/openapi.yaml')).not.toThrow();
    // The real check: in CI the spec must be there (sharedValidator() throws the same way).
    requireSpecInCi();
  });

  it.skipIf(!specAvailable)(
    'every request of a whole demo clone, and every answer, validates against the spec',
    async () => {
      const violations: string[] = [];
      world = await startSandboxWorld({
        seed: 'demo',
        core: { clientOptions: { fetch: validatingFetch('http://sandbox/v1', violations, { requests: true }) } },
      });
      const plan = await world.core.call('clone.plan', { from: 'Acme Production', to: 'Acme Staging', all: true });
      const job = await world.core.jobs.wait((await world.core.call('clone.apply', { planId: plan.id })).id);
      expect(job.state).toBe('done');
      expect(violations).toEqual([]);
    },
  );
});

if (!specAvailable) console.log(`OpenAPI spec not found at ${specPath}: skipping Ferry's request validation.`);
