import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatBytes } from '../../../shared/format.ts';
import { fileUsers } from '../../../shared/usage-words.ts';
import type { FileView } from '../../../shared/resources.ts';
import { FerryError } from '../../core/errors.ts';
import type { ShellCore } from '../../core/core.ts';
import { Exit, UsageError, type CliContext, type ExitCode } from '../command.ts';
import { assertCanConfirm, assertWritable, confirmDeletion, connectionName, output } from '../guards.ts';
import { wholeNumber } from '../key-values.ts';
import { formatTable } from '../table.ts';
import { PURPOSES, localFiles, purpose, uploadLocalFiles } from '../uploads.ts';
import { expectArgs, resourceCommand, yesFlag, type VerbSpec } from '../verbs.ts';

const date = (epoch: number) => new Date(epoch * 1000).toISOString().slice(0, 10);
const fileLine = (f: FileView) =>
  `${f.id}  ${f.filename} (${formatBytes(f.bytes)}, ${f.purpose}, ${date(f.created_at)})`;
const fileTable = (files: FileView[]) =>
  formatTable(
    ['ID', 'FILENAME', 'PURPOSE', 'SIZE', 'CREATED'],
    files.map((f) => [f.id, f.filename, f.purpose, formatBytes(f.bytes), date(f.created_at)]),
  );

const verbs: VerbSpec[] = [
  {
    name: 'upload',
    args: 'PATH…',
    summary: 'Upload local files to the org, with progress per file; failed files are named with their reasons.',
    flags: {
      purpose: { type: 'string', value: 'P', help: "the files' purpose (default assistants)", choices: PURPOSES },
    },
    check: (p, values) => {
      expectArgs(p, [], 'PATH');
      localFiles(p);
      purpose(values['purpose'] as string | undefined);
    },
    async run({ core, conn, positionals, values, json, context }) {
      await assertWritable(core, conn, 'Uploading files');
      const outcome = await uploadLocalFiles(core, context, {
        conn,
        paths: localFiles(positionals),
        purpose: purpose(values['purpose'] as string | undefined),
        json,
      });
      const files = outcome.uploaded.map((u) => u.file);
      output(context, json, { uploaded: files, failed: outcome.failed }, () =>
        [
          `Uploaded ${files.length} of ${positionals.length} ${positionals.length === 1 ? 'file' : 'files'}.`,
          ...outcome.failed.map((f) => `  failed ${f.path}: ${f.message}`),
        ].join('\n'),
      );
      return outcome.failed.length ? Exit.failed : Exit.ok;
    },
  },
  {
    name: 'download',
    args: 'ID',
    summary: "Save a file's bytes (whole or not at all), where its purpose allows; says why not where it does not.",
    flags: {
      out: {
        type: 'string',
        value: 'PATH',
        help: 'where to save it (default: its filename, in this folder); never replaces a file',
      },
    },
    check: (p) => expectArgs(p, ['ID']),
    async run({ core, conn, positionals, values, json, context }) {
      const fileId = positionals[0]!;
      const described = await core.desktop.describeDownload({ connectionId: conn, fileId, downloadId: randomUUID() });
      if (!described.ok)
        throw new FerryError(
          described.error.code,
          described.error.message,
          described.error.field ? { field: described.error.field } : {},
        );
      const destination = resolve(typeof values['out'] === 'string' ? values['out'] : described.result.filename);
      if (existsSync(destination))
        throw new UsageError(
          `--out: ${destination} exists already; choose another path (Ferry never replaces a file).`,
        );
      const saved = await core.desktop.saveFile(described.result.params, destination);
      if (!saved.ok)
        throw new FerryError(
          saved.error.code,
          saved.error.message,
          saved.error.field ? { field: saved.error.field } : {},
        );
      const result = saved.result as { path: string; bytes: number };
      output(
        context,
        json,
        { fileId, path: result.path, bytes: result.bytes },
        () => `Saved ${described.result.filename} (${formatBytes(result.bytes)}) to ${result.path}.`,
      );
      return Exit.ok;
    },
  },
  {
    name: 'delete',
    args: 'ID…',
    summary: 'Delete files from the org (and so from every store that holds them), after listing them and asking.',
    flags: { ...yesFlag },
    check: (p) => expectArgs(p, [], 'file ID'),
    async run({ core, conn, positionals, values, json, context }) {
      await assertWritable(core, conn, 'Deleting files');
      const all = await core.call('files.list', { connectionId: conn });
      const where = await connectionName(core, conn);
      const ids = [...new Set(positionals)];
      const unknown = ids.filter((id) => !all.some((f) => f.id === id));
      if (unknown.length) throw new UsageError(`"${where}" has no file ${unknown.join(', ')}; nothing was deleted.`);
      const targets = ids.map((id) => all.find((f) => f.id === id)!);
      return deleteFiles({ core, conn, json, context, yes: values['yes'] === true, where, targets, withUsers: true });
    },
  },
  {
    name: 'unused',
    args: '',
    summary: 'List files no vector store and no assistant uses; --delete deletes them (listed, then asked).',
    flags: {
      purpose: {
        type: 'string',
        multiple: true,
        value: 'P',
        help: 'only files of this purpose (repeat for more)',
        choices: PURPOSES,
      },
      'older-than': { type: 'string', value: 'DAYS', help: 'only files created at least DAYS days ago' },
      'ignore-assistants': {
        type: 'boolean',
        help: 'where the Assistants API is retired, list files no store uses anyway',
      },
      delete: { type: 'boolean', help: 'delete the files listed' },
      ...yesFlag,
    },
    check: (p, values) => {
      expectArgs(p, []);
      for (const raw of (values['purpose'] as string[] | undefined) ?? []) purpose(raw);
      wholeNumber(values['older-than'] as string | undefined, '--older-than', 0, 36_500);
    },
    async run({ core, conn, values, json, context }) {
      const destructive = values['delete'] === true;
      if (destructive) {
        await assertWritable(core, conn, 'Deleting unused files');
        assertCanConfirm(context, values['yes'] === true);
      }
      const olderThanDays = wholeNumber(values['older-than'] as string | undefined, '--older-than', 0, 36_500);
      const purposes = values['purpose'] as string[] | undefined;
      const unused = await core.call('files.unused', {
        connectionId: conn,
        ignoreAssistants: values['ignore-assistants'] === true,
        ...(purposes ? { purposes } : {}),
        ...(olderThanDays !== undefined ? { olderThanDays } : {}),
      });
      const where = await connectionName(core, conn);
      if (!destructive) {
        output(context, json, unused, () =>
          [
            ...(unused.message ? [unused.message] : []),
            unused.files.length ? fileTable(unused.files) : `No unused files in "${where}" (of ${unused.total}).`,
          ].join('\n'),
        );
        return Exit.ok;
      }
      if (unused.message) context.stderr.write(`${unused.message}\n`);
      if (unused.files.length === 0) {
        output(context, json, { deleted: [], failed: [] }, () => `No unused files in "${where}"; nothing to delete.`);
        return Exit.ok;
      }
      return deleteFiles({
        core,
        conn,
        json,
        context,
        yes: values['yes'] === true,
        where,
        targets: unused.files,
        what: 'unused ',
      });
    },
  },
];

async function deleteFiles(request: {
  core: ShellCore;
  conn: string;
  json: boolean;
  context: CliContext;
  yes: boolean;
  where: string;
  targets: FileView[];
  what?: string;
  /** Say what uses each file before asking (files found unused are known to have no users). */
  withUsers?: boolean;
}): Promise<ExitCode> {
  const { core, conn, json, context, where, targets } = request;
  const n = targets.length;
  const what = `${n === 1 ? `This ${request.what ?? ''}file` : `These ${n} ${request.what ?? ''}files`} will be deleted from the org (and from every store that holds ${n === 1 ? 'it' : 'them'})`;
  let lines = targets.map(fileLine);
  assertCanConfirm(context, request.yes);
  if (request.withUsers && !request.yes) {
    // Read fresh, as the window's confirmation does: what deleting each file takes away.
    const usage = await core.call('files.usedBy', { connectionId: conn, fileIds: targets.map((f) => f.id) });
    lines = targets.map((file) => {
      const users = usage.files.find((u) => u.fileId === file.id);
      const named = users ? fileUsers(users) : [];
      return `${fileLine(file)}\n    ${named.length ? `used by: ${named.join('; ')}` : 'used by no store or assistant'}`;
    });
    if (usage.message) lines.push(usage.message);
  }
  if (!(await confirmDeletion(context, { yes: request.yes, what, where, lines, count: n }))) return Exit.ok;
  const result = await core.call('files.deleteMany', { connectionId: conn, fileIds: targets.map((f) => f.id) });
  output(context, json, result, () =>
    [
      `Deleted ${result.deleted.length} of ${n} ${n === 1 ? 'file' : 'files'} in "${where}".`,
      ...result.failed.map((f) => `  failed ${f.fileId}: ${f.message}`),
    ].join('\n'),
  );
  return result.failed.length ? Exit.failed : Exit.ok;
}

export const filesCommand = resourceCommand({
  name: 'files',
  summary: 'Upload, download and delete org files; find unused ones',
  about:
    'Files of purpose assistants or user_data cannot be downloaded (the API refuses); download says so. Writes are refused on a read-only connection (exit 2, nothing sent).',
  verbs,
});
