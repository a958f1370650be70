import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CHUNKING_OTHER_NOTE } from '../../../electron/core/clone/chunking.ts';
import type { SeedObject } from 'ferry-sandbox';
import { startSandboxWorld, type SandboxWorld } from '../../support/sandbox-core.ts';

/** A source org with what the real API answers and a naive sandbox would not. */
const seed: SeedObject = {
  tenants: [
    {
      name: 'Source',
      models: ['gpt-4o'],
      files: [
        { ref: 'twin-a', filename: 'notes.md', purpose: 'assistants', content: '# Notes A\n' },
        { ref: 'twin-b', filename: 'notes.md', purpose: 'assistants', content: '# Notes B\n' },
        {
          ref: 'old',
          filename: 'indexed-2023.md',
          purpose: 'assistants',
          content: '# Old\nIndexed before chunking strategies.\n',
        },
        { ref: 'leads', filename: 'leads.csv', purpose: 'assistants', content: 'name,email\nA,a@example.com\n' },
        { ref: 'chart', filename: 'chart.csv', purpose: 'assistants_output', content: 'x,y\n1,2\n' },
        { ref: 'train', filename: 'train.jsonl', purpose: 'fine-tune', content: '{"messages":[]}\n' },
        {
          ref: 'guide',
          filename: 'tuning-guide.md',
          purpose: 'fine-tune',
          content: '# Tuning guide\nKeep examples short.\n',
        },
      ],
      vectorStores: [
        { ref: 'twins', name: 'Twins', files: [{ file: 'twin-a' }, { file: 'twin-b' }] },
        // leads.csv failed ingestion (CSV is not searchable): it is left out, and must not be uploaded either.
        {
          ref: 'legacy',
          name: 'Legacy',
          files: [{ file: 'old', chunking_strategy: { type: 'other' } }, { file: 'leads' }],
        },
        { ref: 'tuning', name: 'Tuning', files: [{ file: 'guide' }] },
      ],
      assistants: [
        {
          name: 'Charts',
          model: 'gpt-4o',
          tools: [{ type: 'code_interpreter' }],
          codeInterpreterFiles: ['chart', 'train'],
        },
      ],
    },
    { name: 'Dest', models: ['gpt-4o'] },
  ],
};

let world: SandboxWorld | undefined;
afterEach(async () => {
  await world?.stop();
  world = undefined;
});

const sourceId = (w: SandboxWorld, kind: 'vectorStores' | 'assistants', name: string) =>
  w.sandbox.control.objects('Source')[kind].find((o) => o['name'] === name)!['id'] as string;

async function clone(
  w: SandboxWorld,
  selection: { vectorStores?: string[]; assistants?: string[]; filesDir?: string },
  beforeApply?: () => void,
) {
  const plan = await w.core.call('clone.plan', { from: 'Source', to: 'Dest', ...selection });
  beforeApply?.();
  const job = await w.core.jobs.wait((await w.core.call('clone.apply', { planId: plan.id })).id);
  return { plan, job, dest: w.sandbox.control.objects('Dest') };
}

describe('clones of what the real API answers', () => {
  it('a store whose file answers chunking "other" clones with auto chunking, noted in the plan; a file that failed ingestion is not uploaded', async () => {
    world = await startSandboxWorld({ seed });
    const { plan, job, dest } = await clone(world, { vectorStores: [sourceId(world, 'vectorStores', 'Legacy')] });
    const [store] = plan.vectorStores;
    expect(store!.files).toHaveLength(1);
    expect(store!.files[0]).toMatchObject({ chunkingStrategy: { type: 'auto' }, note: CHUNKING_OTHER_NOTE });
    expect(plan.files.map((f) => f.filename)).toEqual(['indexed-2023.md']);
    expect(job.state).toBe('done');
    // The change of chunking was planned and noted, so verify does not count it as a difference.
    expect(job.verify?.clean).toBe(true);
    const legacy = dest.vectorStores.find((s) => s['name'] === 'Legacy')!;
    expect(legacy.files.map((f) => [f['status'], f['chunking_strategy']])).toEqual([
      ['completed', { type: 'static', static: { max_chunk_size_tokens: 800, chunk_overlap_tokens: 400 } }],
    ]);
    // No orphan: the failed file was neither attached nor created.
    expect(dest.files.map((f) => f['filename'])).toEqual(['indexed-2023.md']);
  });

  it('an assistants_output code-interpreter file is carried into the clone, uploaded as assistants', async () => {
    world = await startSandboxWorld({ seed });
    const { plan, job, dest } = await clone(world, { assistants: [sourceId(world, 'assistants', 'Charts')] });
    const chart = plan.files.find((f) => f.filename === 'chart.csv')!;
    expect(chart).toMatchObject({ action: 'create', byteSource: 'download', purpose: 'assistants_output' });
    expect(chart.reason).toMatch(/cannot be uploaded; the copy is uploaded as "assistants"/);
    expect(job.state).toBe('done');
    const charts = dest.assistants.find((a) => a['name'] === 'Charts')!;
    const ids = (charts['tool_resources'] as { code_interpreter: { file_ids: string[] } }).code_interpreter.file_ids;
    const carried = dest.files
      .filter((f) => ids.includes(f['id'] as string))
      .map((f) => [f['filename'], f['purpose']])
      .sort();
    expect(carried).toEqual([
      ['chart.csv', 'assistants'],
      ['train.jsonl', 'fine-tune'],
    ]);
    expect(job.verify?.clean).toBe(true);
  });

  it('a store with two files of one name and size clones both', async () => {
    world = await startSandboxWorld({ seed });
    const { plan, job, dest } = await clone(world, { vectorStores: [sourceId(world, 'vectorStores', 'Twins')] });
    expect(plan.files.map((f) => [f.filename, f.bytes])).toEqual([
      ['notes.md', 10],
      ['notes.md', 10],
    ]);
    expect(job.state).toBe('done');
    const twins = dest.vectorStores.find((s) => s['name'] === 'Twins')!;
    expect(twins.files).toHaveLength(2);
    expect(new Set(twins.files.map((f) => f['id'])).size).toBe(2);
    expect(dest.files.filter((f) => f['filename'] === 'notes.md')).toHaveLength(2);
  });
});

describe('a download refused at run time for a purpose Ferry thought downloadable', () => {
  const refuseFineTune = (w: SandboxWorld) => () => w.sandbox.control.setRefusedDownloads('Source', ['fine-tune']);

  it('falls through to the files folder, and the refusal is remembered for the connection', async () => {
    world = await startSandboxWorld({ seed });
    const folder = join(world.home, 'originals');
    mkdirSync(folder);
    writeFileSync(join(folder, 'train.jsonl'), '{"messages":[]}\n');
    const { plan, job, dest } = await clone(
      world,
      { assistants: [sourceId(world, 'assistants', 'Charts')], filesDir: folder },
      refuseFineTune(world),
    );
    expect(plan.files.find((f) => f.filename === 'train.jsonl')?.byteSource).toBe('download');
    expect(job.state).toBe('done');
    expect(job.items.find((i) => i.label === 'train.jsonl')?.state).toBe('done');
    expect(dest.files.map((f) => f['filename']).sort()).toEqual(['chart.csv', 'train.jsonl']);
    // The next plan goes to the other sources straight away: the parsed text of a store that indexed it.
    const source = await world.core.gateways.get('Source');
    expect(source.files.downloads.refuses('fine-tune')).toBe(true);
    const next = await world.core.call('clone.plan', {
      from: 'Source',
      to: 'Dest',
      vectorStores: [sourceId(world, 'vectorStores', 'Tuning')],
    });
    expect(next.files.map((f) => [f.filename, f.byteSource])).toEqual([['tuning-guide.md', 'reconstruct']]);
  });

  it('falls through to the parsed text of a store that indexed it', async () => {
    world = await startSandboxWorld({ seed });
    const { job, dest } = await clone(
      world,
      { vectorStores: [sourceId(world, 'vectorStores', 'Tuning')] },
      refuseFineTune(world),
    );
    expect(job.state).toBe('done');
    expect(job.items.find((i) => i.label === 'tuning-guide.md')).toMatchObject({ state: 'done' });
    const tuning = dest.vectorStores.find((s) => s['name'] === 'Tuning')!;
    expect(tuning.files).toHaveLength(1);
    expect(dest.files.map((f) => f['filename'])).toEqual(['tuning-guide.md']);
  });

  it('with no other source, the file is skipped with the reason and the rest goes on', async () => {
    world = await startSandboxWorld({ seed });
    const { job, dest } = await clone(
      world,
      { assistants: [sourceId(world, 'assistants', 'Charts')] },
      refuseFineTune(world),
    );
    const train = job.items.find((i) => i.label === 'train.jsonl')!;
    expect(train.state).toBe('skipped');
    expect(train.error).toMatch(
      /refused to download "train\.jsonl" \(files of purpose "fine-tune" cannot be downloaded/,
    );
    expect(train.error).toMatch(/Point Ferry at a folder holding "train\.jsonl"/);
    const charts = dest.assistants.find((a) => a['name'] === 'Charts')!;
    const ids = (charts['tool_resources'] as { code_interpreter: { file_ids: string[] } }).code_interpreter.file_ids;
    expect(dest.files.filter((f) => ids.includes(f['id'] as string)).map((f) => f['filename'])).toEqual(['chart.csv']);
  });
});
