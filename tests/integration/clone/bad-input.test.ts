import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCliWorld, type CliWorld } from '../../support/cli-world.ts';
import { runFerryHere } from '../../support/run-ferry-here.ts';
import { startSandboxWorld } from '../../support/sandbox-core.ts';

const PROD = 'Acme Production';
const STAGING = 'Acme Staging';
let world: CliWorld;
let quoteBuilder: string;
beforeAll(async () => {
  world = await startCliWorld({ readOnly: ['Legacy Cloud'] });
  quoteBuilder = world.sandbox.control.objects(PROD).assistants.find((a) => a['name'] === 'Quote Builder')![
    'id'
  ] as string;
});
afterAll(() => world.stop());

/** Every write any tenant received since the counts were cleared. */
function writes(): string[] {
  return Object.entries(world.sandbox.control.requestCounts())
    .filter(([route, n]) => n > 0 && !route.startsWith('GET'))
    .map(([route]) => route);
}

describe('bad input to ferry plan / clone: a clear error, exit 2, nothing written', () => {
  const cases: Array<[string, () => string[], RegExp]> = [
    [
      'an unknown assistant id',
      () => ['clone', '--from', PROD, '--to', STAGING, '--assistant', 'asst_doesnotexist', '--yes'],
      /"Acme Production" has no assistant with the id asst_doesnotexist/,
    ],
    [
      'an unknown vector store id',
      () => ['clone', '--from', PROD, '--to', STAGING, '--vector-store', 'vs_doesnotexist', '--yes'],
      /has no vector store with the id vs_doesnotexist/,
    ],
    [
      'an unknown connection',
      () => ['clone', '--from', 'Acme Prod', '--to', STAGING, '--all', '--yes'],
      /No connection is named "Acme Prod"/,
    ],
    [
      'a model map to a model the destination lacks',
      () => [
        'clone',
        '--from',
        PROD,
        '--to',
        STAGING,
        '--assistant',
        quoteBuilder,
        '--model-map',
        `ft:gpt-4o-mini-2024-07-18:acme:quotes:AbC123xy=gpt-9`,
        '--yes',
      ],
      /"Acme Staging" has no model "gpt-9"/,
    ],
    [
      'only assistants whose model is missing',
      () => ['clone', '--from', PROD, '--to', STAGING, '--assistant', quoteBuilder, '--yes'],
      /Nothing can be cloned.*has no model "ft:gpt-4o-mini/s,
    ],
    [
      'a read-only destination',
      () => ['clone', '--from', PROD, '--to', 'Legacy Cloud', '--all', '--yes'],
      /"Legacy Cloud" is a read-only connection/,
    ],
    [
      'a malformed --model-map',
      () => ['clone', '--from', PROD, '--to', STAGING, '--all', '--model-map', 'gpt-4o', '--yes'],
      /--model-map must look like SOURCE_MODEL=DESTINATION_MODEL/,
    ],
    [
      'an absent --files-dir',
      () => ['clone', '--from', PROD, '--to', STAGING, '--all', '--files-dir', '/nonexistent/originals', '--yes'],
      /The files folder "\/nonexistent\/originals" does not exist/,
    ],
    ['nothing selected', () => ['plan', '--from', PROD, '--to', STAGING], /Nothing selected/],
    ['the same connection twice', () => ['plan', '--from', PROD, '--to', PROD, '--all'], /same connection/],
    [
      'an unknown --on-conflict',
      () => ['plan', '--from', PROD, '--to', STAGING, '--all', '--on-conflict', 'merge'],
      /--on-conflict must be update, new or skip/,
    ],
    ['no --yes without a terminal', () => ['clone', '--from', PROD, '--to', STAGING, '--all'], /pass --yes/],
    [
      'an empty --files-dir',
      () => ['clone', '--from', PROD, '--to', STAGING, '--all', '--files-dir', '', '--yes'],
      /--files-dir is empty: give the folder that holds the original files/,
    ],
    [
      'a --model-map for a model the source does not use',
      () => ['clone', '--from', PROD, '--to', STAGING, '--all', '--model-map', 'nosuch=gpt-4o', '--yes'],
      /--model-map nosuch=gpt-4o: no assistant in this plan uses the model "nosuch" \(the assistants in this plan use .*gpt-4o.*\)\. Drop that --model-map/,
    ],
    [
      'an unknown job id to resume',
      () => ['resume', 'job-doesnotexist'],
      /There is no job job-doesnotexist\. List jobs with `ferry jobs`/,
    ],
    ['an unknown job id to verify', () => ['verify', 'job-doesnotexist'], /There is no job job-doesnotexist/],
    ['an unknown job id to clean up', () => ['cleanup', 'job-doesnotexist'], /There is no job job-doesnotexist/],
    ['an unknown job id to show', () => ['jobs', 'job-doesnotexist'], /There is no job job-doesnotexist/],
  ];

  it.each(cases)('%s', async (_name, args, message) => {
    world.sandbox.control.clearRequestCounts();
    const run = await runFerryHere(args(), { env: world.env });
    expect(run.stderr).toMatch(message);
    expect(run.code, run.stderr).toBe(2);
    expect(writes()).toEqual([]);
  });
});

describe("bad input to the core's assistant edit", () => {
  it('refuses a 17th metadata key before sending anything, naming the field', async () => {
    const sandboxWorld = await startSandboxWorld({ seed: 'demo' });
    try {
      const prod = sandboxWorld.connections[PROD]!;
      const assistant = sandboxWorld.sandbox.control.objects(PROD).assistants[0]!;
      sandboxWorld.sandbox.control.clearRequestCounts();
      const metadata = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`key${i}`, 'v']));
      const outcome = await sandboxWorld.core.dispatch('assistants.update', {
        connectionId: prod,
        assistantId: assistant['id'],
        patch: { metadata },
      });
      expect(outcome).toMatchObject({
        ok: false,
        error: { code: 'bad_input', field: 'patch.metadata', message: expect.stringMatching(/at most 16 pairs/) },
      });
      expect(Object.keys(sandboxWorld.sandbox.control.requestCounts(PROD))).toEqual([]);
    } finally {
      await sandboxWorld.stop();
    }
  });

  it('plans a clone of an assistant with 16 metadata pairs without the marker, and says so', async () => {
    const sandboxWorld = await startSandboxWorld({ seed: 'demo' });
    try {
      const full = sandboxWorld.sandbox.control
        .objects(PROD)
        .assistants.find((a) => Object.keys(a['metadata'] as object).length === 16)!;
      const plan = await sandboxWorld.core.call('clone.plan', {
        from: PROD,
        to: STAGING,
        assistants: [full['id'] as string],
      });
      expect(plan.assistants[0]).toMatchObject({ markerAdded: false });
      expect(plan.warnings.join(' ')).toMatch(/already has 16 metadata pairs.*id map is the only link/);
    } finally {
      await sandboxWorld.stop();
    }
  });
});
