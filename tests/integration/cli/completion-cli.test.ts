import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completionOf } from '../../../electron/cli/completion-scripts.ts';
import { commands } from '../../../electron/cli/commands/index.ts';
import { ferry } from './in-process.ts';

/** Help and completion open no core: no world is needed. */
const runFerry = (args: string[]) => ferry({ env: {} }, args);

let dir: string;
let script: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ferry-completion-'));
  const run = await runFerry(['completion', 'bash']);
  expect(run.code, run.stderr).toBe(0);
  script = join(dir, 'ferry.bash');
  writeFileSync(script, run.stdout);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What bash offers after `ferry WORDS…` (the last word is the one being completed). */
function complete(...words: string[]): string[] {
  const line = ['ferry', ...words].map((w) => `'${w}'`).join(' ');
  const out = execFileSync(
    'bash',
    [
      '-c',
      `source "$1"; COMP_WORDS=(${line}); COMP_CWORD=${words.length}; _ferry_complete; printf '%s\\n' "\${COMPREPLY[@]}"`,
      'bash',
      script,
    ],
    { cwd: dir, encoding: 'utf8' },
  );
  return out.split('\n').filter(Boolean);
}

describe('ferry completion bash, run in a real bash', () => {
  it('completes commands, verbs, flags and flag values', () => {
    expect(complete('vec')).toEqual(['vector-stores']);
    expect(complete('vector-stores', 're')).toEqual(['rename', 'remove', 'retry']);
    expect(complete('files', 'unused', '--p')).toEqual(['--purpose']);
    expect(complete('files', 'upload', '--purpose', 'fi')).toEqual(['fine-tune']);
    expect(complete('vector-stores', 'files', 'vs_1', '--status', '')).toEqual([
      'in_progress',
      'completed',
      'failed',
      'cancelled',
    ]);
    // The older commands are completed from their usage text.
    expect(complete('connections', 'add', '--key-')).toEqual(['--key-stdin', '--key-env']);
    expect(complete('clone', '--model')).toEqual(['--model-map']);
  });

  it('offers every verb and every flag the definitions hold: nothing is kept by hand', () => {
    for (const command of commands) {
      const spec = completionOf(command);
      for (const verb of spec.verbs) {
        expect(complete(command.name, verb.name), `${command.name} ${verb.name}`).toContain(verb.name);
        expect(complete(command.name, verb.name, '--').sort(), `${command.name} ${verb.name}`).toEqual(
          verb.flags.map((f) => `--${f.name}`).sort(),
        );
      }
    }
  });
});

describe('ferry completion zsh, help and bad input', () => {
  it('prints a zsh script with every command and verb described', async () => {
    const run = await runFerry(['completion', 'zsh']);
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith('#compdef ferry\n')).toBe(true);
    expect(run.stdout).toContain("'vector-stores:Manage vector stores and their files\\: create, rename");
    expect(run.stdout).toMatch(/upload\)\n\s+flags=\(--attr --chunking --no-wait --purpose --conn --json --help\)/);
    expect(run.stdout).toContain('compdef _ferry ferry');
  });

  it("shows each verb's own help", async () => {
    const run = await runFerry(['vector-stores', 'search', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^Usage: ferry vector-stores search ID QUERY \[--filter KEY=VALUE…\] \[--max N\] --conn N \[--json\]\n/,
    );
    expect(run.stdout).toContain('--filter KEY=VALUE…');
    const whole = await runFerry(['assistants', '--help']);
    expect(whole.stdout).toContain('ferry assistants update ID [--file F] [--set FIELD=VALUE…] --conn N [--json]');
    expect(whole.stdout).toContain('metadata 16 pairs, keys up to 64 characters');
  });

  it('refuses an unknown shell with exit 2', async () => {
    const run = await runFerry(['completion', 'fish']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('say which shell: bash or zsh (got "fish")');
  });
});
