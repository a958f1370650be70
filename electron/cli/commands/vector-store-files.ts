import { Attributes } from '../../../shared/contract/manage.ts';
import { formatBytes } from '../../../shared/format.ts';
import { ingestFailureInWords, ingestRetryHelps } from '../../../shared/ingest-errors.ts';
import type { VectorStoreFileView } from '../../../shared/resources.ts';
import type { ShellCore } from '../../core/core.ts';
import { Exit, UsageError, type CliContext, type ExitCode } from '../command.ts';
import { assertWritable, confirmDeletion, connectionName, output } from '../guards.ts';
import { allIngested, followIngestion } from '../ingestion.ts';
import { attributePairs, checked, chunking } from '../key-values.ts';
import { formatTable } from '../table.ts';
import { PURPOSES, localFiles, purpose, uploadLocalFiles } from '../uploads.ts';
import { expectArgs, yesFlag, type FlagSpec, type VerbSpec } from '../verbs.ts';

const STATUSES = ['in_progress', 'completed', 'failed', 'cancelled'] as const;

/** How files being added are split (`vector-stores create --file-id`, `add`, `upload`). */
export const chunkingFlag: FlagSpec = {
  type: 'string',
  value: 'auto|static:SIZE:OVERLAP',
  help: 'how the files added are split, in tokens (auto: 800 with 400 overlap)',
};

const attachFlags: Record<string, FlagSpec> = {
  attr: {
    type: 'string',
    multiple: true,
    value: 'KEY=VALUE',
    help: 'an attribute for every file (numbers and true/false are typed; repeat for more)',
  },
  chunking: chunkingFlag,
  'no-wait': { type: 'boolean', help: 'return once the files are added, without following ingestion' },
};

function describeChunking(strategy: unknown): string {
  const s = strategy as
    { type?: string; static?: { max_chunk_size_tokens: number; chunk_overlap_tokens: number } } | undefined;
  if (s?.type === 'static' && s.static)
    return `static ${s.static.max_chunk_size_tokens}/${s.static.chunk_overlap_tokens}`;
  return s?.type ?? '-';
}

function fileRows(files: VectorStoreFileView[], names: Map<string, string>): string {
  return formatTable(
    ['FILE', 'NAME', 'STATUS', 'SIZE', 'CHUNKING', 'ATTRIBUTES', 'ERROR'],
    files.map((f) => [
      f.id,
      names.get(f.id) ?? '?',
      f.status,
      formatBytes(f.usage_bytes),
      describeChunking(f.chunking_strategy),
      Object.entries(f.attributes ?? {})
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(' ') || '-',
      f.last_error?.message ?? '',
    ]),
  );
}

async function fileNames(core: ShellCore, conn: string): Promise<Map<string, string>> {
  return new Map((await core.call('files.list', { connectionId: conn })).map((f) => [f.id, f.filename]));
}

/** After files were attached: follow ingestion (unless --no-wait) and answer for all of them. */
async function finishAttach(
  core: ShellCore,
  context: CliContext,
  request: {
    conn: string;
    vectorStoreId: string;
    fileIds: string[];
    json: boolean;
    wait: boolean;
    failedBefore: number;
    extra?: Record<string, unknown>;
  },
): Promise<ExitCode> {
  const names = await fileNames(core, request.conn);
  if (!request.wait || request.fileIds.length === 0) {
    output(
      context,
      request.json,
      { ...request.extra, fileIds: request.fileIds },
      () =>
        `Added ${request.fileIds.length} ${request.fileIds.length === 1 ? 'file' : 'files'}; ingestion goes on (\`ferry vector-stores files ${request.vectorStoreId} --conn …\` shows it).`,
    );
    return request.failedBefore ? Exit.failed : Exit.ok;
  }
  const outcome = await followIngestion(core, context, { ...request, names });
  const failed = outcome.files.filter((f) => f.status !== 'completed');
  output(context, request.json, { ...request.extra, files: outcome.files, pending: outcome.pending }, () =>
    [
      `${outcome.files.length - failed.length} of ${request.fileIds.length} ${request.fileIds.length === 1 ? 'file' : 'files'} ingested.`,
      ...failed.map((f) => `  failed ${names.get(f.id) ?? f.id} (${f.id}): ${f.last_error?.message ?? f.status}`),
      ...(outcome.pending.length ? [`  still in progress: ${outcome.pending.join(', ')}`] : []),
    ].join('\n'),
  );
  return allIngested(outcome) && !request.failedBefore ? Exit.ok : Exit.failed;
}

function attributesFrom(values: Record<string, unknown>): Attributes | undefined {
  const attrs = attributePairs(values['attr'] as string[] | undefined);
  return Object.keys(attrs).length ? checked(Attributes, attrs, '--attr') : undefined;
}

export const storeFileVerbs: VerbSpec[] = [
  {
    name: 'files',
    args: 'ID',
    summary: "List a store's files: status, the last error in words, chunking and attributes.",
    flags: { status: { type: 'string', value: 'STATUS', help: 'only files in this state', choices: STATUSES } },
    check(p, values) {
      expectArgs(p, ['ID']);
      const status = values['status'];
      if (status !== undefined && !(STATUSES as readonly unknown[]).includes(status))
        throw new UsageError(`--status must be one of ${STATUSES.join(', ')} (got "${String(status)}").`);
    },
    async run({ core, conn, positionals, values, json, context }) {
      const all = await core.call('vectorStores.files', { connectionId: conn, vectorStoreId: positionals[0]! });
      const files = values['status'] ? all.filter((f) => f.status === values['status']) : all;
      const names = json ? new Map() : await fileNames(core, conn);
      output(context, json, files, () =>
        files.length
          ? fileRows(files, names)
          : `No ${values['status'] ? `${String(values['status']).replace('_', ' ')} ` : ''}files in ${positionals[0]}.`,
      );
      return Exit.ok;
    },
  },
  {
    name: 'add',
    args: 'ID FILE_ID…',
    summary: 'Add org files to a store (one batch), with attributes and chunking, and follow ingestion.',
    flags: attachFlags,
    check: (p) => expectArgs(p, ['ID'], 'FILE_ID'),
    async run({ core, conn, positionals, values, json, context }) {
      const [vectorStoreId, ...fileIds] = positionals as [string, ...string[]];
      const attributes = attributesFrom(values);
      const split = chunking(values['chunking'] as string | undefined);
      await assertWritable(core, conn, `Adding files to vector store ${vectorStoreId}`);
      const batch = await core.call('vectorStores.addFiles', {
        connectionId: conn,
        vectorStoreId,
        files: fileIds.map((fileId) => ({
          fileId,
          ...(attributes ? { attributes } : {}),
          ...(split ? { chunking: split } : {}),
        })),
      });
      return finishAttach(core, context, {
        conn,
        vectorStoreId,
        fileIds,
        json,
        wait: values['no-wait'] !== true,
        failedBefore: 0,
        extra: { batch },
      });
    },
  },
  {
    name: 'upload',
    args: 'ID PATH…',
    summary: 'Upload local files into a store, with attributes and chunking: progress per file, then ingestion.',
    flags: {
      ...attachFlags,
      purpose: { type: 'string', value: 'P', help: "the files' purpose (default assistants)", choices: PURPOSES },
    },
    check: (p, values) => {
      expectArgs(p, ['ID'], 'PATH');
      purpose(values['purpose'] as string | undefined);
    },
    async run({ core, conn, positionals, values, json, context }) {
      const [vectorStoreId, ...raw] = positionals as [string, ...string[]];
      const paths = localFiles(raw);
      const attributes = attributesFrom(values);
      const split = chunking(values['chunking'] as string | undefined);
      await assertWritable(core, conn, `Uploading files to vector store ${vectorStoreId}`);
      // The store must exist before the first byte goes: otherwise every file would be uploaded, then orphaned.
      await core.call('vectorStores.get', { connectionId: conn, vectorStoreId });
      const outcome = await uploadLocalFiles(core, context, {
        conn,
        paths,
        purpose: purpose(values['purpose'] as string | undefined),
        vectorStoreId,
        ...(attributes ? { attributes } : {}),
        ...(split ? { chunking: split } : {}),
        json,
      });
      const fileIds = outcome.uploaded.map((u) => u.file.id);
      return finishAttach(core, context, {
        conn,
        vectorStoreId,
        fileIds,
        json,
        wait: values['no-wait'] !== true,
        failedBefore: outcome.failed.length,
        extra: { uploaded: outcome.uploaded.map((u) => u.file), uploadFailed: outcome.failed },
      });
    },
  },
  {
    name: 'remove',
    args: 'ID FILE_ID…',
    summary: 'Take files out of a store (they stay in the org), after listing them and asking.',
    flags: { ...yesFlag },
    check: (p) => expectArgs(p, ['ID'], 'FILE_ID'),
    async run({ core, conn, positionals, values, json, context }) {
      const [vectorStoreId, ...fileIds] = positionals as [string, ...string[]];
      await assertWritable(core, conn, `Removing files from vector store ${vectorStoreId}`);
      const inStore = await core.call('vectorStores.files', { connectionId: conn, vectorStoreId });
      const unknown = fileIds.filter((id) => !inStore.some((f) => f.id === id));
      if (unknown.length)
        throw new UsageError(`vector store ${vectorStoreId} holds no file ${unknown.join(', ')}; nothing was removed.`);
      const names = await fileNames(core, conn);
      const where = await connectionName(core, conn);
      const ids = [...new Set(fileIds)];
      const lines = ids.map((id) => `${id}  ${names.get(id) ?? '?'}`);
      if (
        !(await confirmDeletion(context, {
          yes: values['yes'] === true,
          action: 'Remove',
          what: `${ids.length === 1 ? 'This file' : `These ${ids.length} files`} will be taken out of ${vectorStoreId} (they stay in the org)`,
          where,
          lines,
        }))
      )
        return Exit.ok;
      const removed: string[] = [];
      const failed: { fileId: string; message: string }[] = [];
      for (const fileId of ids) {
        try {
          await core.call('vectorStores.removeFile', { connectionId: conn, vectorStoreId, fileId });
          removed.push(fileId);
        } catch (error) {
          failed.push({ fileId, message: error instanceof Error ? error.message : String(error) });
        }
      }
      output(context, json, { removed, failed }, () =>
        [
          `Removed ${removed.length} of ${ids.length} from ${vectorStoreId}.`,
          ...failed.map((f) => `  failed ${f.fileId}: ${f.message}`),
        ].join('\n'),
      );
      return failed.length ? Exit.failed : Exit.ok;
    },
  },
  {
    name: 'retry',
    args: 'ID FILE_ID…',
    summary: 'Retry failed or cancelled files with the attributes and chunking they had, and follow ingestion.',
    flags: { 'no-wait': attachFlags['no-wait']! },
    check: (p) => expectArgs(p, ['ID'], 'FILE_ID'),
    async run({ core, conn, positionals, values, json, context }) {
      const [vectorStoreId, ...fileIds] = positionals as [string, ...string[]];
      await assertWritable(core, conn, `Retrying files in vector store ${vectorStoreId}`);
      // All or none: a file that cannot be retried is named before any other is touched.
      const inStore = await core.call('vectorStores.files', { connectionId: conn, vectorStoreId });
      for (const fileId of fileIds) {
        const file = inStore.find((f) => f.id === fileId);
        if (!file) throw new UsageError(`vector store ${vectorStoreId} holds no file ${fileId}; nothing was retried.`);
        if (file.status !== 'failed' && file.status !== 'cancelled')
          throw new UsageError(
            `${fileId} is ${file.status.replace('_', ' ')}; only failed or cancelled files are retried (\`--status failed\` on \`vector-stores files\` lists them). Nothing was retried.`,
          );
        if (!ingestRetryHelps(file.status, file.last_error))
          throw new UsageError(
            `${fileId} failed in a way retrying cannot fix. ${ingestFailureInWords(file.status, file.last_error)} Nothing was retried.`,
          );
      }
      const retried: VectorStoreFileView[] = [];
      for (const fileId of [...new Set(fileIds)])
        retried.push(await core.call('vectorStores.retryFile', { connectionId: conn, vectorStoreId, fileId }));
      return finishAttach(core, context, {
        conn,
        vectorStoreId,
        fileIds: retried.map((f) => f.id),
        json,
        wait: values['no-wait'] !== true,
        failedBefore: 0,
        extra: { retried },
      });
    },
  },
];
