import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCliWorld, type CliWorld } from '../../support/cli-world.ts';
import { runFerry } from '../../support/run-ferry.ts';
import { ferry, sdkFor, writes } from './in-process.ts';

const RO = 'Acme Production';
const RW = 'Acme Staging';
let world: CliWorld;
let dir: string;
/** Real ids in the read-only org, so a refusal can only be for being read-only. */
let ids: { assistant: string; store: string; storeFile: string; file: string };
let rwStore: string;
let rwFile: string;
let rwAssistant: string;

beforeAll(async () => {
  world = await startCliWorld({ ingestionMs: 50, readOnly: [RO] });
  const objects = world.sandbox.control.objects(RO);
  const store = objects.vectorStores[0]!;
  ids = {
    assistant: objects.assistants[0]!['id'] as string,
    store: store['id'] as string,
    storeFile: store.files[0]!['id'] as string,
    file: objects.files[0]!['id'] as string,
  };
  dir = mkdtempSync(join(tmpdir(), 'ferry-guards-cli-'));
  writeFileSync(join(dir, 'a.md'), '# A\n');
  writeFileSync(join(dir, 'body.json'), JSON.stringify({ model: 'gpt-4o', name: 'Never' }));
  const rw = sdkFor(world, RW);
  rwStore = (await rw.vectorStores.create({ name: 'Scratch' })).id;
  rwFile = (await rw.files.create({ file: new File(['# B\n'], 'b.md'), purpose: 'assistants' })).id;
  await rw.vectorStores.files.create(rwStore, { file_id: rwFile });
  rwAssistant = (await rw.beta.assistants.create({ model: 'gpt-4o', name: 'Keep me' })).id;
});
afterAll(async () => {
  await world.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Every verb that writes, aimed at the read-only connection (ids are read once the world is up). */
const writeVerbs: [string, () => string[]][] = [
  ['assistants create', () => ['assistants', 'create', '--file', join(dir, 'body.json')]],
  ['assistants update', () => ['assistants', 'update', ids.assistant, '--set', 'name=Changed']],
  ['assistants update --set metadata', () => ['assistants', 'update', ids.assistant, '--set', 'metadata.owner=ana']],
  ['assistants delete', () => ['assistants', 'delete', ids.assistant, '--yes']],
  ['vector-stores create', () => ['vector-stores', 'create', '--name', 'Never']],
  ['vector-stores rename', () => ['vector-stores', 'rename', ids.store, 'Never']],
  ['vector-stores delete', () => ['vector-stores', 'delete', ids.store, '--yes']],
  ['vector-stores add', () => ['vector-stores', 'add', ids.store, ids.file]],
  ['vector-stores upload', () => ['vector-stores', 'upload', ids.store, join(dir, 'a.md')]],
  ['vector-stores remove', () => ['vector-stores', 'remove', ids.store, ids.storeFile, '--yes']],
  ['vector-stores retry', () => ['vector-stores', 'retry', ids.store, ids.storeFile]],
  ['files upload', () => ['files', 'upload', join(dir, 'a.md')]],
  ['files delete', () => ['files', 'delete', ids.file, '--yes']],
  ['files unused', () => ['files', 'unused', '--delete', '--yes']],
];

describe('a read-only connection: every write verb exits 2 and sends nothing', () => {
  it.each(writeVerbs)('%s', async (_name, lazy) => {
    const args = lazy();
    world.sandbox.control.clearRequestCounts();
    // Without --yes and at a terminal too: the refusal comes before any question.
    const run = await ferry(world, [...args, '--conn', RO], { stdinTTY: true, input: 'y\n' });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain(
      '"Acme Production" is a read-only connection, so Ferry will not change anything in it.',
    );
    expect(run.stderr).not.toContain('[y/N]');
    // Not a write, and not even a read: the sandbox saw no request at all.
    expect(world.sandbox.control.requestCounts(RO)).toEqual({});
  });

  it('through the real process too (exit code end to end)', async () => {
    world.sandbox.control.clearRequestCounts();
    const run = await runFerry(['vector-stores', 'delete', ids.store, '--yes', '--conn', RO], { env: world.env });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain('read-only connection');
    expect(writes(world)).toEqual([]);
  });
});

describe('a delete off a terminal without --yes: exit 2, nothing deleted', () => {
  const deletes: [string, () => string[]][] = [
    ['assistants delete', () => ['assistants', 'delete', rwAssistant]],
    ['vector-stores delete', () => ['vector-stores', 'delete', rwStore]],
    ['vector-stores remove', () => ['vector-stores', 'remove', rwStore, rwFile]],
    ['files delete', () => ['files', 'delete', rwFile]],
    ['files unused', () => ['files', 'unused', '--delete']],
  ];
  it.each(deletes)('%s', async (_name, lazy) => {
    const args = lazy();
    world.sandbox.control.clearRequestCounts();
    const run = await ferry(world, [...args, '--conn', RW]);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/not at a terminal, so there is no one to confirm: pass --yes/);
    expect(writes(world)).toEqual([]);
  });

  it('with a pipe for stdin in a real process', async () => {
    world.sandbox.control.clearRequestCounts();
    const run = await runFerry(['files', 'delete', rwFile, '--conn', RW], { env: world.env, input: 'y\n' });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain('pass --yes');
    expect(writes(world)).toEqual([]);
    expect((await sdkFor(world, RW).files.retrieve(rwFile)).id).toBe(rwFile);
  });

  afterAll(async () => {
    // Everything the refused deletes named is still there.
    const rw = sdkFor(world, RW);
    expect((await rw.beta.assistants.retrieve(rwAssistant)).name).toBe('Keep me');
    expect((await rw.vectorStores.files.list(rwStore)).data.map((f) => f.id)).toEqual([rwFile]);
  });
});
