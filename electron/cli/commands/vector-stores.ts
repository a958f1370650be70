import { api } from '../../../shared/api.ts';
import { formatBytes } from '../../../shared/format.ts';
import { storeUsers } from '../../../shared/usage-words.ts';
import type { VectorStoreView } from '../../../shared/resources.ts';
import { Exit, UsageError } from '../command.ts';
import { assertCanConfirm, assertWritable, confirmDeletion, connectionName, output } from '../guards.ts';
import { checked, chunking, searchFilters, stringPairs, wholeNumber } from '../key-values.ts';
import { formatTable } from '../table.ts';
import { expectArgs, resourceCommand, yesFlag, type VerbSpec } from '../verbs.ts';
import { chunkingFlag, storeFileVerbs } from './vector-store-files.ts';

export function describeStore(store: VectorStoreView): string {
  const c = store.file_counts;
  const metadata = Object.entries(store.metadata ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  return [
    `${store.id}  ${store.name}`,
    `  status ${store.status}; files: ${c.completed} done, ${c.in_progress} in progress, ${c.failed} failed; ${formatBytes(store.usage_bytes)}`,
    `  expires: ${store.expires_after ? `after ${store.expires_after.days} days without use` : 'never'}`,
    ...(metadata ? [`  metadata: ${metadata}`] : []),
  ].join('\n');
}

const createParams = api['vectorStores.create'].params;

const storeVerbs: VerbSpec[] = [
  {
    name: 'get',
    args: 'ID',
    summary: 'Show a vector store: status, file counts, size, expiry, metadata.',
    flags: {},
    check: (p) => expectArgs(p, ['ID']),
    async run({ core, conn, positionals, json, context }) {
      const store = await core.call('vectorStores.get', { connectionId: conn, vectorStoreId: positionals[0]! });
      output(context, json, store, () => describeStore(store));
      return Exit.ok;
    },
  },
  {
    name: 'create',
    args: '',
    summary: 'Create a vector store; with --file-id, add org files at once, split as --chunking says.',
    flags: {
      name: { type: 'string', value: 'N', help: "the store's name", required: true },
      'expires-after-days': { type: 'string', value: 'D', help: 'expire after D days without use (1 to 365)' },
      metadata: { type: 'string', multiple: true, value: 'KEY=VALUE', help: 'a metadata pair (repeat for more)' },
      'file-id': {
        type: 'string',
        multiple: true,
        value: 'FILE_ID',
        help: 'an org file to add at creation (repeat for more)',
      },
      chunking: chunkingFlag,
    },
    check: (p) => expectArgs(p, []),
    async run({ core, conn, values, json, context }) {
      const fileIds = (values['file-id'] as string[] | undefined) ?? [];
      const split = chunking(values['chunking'] as string | undefined);
      if (split && fileIds.length === 0) {
        throw new UsageError(
          '--chunking splits the files added at creation, and a store keeps no chunking of its own: add --file-id FILE_ID…, or pass --chunking to `vector-stores upload` or `add`.',
        );
      }
      const params = checked(
        createParams,
        {
          connectionId: conn,
          name: values['name'] ?? '',
          ...(values['expires-after-days'] !== undefined
            ? { expiresAfterDays: wholeNumber(values['expires-after-days'] as string, '--expires-after-days', 1, 365) }
            : {}),
          ...(values['metadata'] ? { metadata: stringPairs(values['metadata'] as string[], '--metadata') } : {}),
          ...(fileIds.length ? { fileIds } : {}),
          ...(split ? { chunking: split } : {}),
        },
        {
          name: '--name',
          metadata: '--metadata',
          chunking: '--chunking',
          expiresAfterDays: '--expires-after-days',
          fileIds: '--file-id',
          connectionId: '--conn',
        },
      );
      await assertWritable(core, conn, 'Creating a vector store');
      const store = await core.call('vectorStores.create', params);
      output(
        context,
        json,
        store,
        () => `Created vector store "${store.name}" (${store.id}).\n${describeStore(store)}`,
      );
      return Exit.ok;
    },
  },
  {
    name: 'rename',
    args: 'ID NAME',
    summary: 'Give a vector store a new name.',
    flags: {},
    check: (p) => expectArgs(p, ['ID', 'NAME']),
    async run({ core, conn, positionals, json, context }) {
      const [vectorStoreId, name] = positionals as [string, string];
      await assertWritable(core, conn, `Renaming vector store ${vectorStoreId}`);
      const store = await core.call('vectorStores.update', { connectionId: conn, vectorStoreId, name });
      output(context, json, store, () => `Renamed ${store.id} to "${store.name}".`);
      return Exit.ok;
    },
  },
  {
    name: 'delete',
    args: 'ID…',
    summary: 'Delete vector stores (their files stay in the org), after listing them and asking.',
    flags: { ...yesFlag },
    check: (p) => expectArgs(p, [], 'vector store ID'),
    async run({ core, conn, positionals, values, json, context }) {
      await assertWritable(core, conn, 'Deleting vector stores');
      const stores = await core.call('vectorStores.list', { connectionId: conn });
      const where = await connectionName(core, conn);
      const unknown = positionals.filter((id) => !stores.some((s) => s.id === id));
      if (unknown.length)
        throw new UsageError(
          `"${where}" has no vector store ${unknown.join(', ')}; nothing was deleted. \`ferry ls vector-stores --conn "${where}"\` lists them.`,
        );
      const ids = [...new Set(positionals)];
      const yes = values['yes'] === true;
      assertCanConfirm(context, yes);
      // Read fresh, as the window's confirmation does: the assistants each store's deletion leaves without it.
      const usage = yes
        ? undefined
        : await core.call('vectorStores.usedBy', { connectionId: conn, vectorStoreIds: ids });
      const lines = ids.map((id) => {
        const s = stores.find((store) => store.id === id)!;
        const line = `${s.id}  ${s.name} (${s.file_counts.total} files)`;
        if (!usage) return line;
        const users = storeUsers(
          usage.vectorStores.find((u) => u.vectorStoreId === id) ?? { vectorStoreId: id, assistants: [] },
        );
        return `${line}\n    ${users.length ? `used by: ${users.join('; ')}` : 'used by no assistant'}`;
      });
      if (usage?.message) lines.push(usage.message);
      if (
        !(await confirmDeletion(context, {
          yes,
          count: ids.length,
          what: `${ids.length === 1 ? 'This vector store will be deleted (its files stay)' : `These ${ids.length} vector stores will be deleted (their files stay)`}`,
          where,
          lines,
        }))
      )
        return Exit.ok;
      const result = await core.call('vectorStores.deleteMany', { connectionId: conn, vectorStoreIds: ids });
      output(context, json, result, () =>
        [
          `Deleted ${result.deleted.length} of ${ids.length} vector ${ids.length === 1 ? 'store' : 'stores'} in "${where}".`,
          ...result.failed.map((f) => `  failed ${f.vectorStoreId}: ${f.message}`),
        ].join('\n'),
      );
      return result.failed.length ? Exit.failed : Exit.ok;
    },
  },
  {
    name: 'search',
    args: 'ID QUERY',
    summary: 'Search a store: ranked chunks with score and file name, filtered on file attributes.',
    flags: {
      filter: {
        type: 'string',
        multiple: true,
        value: 'KEY=VALUE',
        help: 'only files whose attribute matches (also !=, >=, <=, >, <; repeat: all must match)',
      },
      max: { type: 'string', value: 'N', help: 'at most N results (1 to 50, default 10)' },
    },
    check: (p) => expectArgs(p, ['ID', 'QUERY']),
    async run({ core, conn, positionals, values, json, context }) {
      const [vectorStoreId, query] = positionals as [string, string];
      const max = wholeNumber(values['max'] as string | undefined, '--max', 1, 50);
      const hits = await core.call('vectorStores.search', {
        connectionId: conn,
        vectorStoreId,
        query,
        filters: searchFilters(values['filter'] as string[] | undefined),
        ...(max ? { maxResults: max } : {}),
      });
      output(context, json, hits, () =>
        hits.length
          ? formatTable(
              ['SCORE', 'FILE', 'ATTRIBUTES', 'TEXT'],
              hits.map((h) => [
                h.score.toFixed(3),
                h.filename,
                Object.entries(h.attributes ?? {})
                  .map(([k, v]) => `${k}=${String(v)}`)
                  .join(' ') || '-',
                h.text.replace(/\s+/g, ' ').slice(0, 80),
              ]),
            )
          : 'No results.',
      );
      return Exit.ok;
    },
  },
];

export const vectorStoresCommand = resourceCommand({
  name: 'vector-stores',
  summary: 'Manage vector stores and their files: create, rename, delete, upload, retry, search',
  about:
    'Every write is refused on a read-only connection (exit 2, nothing sent). Deleting and removing list what goes and ask (--yes when not at a terminal). Uploads and adds follow ingestion to the end (--no-wait returns at once) and name failed files with their reasons.',
  verbs: [...storeVerbs.slice(0, 4), ...storeFileVerbs, storeVerbs[4]!],
});
