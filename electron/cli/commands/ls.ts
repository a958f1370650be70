import { Exit, UsageError, type CliCommand } from '../command.ts';
import { formatBytes } from '../../../shared/format.ts';
import { toolLabel } from '../../../shared/resources.ts';
import { connectionName } from '../guards.ts';
import { withCore } from '../open-core.ts';
import { parseFlags } from '../parse.ts';
import { formatTable } from '../table.ts';

const kinds = ['assistants', 'agents', 'vector-stores', 'files'] as const;

export const lsCommand: CliCommand = {
  name: 'ls',
  summary: "List a connection's assistants, agents, vector stores or files",
  usage: 'Usage: ferry ls assistants|agents|vector-stores|files --conn N [--json]',
  async run(args, context) {
    const parsed = parseFlags(args, { conn: { type: 'string' }, json: { type: 'boolean', default: false } }, true);
    const [kind, ...extra] = parsed.positionals;
    if (!kind || !kinds.includes(kind as (typeof kinds)[number]) || extra.length)
      throw new UsageError(`say what to list: ${kinds.join(', ')}.`);
    if (!parsed.values.conn) throw new UsageError('--conn is required: the connection to list.');
    const json = parsed.values.json;
    const conn = parsed.values.conn;
    return withCore(context, async (core) => {
      // The same contract calls the panes make: the CLI reaches the core only through them.
      const connectionId = conn;
      const date = (epoch: number) => new Date(epoch * 1000).toISOString().slice(0, 10);
      let rows: string[][];
      let header: string[];
      let data: unknown;
      if (kind === 'assistants') {
        const listing = await core.call('assistants.list', { connectionId });
        if (!listing.served) {
          if (json) context.stdout.write(`${JSON.stringify({ served: false, message: listing.message })}\n`);
          else context.stdout.write(`${listing.message}\n`);
          return Exit.ok;
        }
        data = listing.assistants;
        header = ['ID', 'NAME', 'MODEL', 'TOOLS', 'CREATED'];
        rows = listing.assistants.map((a) => [
          a.id,
          a.name ?? '(unnamed)',
          a.model,
          a.tools.map(toolLabel).join(', ') || '-',
          date(a.created_at),
        ]);
      } else if (kind === 'agents') {
        const listing = await core.call('agents.list', { connectionId });
        if (!listing.served) {
          if (json) context.stdout.write(`${JSON.stringify({ served: false, message: listing.message })}\n`);
          else context.stdout.write(`${listing.message}\n`);
          return Exit.ok;
        }
        data = listing.agents;
        header = ['ID', 'NAME', 'MODEL', 'TOOLS', 'CREATED'];
        rows = listing.agents.map((a) => [
          a.id,
          a.name ?? '(unnamed)',
          a.model,
          a.tools.map((t) => (t.type === 'function' ? String(t['name']) : t.type)).join(', ') || '-',
          date(a.created_at),
        ]);
      } else if (kind === 'vector-stores') {
        const stores = await core.call('vectorStores.list', { connectionId });
        data = stores;
        header = ['ID', 'NAME', 'STATUS', 'FILES (done/in progress/failed)', 'SIZE'];
        rows = stores.map((s) => [
          s.id,
          s.name,
          s.status,
          `${s.file_counts.completed}/${s.file_counts.in_progress}/${s.file_counts.failed}`,
          formatBytes(s.usage_bytes),
        ]);
      } else {
        const files = await core.call('files.list', { connectionId });
        data = files;
        header = ['ID', 'FILENAME', 'PURPOSE', 'SIZE', 'CREATED'];
        rows = files.map((f) => [f.id, f.filename, f.purpose, formatBytes(f.bytes), date(f.created_at)]);
      }
      if (json) context.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
      else
        context.stdout.write(
          rows.length ? `${formatTable(header, rows)}\n` : `No ${kind} in "${await connectionName(core, conn)}".\n`,
        );
      return Exit.ok;
    });
  },
};
