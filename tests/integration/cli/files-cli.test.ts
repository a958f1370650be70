import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeedObject } from 'ferry-sandbox';
import { startCliWorld, type CliWorld } from '../../support/cli-world.ts';
import { ferry, sdkFor, writes } from './in-process.ts';

const ORG = 'Archive Org';
/** Ages come from the seed (the server's created_at), so "older than 30 days" needs no waiting and no clock. */
const seed: SeedObject = {
  tenants: [
    {
      name: ORG,
      models: ['gpt-4o'],
      files: [
        { ref: 'old-a', filename: 'old-notes.md', purpose: 'assistants', content: 'old notes', ageDays: 40 },
        { ref: 'old-b', filename: 'old-batch.jsonl', purpose: 'batch', content: '{"custom_id":"1"}', ageDays: 90 },
        { ref: 'old-used', filename: 'old-used.md', purpose: 'assistants', content: 'used by a store', ageDays: 60 },
        { ref: 'old-code', filename: 'old-code.csv', purpose: 'assistants', content: 'a,b', ageDays: 60 },
        { ref: 'new', filename: 'new-notes.md', purpose: 'assistants', content: 'new notes', ageDays: 3 },
      ],
      vectorStores: [{ ref: 'kb', name: 'Knowledge', files: [{ file: 'old-used' }] }],
      assistants: [
        { name: 'Analyst', model: 'gpt-4o', tools: [{ type: 'code_interpreter' }], codeInterpreterFiles: ['old-code'] },
      ],
    },
  ],
};

let world: CliWorld;
let sdk: OpenAI;
let dir: string;
const idOf = async (filename: string) => (await sdk.files.list()).data.find((f) => f.filename === filename)!.id;

beforeAll(async () => {
  world = await startCliWorld({ seed, ingestionMs: 50 });
  sdk = sdkFor(world, ORG);
  dir = mkdtempSync(join(tmpdir(), 'ferry-files-cli-'));
});
afterAll(async () => {
  await world.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('ferry files unused: older than N days, by purpose, then deleted', () => {
  it('lists the files no store and no assistant uses, created at least N days ago', async () => {
    const run = await ferry(world, ['files', 'unused', '--older-than', '30', '--conn', ORG, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const unused = run.json<{ files: { filename: string }[]; total: number; assistantsChecked: boolean }>();
    expect(unused.files.map((f) => f.filename).sort()).toEqual(['old-batch.jsonl', 'old-notes.md']);
    expect(unused).toMatchObject({ total: 5, assistantsChecked: true });

    const assistantsOnly = await ferry(world, [
      'files',
      'unused',
      '--older-than',
      '30',
      '--purpose',
      'assistants',
      '--conn',
      ORG,
    ]);
    expect(assistantsOnly.stdout).toMatch(
      /^ID\s+FILENAME\s+PURPOSE\s+SIZE\s+CREATED\nfile-\w+\s+old-notes\.md\s+assistants/,
    );
    expect(assistantsOnly.stdout).not.toContain('old-batch');
    const all = await ferry(world, ['files', 'unused', '--conn', ORG, '--json']);
    expect(
      all
        .json<{ files: { filename: string }[] }>()
        .files.map((f) => f.filename)
        .sort(),
    ).toEqual(['new-notes.md', 'old-batch.jsonl', 'old-notes.md']);
  });

  it('asks at a terminal, listing them; "no" deletes nothing', async () => {
    world.sandbox.control.clearRequestCounts();
    const run = await ferry(world, ['files', 'unused', '--older-than', '30', '--delete', '--conn', ORG], {
      stdinTTY: true,
      input: 'n\n',
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(
      /These 2 unused files will be deleted from the org .* in "Archive Org":\n {2}file-\w+ {2}old-/,
    );
    expect(run.stderr).toContain('Delete these 2? [y/N]');
    expect(run.stderr).toContain('Nothing was deleted.');
    expect(writes(world)).toEqual([]);
  });

  it('deletes them after "y" at the terminal; the rest stay', async () => {
    const run = await ferry(world, ['files', 'unused', '--older-than', '30', '--delete', '--conn', ORG, '--json'], {
      stdinTTY: true,
      input: 'y\n',
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.json<{ deleted: string[] }>().deleted).toHaveLength(2);
    expect((await sdk.files.list()).data.map((f) => f.filename).sort()).toEqual([
      'new-notes.md',
      'old-code.csv',
      'old-used.md',
    ]);
  });
});

describe('ferry files upload, download and delete', () => {
  it('uploads with a bar at a terminal, and lines elsewhere', async () => {
    writeFileSync(join(dir, 'report.jsonl'), '{"custom_id":"r1"}\n');
    writeFileSync(join(dir, 'notes.md'), '# Notes\n');
    const tty = await ferry(
      world,
      ['files', 'upload', join(dir, 'report.jsonl'), '--purpose', 'batch', '--conn', ORG, '--json'],
      { stderrTTY: true },
    );
    expect(tty.code, tty.stderr).toBe(0);
    // At a terminal: a bar redrawn in place (carriage return, erase line), then the line that stays.
    const redraw = '\r\x1b[K';
    const frames = tty.stderr.split(redraw);
    expect(frames.some((frame) => /^\[#+-*\] +\d+% report\.jsonl/.test(frame))).toBe(true);
    expect(frames.at(-1)).toMatch(/^Uploaded report\.jsonl as file-\w+\n$/);
    const [file] = tty.json<{ uploaded: { id: string; purpose: string }[] }>().uploaded;
    expect(await sdk.files.retrieve(file!.id)).toMatchObject({ filename: 'report.jsonl', purpose: 'batch', bytes: 19 });

    const lines = await ferry(world, ['files', 'upload', join(dir, 'notes.md'), '--conn', ORG]);
    expect(lines.code, lines.stderr).toBe(0);
    expect(lines.stderr).toMatch(/^Uploading notes\.md \(8 B\)\nUploaded notes\.md as file-\w+\n$/);
    expect(lines.stdout).toBe('Uploaded 1 of 1 file.\n');
  });

  it('downloads where the purpose allows, never replacing a file, and says why not where it does not', async () => {
    const id = await idOf('report.jsonl');
    const out = join(dir, 'copy.jsonl');
    const run = await ferry(world, ['files', 'download', id, '--out', out, '--conn', ORG, '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe('{"custom_id":"r1"}\n');
    expect(run.json()).toEqual({ fileId: id, path: out, bytes: 19 });

    const again = await ferry(world, ['files', 'download', id, '--out', out, '--conn', ORG]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('exists already');

    const refused = await ferry(world, [
      'files',
      'download',
      await idOf('notes.md'),
      '--out',
      join(dir, 'x.md'),
      '--conn',
      ORG,
    ]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('OpenAI does not allow downloading files of purpose "assistants"');
  });

  it('deletes named files after --yes, and refuses an unknown id having deleted nothing', async () => {
    const id = await idOf('notes.md');
    world.sandbox.control.clearRequestCounts();
    const unknown = await ferry(world, ['files', 'delete', id, 'file-nope', '--yes', '--conn', ORG]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('"Archive Org" has no file file-nope; nothing was deleted.');
    expect(writes(world)).toEqual([]);

    const run = await ferry(world, ['files', 'delete', id, '--yes', '--conn', ORG]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('Deleted 1 of 1 file in "Archive Org".\n');
    await expect(sdk.files.retrieve(id)).rejects.toMatchObject({ status: 404 });
  });

  it('asks before deleting, naming what uses each file (read fresh), and deletes nothing on no', async () => {
    const [used, code, loose] = await Promise.all([idOf('old-used.md'), idOf('old-code.csv'), idOf('new-notes.md')]);
    world.sandbox.control.clearRequestCounts();
    const run = await ferry(world, ['files', 'delete', used, code, loose, '--conn', ORG], {
      stdinTTY: true,
      input: 'n\n',
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(
      `These 3 files will be deleted from the org (and from every store that holds them) in "${ORG}":`,
    );
    expect(run.stderr).toMatch(new RegExp(`${used}  old-used\\.md .*\\n\\s+used by: Vector store Knowledge\\n`));
    expect(run.stderr).toMatch(
      new RegExp(`${code}  old-code\\.csv .*\\n\\s+used by: Assistant Analyst \\(code interpreter\\)\\n`),
    );
    expect(run.stderr).toMatch(new RegExp(`${loose}  new-notes\\.md .*\\n\\s+used by no store or assistant\\n`));
    expect(run.stderr).toContain('Delete these 3?');
    expect(run.stderr).toContain('Nothing was deleted.');
    expect(writes(world)).toEqual([]);
  });

  it('bad input names the flag', async () => {
    for (const [args, message] of [
      [['files', 'upload', join(dir, 'notes-gone.md')], /does not exist/],
      [['files', 'upload', dir], /is not a regular file \(a folder/],
      [
        ['files', 'upload', join(dir, 'report.jsonl'), '--purpose', 'assistants_output'],
        /--purpose must be one of assistants, batch/,
      ],
      [['files', 'unused', '--older-than', 'thirty'], /--older-than must be a whole number/],
      [['files', 'unused', '--purpose', 'nonsense'], /--purpose must be one of/],
    ] as const) {
      const run = await ferry(world, [...args, '--conn', ORG]);
      expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(2);
      expect(run.stderr).toMatch(message);
    }
  });
});
