import { parseArgs } from 'node:util';
import { CloneRequest, type ClonePlan, type CloneRequestParsed } from '../../shared/clone.ts';
import { describeIssues } from '../../shared/errors.ts';
import type { ClientOptions } from '../core/connections/client-factory.ts';
import { UsageError } from './command.ts';
import { deadlineClientOptions, deadlineHelp, deadlineOption } from './deadline-flag.ts';

export const cloneOptions = {
  from: { type: 'string' },
  to: { type: 'string' },
  assistant: { type: 'string', multiple: true },
  'vector-store': { type: 'string', multiple: true },
  agent: { type: 'string', multiple: true },
  all: { type: 'boolean', default: false },
  'files-dir': { type: 'string' },
  'on-conflict': { type: 'string' },
  'model-map': { type: 'string', multiple: true },
  json: { type: 'boolean', default: false },
  yes: { type: 'boolean', default: false },
  ...deadlineOption,
} as const;

export const cloneFlagsHelp = [
  '  --from A                source connection (name or id)',
  '  --to B                  destination connection (name or id)',
  '  --assistant ID          an assistant to clone (repeat for more)',
  '  --vector-store ID       a vector store to clone on its own (repeat for more)',
  '  --agent ID              an agent to clone into a destination that serves agents (repeat for more)',
  '  --all                   every assistant, agent and vector store of the source',
  '  --files-dir DIR         a folder holding original files, matched by filename and size',
  '  --on-conflict MODE      an assistant cloned before: update (default), new or skip',
  '  --model-map SRC=DST     use model DST where the source uses SRC (repeat for more)',
  deadlineHelp,
  '  --json                  machine-readable output',
].join('\n');

export function parseCloneArgs(args: string[]): {
  request: CloneRequestParsed;
  json: boolean;
  yes: boolean;
  clientOptions: ClientOptions;
} {
  let values;
  try {
    ({ values } = parseArgs({ args, options: cloneOptions, strict: true }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (!values.from) throw new UsageError('--from is required: the source connection.');
  if (!values.to) throw new UsageError('--to is required: the destination connection.');
  const modelMap: Record<string, string> = {};
  for (const entry of values['model-map'] ?? []) {
    const match = /^([^=\s]+)=([^=\s]+)$/.exec(entry.trim());
    if (!match)
      throw new UsageError(
        `--model-map must look like SOURCE_MODEL=DESTINATION_MODEL, e.g. gpt-4.1=gpt-4o (got "${entry}").`,
      );
    modelMap[match[1]!] = match[2]!;
  }
  // An empty folder is a mistake (an unset variable, `--files-dir "$DIR"`), not "no folder": refuse it.
  if (values['files-dir'] !== undefined && values['files-dir'].trim() === '') {
    throw new UsageError(
      '--files-dir is empty: give the folder that holds the original files (e.g. --files-dir ./originals), or leave the flag out.',
    );
  }
  const onConflict = values['on-conflict'];
  if (onConflict !== undefined && !['update', 'new', 'skip'].includes(onConflict)) {
    throw new UsageError(`--on-conflict must be update, new or skip (got "${onConflict}").`);
  }
  const parsed = CloneRequest.safeParse({
    from: values.from,
    to: values.to,
    assistants: values.assistant ?? [],
    vectorStores: values['vector-store'] ?? [],
    agents: values.agent ?? [],
    all: values.all,
    ...(values['files-dir'] === undefined ? {} : { filesDir: values['files-dir'] }),
    ...(onConflict ? { onConflict } : {}),
    modelMap,
  });
  if (!parsed.success)
    throw new UsageError(
      describeIssues(parsed.error.issues).message.replace('assistants: Nothing selected', 'Nothing selected'),
    );
  if (
    parsed.data.all &&
    (parsed.data.assistants.length > 0 || parsed.data.vectorStores.length > 0 || parsed.data.agents.length > 0)
  ) {
    throw new UsageError('--all clones everything; leave out --assistant, --agent and --vector-store, or drop --all.');
  }
  return {
    request: parsed.data,
    json: values.json,
    yes: values.yes,
    clientOptions: deadlineClientOptions(values['request-deadline']),
  };
}

/**
 * A --model-map entry for a model no planned assistant uses is a typo or a stale script (it would map
 * nothing, silently): bad input, refused before anything is applied.
 */
export function assertModelMapUsed(plan: ClonePlan, modelMap: Record<string, string>): void {
  const used = [...new Set([...plan.assistants, ...(plan.agents ?? [])].map((a) => a.model.source))].sort();
  for (const [source, destination] of Object.entries(modelMap)) {
    if (used.includes(source)) continue;
    const what =
      (plan.agents ?? []).length > 0
        ? { one: 'assistant or agent', all: 'assistants and agents' }
        : { one: 'assistant', all: 'assistants' };
    const instead =
      used.length > 0 ? `the ${what.all} in this plan use ${used.join(', ')}` : `this plan clones no ${what.all}`;
    throw new UsageError(
      `--model-map ${source}=${destination}: no ${what.one} in this plan uses the model "${source}" (${instead}). Drop that --model-map, or name a model the source uses.`,
    );
  }
}
