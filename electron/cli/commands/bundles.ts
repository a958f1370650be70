import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { FOLDER_REF, MANIFEST_FILE } from '../../../shared/bundle-ref.ts';
import { UsageError, type CliCommand } from '../command.ts';
import { cloneFlagsHelp, cloneOptions } from '../clone-args.ts';
import { cloneCommand } from './clone.ts';

const selection = '(--assistant ID… | --agent ID… | --vector-store ID… | --all)';
const rest = '[--files-dir DIR] [--on-conflict update|new|skip] [--model-map SRC=DST] [--yes] [--json]';

export const exportCommand: CliCommand = {
  name: 'export',
  summary: "Save an org's assistants, vector stores and files into a folder (a bundle)",
  usage: [
    `Usage: ferry export --from A DIR ${selection} ${rest}`,
    '',
    'The short form of `ferry clone --from A --to DIR`: DIR is made a bundle (one JSON file per object, the',
    'bytes of each file and a ferry-bundle.json manifest), made for review in git. DIR need not be a saved',
    'connection; it must be empty, new, or a bundle exported before (which is then brought up to date).',
    '',
    cloneFlagsHelp.replace(/^ {2}--to B .*\n/m, ''),
    '  --yes                   apply without asking (needed when not at a terminal)',
  ].join('\n'),
  run: (args, context) => cloneCommand.run(withFolder(args, 'to', 'export'), context),
};

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'Restore a bundle (or an assistants JSON export) into an org',
  usage: [
    `Usage: ferry import DIR --to B ${selection} ${rest}`,
    '',
    'The short form of `ferry clone --from DIR --to B`: DIR is a bundle Ferry exported, or a JSON file of',
    'assistants as the API listed them ({"object":"list","data":[…]} or an array), read only. The whole',
    'bundle is checked first (its manifest version, every sha256, every object against the API limits);',
    'a problem names the file and nothing is written.',
    '',
    cloneFlagsHelp.replace(/^ {2}--from A .*\n/m, ''),
    '  --yes                   apply without asking (needed when not at a terminal)',
  ].join('\n'),
  run: (args, context) => {
    const folderArgs = withFolder(args, 'from', 'import');
    const path = folderArgs[folderArgs.indexOf('--from') + 1]!.slice(FOLDER_REF.length);
    const isFile = existsSync(path) && statSync(path).isFile();
    if (!isFile && !existsSync(join(path, MANIFEST_FILE))) {
      throw new UsageError(`${path} is not a Ferry bundle: it has no ${MANIFEST_FILE}. Name a folder Ferry exported.`);
    }
    return cloneCommand.run(folderArgs, context);
  },
};

/** The clone arguments: the folder given as DIR becomes `--from`/`--to folder:/absolute/DIR`. */
function withFolder(args: string[], side: 'from' | 'to', verb: string): string[] {
  let tokens;
  try {
    ({ tokens } = parseArgs({ args, options: cloneOptions, strict: true, allowPositionals: true, tokens: true }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const positionals = tokens.filter((t) => t.kind === 'positional');
  if (positionals.length !== 1) {
    throw new UsageError(`\`ferry ${verb}\` takes exactly one folder (DIR), got ${positionals.length}.`);
  }
  if (tokens.some((t) => t.kind === 'option' && t.name === side)) {
    throw new UsageError(
      `--${side} does not go with \`ferry ${verb}\`: the folder DIR is the ${side === 'to' ? 'destination' : 'source'}.`,
    );
  }
  const dir = positionals[0]!;
  const others = args.filter((_arg, index) => index !== dir.index);
  return [...others, `--${side}`, `${FOLDER_REF}${resolve(dir.value)}`];
}
