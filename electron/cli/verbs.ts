import type { ShellCore } from '../core/core.ts';
import { UsageError, type CliCommand, type CliContext, type CompletionSpec, type ExitCode } from './command.ts';
import { withCore } from './open-core.ts';
import { parseFlags } from './parse.ts';

/** One flag of a verb: what `parseArgs` needs, plus the words `--help` and shell completion show. */
export interface FlagSpec {
  type: 'string' | 'boolean';
  multiple?: boolean;
  /** The value's placeholder in usage lines (`--out PATH`). */
  value?: string;
  help: string;
  /** The values the flag takes, offered by shell completion. */
  choices?: readonly string[];
  /** Shown in the usage line without brackets. */
  required?: boolean;
}

type Values = Record<string, string | boolean | string[] | boolean[] | undefined>;

/** What a verb's run receives: parsed flags, the positionals, and the core (opened for the call). */
export interface VerbInput {
  values: Values;
  positionals: string[];
  conn: string;
  json: boolean;
  core: ShellCore;
  context: CliContext;
}

/**
 * One verb of a resource command (`ferry vector-stores create`). Its flags are the single definition
 * that parsing, `--help` and `ferry completion` all read, so none of them can drift from the others.
 */
export interface VerbSpec {
  name: string;
  /** The positionals as usage shows them: `ID FILE_ID…`. */
  args: string;
  summary: string;
  flags: Record<string, FlagSpec>;
  /** Checks positionals before the core is opened, so bad input exits 2 having touched nothing. */
  check?(positionals: string[], values: Values): void;
  run(input: VerbInput): Promise<ExitCode>;
}

/** Flags every resource verb takes. */
export const commonFlags: Record<string, FlagSpec> = {
  conn: { type: 'string', value: 'N', help: 'the connection (name or id), as `ferry ls` takes it', required: true },
  json: { type: 'boolean', help: 'machine-readable output: the object created or changed, or a list' },
};

/** The flag every destructive verb takes. */
export const yesFlag: Record<string, FlagSpec> = {
  yes: { type: 'boolean', help: 'do not ask (required when not at a terminal)' },
};

export interface ResourceCommand extends CliCommand {
  completion: CompletionSpec;
  /** The help of one verb, for `ferry NAME VERB --help`. */
  helpFor(args: string[]): string;
}

function flagWords(name: string, spec: FlagSpec): string {
  return spec.type === 'boolean' ? `--${name}` : `--${name} ${spec.value ?? 'VALUE'}${spec.multiple ? '…' : ''}`;
}

function usageLine(command: string, verb: VerbSpec): string {
  const flags = Object.entries({ ...verb.flags, ...commonFlags }).map(([name, spec]) =>
    spec.required ? flagWords(name, spec) : `[${flagWords(name, spec)}]`,
  );
  return ['ferry', command, verb.name, verb.args, ...flags].filter(Boolean).join(' ');
}

function flagTable(flags: Record<string, FlagSpec>): string[] {
  const entries = Object.entries(flags).map(
    ([name, spec]) =>
      [flagWords(name, spec), spec.help + (spec.choices ? `; one of ${spec.choices.join(', ')}` : '')] as const,
  );
  const width = Math.max(...entries.map(([words]) => words.length));
  return entries.map(([words, help]) => `  ${words.padEnd(width)}  ${help}`);
}

const footer = ['', 'Exit codes: 0 done, 1 the operation failed, 2 bad input (nothing written).'];

/** Builds a `ferry NAME VERB …` command from its verbs: parsing, usage, per-verb help and completion data. */
export function resourceCommand(spec: {
  name: string;
  summary: string;
  about: string;
  verbs: VerbSpec[];
}): ResourceCommand {
  const { name, verbs } = spec;
  const usage = [
    'Usage:',
    ...verbs.map((verb) => `  ${usageLine(name, verb)}`),
    '',
    spec.about,
    '',
    `Run \`ferry ${name} VERB --help\` for a verb's flags.`,
    ...footer,
  ].join('\n');
  const verbHelp = (verb: VerbSpec) =>
    [
      `Usage: ${usageLine(name, verb)}`,
      '',
      verb.summary,
      '',
      ...flagTable({ ...verb.flags, ...commonFlags }),
      ...footer,
    ].join('\n');
  const verbNames = verbs.map((verb) => verb.name).join(', ');
  return {
    name,
    summary: spec.summary,
    usage,
    helpFor(args) {
      const verb = verbs.find((candidate) => candidate.name === args[0]);
      return verb ? verbHelp(verb) : usage;
    },
    completion: {
      verbs: verbs.map((verb) => ({
        name: verb.name,
        summary: verb.summary,
        flags: Object.entries<FlagSpec>({ ...verb.flags, ...commonFlags, help: { type: 'boolean', help: '' } }).map(
          ([flag, f]) => ({ name: flag, ...(f.choices ? { choices: f.choices } : {}) }),
        ),
      })),
      flags: [{ name: 'help' }],
    },
    async run(args, context) {
      const [verbName, ...rest] = args;
      const verb = verbs.find((candidate) => candidate.name === verbName);
      if (!verb)
        throw new UsageError(
          verbName ? `unknown verb "${verbName}" (expected ${verbNames}).` : `say what to do: ${verbNames}.`,
        );
      const options = Object.fromEntries(
        Object.entries({ ...verb.flags, ...commonFlags }).map(([flag, f]) => [
          flag,
          { type: f.type, ...(f.multiple ? { multiple: true } : {}) },
        ]),
      ) as Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>;
      const { values, positionals } = parseFlags(rest, options, true);
      const conn = values['conn'];
      if (typeof conn !== 'string' || conn.trim() === '')
        throw new UsageError(`--conn is required: the connection to use (a name from \`ferry connections list\`).`);
      verb.check?.(positionals, values as Values);
      return withCore(context, (core) =>
        verb.run({ values: values as Values, positionals, conn, json: values['json'] === true, core, context }),
      );
    },
  };
}

/** Exactly `count` positionals, or a usage error naming what is missing. */
export function expectArgs(positionals: string[], names: string[], atLeastOneMore?: string): void {
  const missing = names.slice(positionals.length);
  if (missing.length) throw new UsageError(`${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} required.`);
  if (atLeastOneMore && positionals.length === names.length)
    throw new UsageError(`give at least one ${atLeastOneMore}.`);
  if (!atLeastOneMore && positionals.length > names.length)
    throw new UsageError(
      `unexpected "${positionals[names.length]}": this verb takes ${names.join(' ') || 'no arguments'}.`,
    );
}
