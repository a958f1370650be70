import { readFileSync } from 'node:fs';
import { API_LIMITS as L } from '../../../shared/api-limits.ts';
import { AssistantCreateBody, AssistantPatch } from '../../../shared/contract/browse.ts';
import { toolLabel, type AssistantView } from '../../../shared/resources.ts';
import { Exit, UsageError } from '../command.ts';
import { assertWritable, confirmDeletion, connectionName, output } from '../guards.ts';
import { checked } from '../key-values.ts';
import { expectArgs, resourceCommand, yesFlag, type VerbSpec } from '../verbs.ts';

/** The body fields an assistant file or `--set` may hold: the contract's own, so nothing else slips by. */
const FIELDS = Object.keys(AssistantPatch.shape);
const TEXT_FIELDS = new Set(['name', 'description', 'instructions', 'model', 'reasoning_effort']);
const NUMBER_FIELDS = new Set(['temperature', 'top_p']);

function describeAssistant(a: AssistantView): string {
  const tools = a.tools.map(toolLabel).join(', ') || 'none';
  const metadata = Object.entries(a.metadata ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  const resources = a.tool_resources;
  return [
    `${a.id}  ${a.name ?? '(unnamed)'} (${a.model})`,
    ...(a.description ? [`  ${a.description}`] : []),
    `  tools: ${tools}`,
    ...(resources?.code_interpreter?.file_ids?.length
      ? [`  code_interpreter files: ${resources.code_interpreter.file_ids.join(', ')}`]
      : []),
    ...(resources?.file_search?.vector_store_ids?.length
      ? [`  file_search stores: ${resources.file_search.vector_store_ids.join(', ')}`]
      : []),
    ...(metadata ? [`  metadata: ${metadata}`] : []),
  ].join('\n');
}

/** An API body from a JSON file: an object with only the API's fields, or a usage error naming the file. */
function readBody(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`--file ${path}: cannot be read; give the path of a JSON file holding the assistant's body.`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--file ${path}: not valid JSON (${(error as Error).message}).`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new UsageError(`--file ${path}: must hold a JSON object, the API's assistant body.`);
  const unknown = Object.keys(body).filter((key) => !FIELDS.includes(key));
  if (unknown.length)
    throw new UsageError(
      `--file ${path}: unknown ${unknown.length === 1 ? 'field' : 'fields'} ${unknown.map((k) => `"${k}"`).join(', ')}; an assistant body holds ${FIELDS.join(', ')}.`,
    );
  return body as Record<string, unknown>;
}

/** `--set field=value` and `--set metadata.KEY=value` (empty value: remove KEY) over a patch. */
function applySets(patch: Record<string, unknown>, sets: string[], current: () => Record<string, string>): void {
  for (const entry of sets) {
    const at = entry.indexOf('=');
    if (at <= 0) throw new UsageError(`--set must look like FIELD=VALUE or metadata.KEY=VALUE (got "${entry}").`);
    const field = entry.slice(0, at);
    const raw = entry.slice(at + 1);
    if (field.startsWith('metadata.')) {
      const key = field.slice('metadata.'.length);
      if (!key) throw new UsageError(`--set metadata.KEY=VALUE needs a KEY (got "${entry}").`);
      const metadata = (patch['metadata'] as Record<string, string> | undefined) ?? { ...current() };
      if (raw === '') delete metadata[key];
      else metadata[key] = raw;
      patch['metadata'] = metadata;
    } else if (!FIELDS.includes(field)) {
      throw new UsageError(`--set ${field}: not an assistant field; use one of ${FIELDS.join(', ')}, or metadata.KEY.`);
    } else if (raw === 'null') {
      patch[field] = null;
    } else if (TEXT_FIELDS.has(field)) {
      patch[field] = raw;
    } else if (NUMBER_FIELDS.has(field)) {
      if (raw.trim() === '' || !Number.isFinite(Number(raw)))
        throw new UsageError(`--set ${field} takes a number (got "${raw}").`);
      patch[field] = Number(raw);
    } else {
      try {
        patch[field] = JSON.parse(raw);
      } catch {
        throw new UsageError(
          `--set ${field} takes JSON, e.g. --set '${field}=${field === 'tools' ? '[{"type":"file_search"}]' : '{…}'}' (got "${raw}").`,
        );
      }
    }
  }
}

const verbs: VerbSpec[] = [
  {
    name: 'get',
    args: 'ID',
    summary: 'Show an assistant: model, tools, tool resources, metadata (--json: every field).',
    flags: {},
    check: (p) => expectArgs(p, ['ID']),
    async run({ core, conn, positionals, json, context }) {
      const assistant = await core.call('assistants.get', { connectionId: conn, assistantId: positionals[0]! });
      output(context, json, assistant, () => describeAssistant(assistant));
      return Exit.ok;
    },
  },
  {
    name: 'create',
    args: '',
    summary:
      "Create an assistant from a JSON file holding the API's create body, checked against the API's limits first.",
    flags: {
      file: {
        type: 'string',
        value: 'F',
        help: 'the JSON body (model, name, instructions, tools, tool_resources, metadata, …)',
        required: true,
      },
    },
    check: (p, values) => {
      expectArgs(p, []);
      if (typeof values['file'] !== 'string')
        throw new UsageError("--file is required: a JSON file holding the assistant's body.");
    },
    async run({ core, conn, values, json, context }) {
      const path = values['file'] as string;
      const body = checked(AssistantCreateBody, readBody(path), `--file ${path}`);
      await assertWritable(core, conn, 'Creating an assistant');
      const created = await core.call('assistants.create', { connectionId: conn, body });
      output(context, json, created, () => `Created assistant ${created.id}.\n${describeAssistant(created)}`);
      return Exit.ok;
    },
  },
  {
    name: 'update',
    args: 'ID',
    summary:
      "Change an assistant from a JSON file (the API's update body) and/or --set FIELD=VALUE and --set metadata.KEY=VALUE.",
    flags: {
      file: { type: 'string', value: 'F', help: 'a JSON file with the fields to change' },
      set: {
        type: 'string',
        multiple: true,
        value: 'FIELD=VALUE',
        help: 'one field (JSON for tools, tool_resources, response_format; null clears); metadata.KEY=VALUE sets one pair, metadata.KEY= removes it',
      },
    },
    check: (p, values) => {
      expectArgs(p, ['ID']);
      if (values['file'] === undefined && values['set'] === undefined)
        throw new UsageError('say what to change: --file F, or --set FIELD=VALUE (repeatable).');
    },
    async run({ core, conn, positionals, values, json, context }) {
      const assistantId = positionals[0]!;
      const patch: Record<string, unknown> = typeof values['file'] === 'string' ? readBody(values['file']) : {};
      const sets = (values['set'] as string[] | undefined) ?? [];
      // Metadata is replaced whole by the API: one pair set means the others are sent as they are.
      const needsCurrent = sets.some((s) => s.startsWith('metadata.')) && patch['metadata'] === undefined;
      await assertWritable(core, conn, `Updating assistant ${assistantId}`);
      const current = needsCurrent
        ? ((await core.call('assistants.get', { connectionId: conn, assistantId })).metadata ?? {})
        : {};
      applySets(patch, sets, () => current);
      const checkedPatch = checked(
        AssistantPatch,
        patch,
        typeof values['file'] === 'string' && sets.length === 0 ? `--file ${values['file']}` : '--set',
      );
      const updated = await core.call('assistants.update', { connectionId: conn, assistantId, patch: checkedPatch });
      output(
        context,
        json,
        updated,
        () =>
          `Updated assistant ${updated.id} (${Object.keys(checkedPatch).join(', ')}).\n${describeAssistant(updated)}`,
      );
      return Exit.ok;
    },
  },
  {
    name: 'delete',
    args: 'ID…',
    summary: 'Delete assistants, after listing them and asking.',
    flags: { ...yesFlag },
    check: (p) => expectArgs(p, [], 'assistant ID'),
    async run({ core, conn, positionals, values, json, context }) {
      await assertWritable(core, conn, 'Deleting assistants');
      const listing = await core.call('assistants.list', { connectionId: conn });
      if (!listing.served) throw new UsageError(listing.message);
      const where = await connectionName(core, conn);
      const ids = [...new Set(positionals)];
      const unknown = ids.filter((id) => !listing.assistants.some((a) => a.id === id));
      if (unknown.length)
        throw new UsageError(`"${where}" has no assistant ${unknown.join(', ')}; nothing was deleted.`);
      const lines = ids.map((id) => {
        const a = listing.assistants.find((assistant) => assistant.id === id)!;
        return `${a.id}  ${a.name ?? '(unnamed)'} (${a.model})`;
      });
      if (
        !(await confirmDeletion(context, {
          yes: values['yes'] === true,
          what: `${ids.length === 1 ? 'This assistant' : `These ${ids.length} assistants`} will be deleted`,
          where,
          lines,
        }))
      )
        return Exit.ok;
      const deleted: string[] = [];
      const failed: { assistantId: string; message: string }[] = [];
      for (const assistantId of ids) {
        try {
          await core.call('assistants.delete', { connectionId: conn, assistantId });
          deleted.push(assistantId);
        } catch (error) {
          failed.push({ assistantId, message: error instanceof Error ? error.message : String(error) });
        }
      }
      output(context, json, { deleted, failed }, () =>
        [
          `Deleted ${deleted.length} of ${ids.length} in "${where}".`,
          ...failed.map((f) => `  failed ${f.assistantId}: ${f.message}`),
        ].join('\n'),
      );
      return failed.length ? Exit.failed : Exit.ok;
    },
  },
];

export const assistantsCommand = resourceCommand({
  name: 'assistants',
  summary: 'Get, create, update and delete assistants (where the server still serves them)',
  about:
    `A body file is the API's own JSON, checked against the API's limits before anything is sent (metadata ${L.metadataPairs} pairs, keys up to ${L.metadataKey} characters, ` +
    `values up to ${L.metadataValue}; up to ${L.tools} tools; up to ${L.codeInterpreterFiles} code_interpreter files; ${L.fileSearchVectorStores} file_search store). ` +
    'Writes are refused on a read-only connection (exit 2, nothing sent).',
  verbs,
});
