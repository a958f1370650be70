import type { OrganizationView } from '../../../shared/organization.ts';
import type { ShellCore } from '../../core/core.ts';
import { FerryError } from '../../core/errors.ts';
import { Exit, UsageError, type CliCommand, type CliContext, type ExitCode } from '../command.ts';
import { withCore } from '../open-core.ts';
import { parseFlags } from '../parse.ts';
import { readSecret } from '../read-secret.ts';
import { formatTable } from '../table.ts';

const usage = [
  'Usage:',
  '  ferry projects --conn ORG [--include-archived] [--json]',
  '  ferry projects open ORG PROJECT [--read-only] [--replace] [--json]',
  '  ferry projects inventory ORG [--json]',
  '',
  'An organization connection (`ferry connections add --name ORG --admin-key-stdin | --admin-key-env VAR`)',
  'reaches every project of the org with one admin key. `projects` lists them; `projects open` makes a',
  'project connection named "ORG / PROJECT": Ferry creates a service account named ferry-<user>@<host> in',
  'the project (reused when Ferry opened the project before) and keeps its key in the OS keychain.',
  '`projects inventory` counts what each opened project holds (assistants, agents, vector stores, files, bytes).',
  'Remove it with `ferry connections remove "ORG / PROJECT" --delete-service-account`.',
  '  --include-archived  list archived projects too (they open with --read-only only)',
  '  --read-only         Ferry will refuse every write to the project connection',
  '  --replace           give an opened project a new service account and key (the old key stopped working)',
  "ORG is an organization connection's name (case-insensitive); PROJECT a project name or id (proj_…).",
].join('\n');

export const projectsCommand: CliCommand = {
  name: 'projects',
  summary: "List an organization's projects and open them as connections",
  usage,
  async run(args, context) {
    if (args[0] === 'open') return open(args.slice(1), context);
    if (args[0] === 'inventory') return inventory(args.slice(1), context);
    return list(args, context);
  },
};

async function list(args: string[], context: CliContext): Promise<ExitCode> {
  const { values, positionals } = parseFlags(
    args,
    {
      conn: { type: 'string' },
      'include-archived': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
    true,
  );
  if (positionals.length > 0)
    throw new UsageError(`unknown subcommand "${positionals[0]}" (expected open or inventory, or --conn ORG to list).`);
  if (values.conn === undefined) throw new UsageError('--conn ORG is required: name the organization connection.');
  const name = values.conn;
  return withCore(context, async (core) => {
    const organization = await findOrganization(core, name);
    const projects = await core.call('organizations.projects', {
      id: organization.id,
      includeArchived: values['include-archived'] === true,
    });
    if (values.json) context.stdout.write(`${JSON.stringify(projects, null, 2)}\n`);
    else if (projects.length === 0) context.stdout.write(`"${organization.name}" has no projects.\n`);
    else {
      const connections = await core.call('connections.list', {});
      const rows = projects.map((p) => [
        p.name,
        p.id,
        p.status,
        connections.find((c) => c.id === p.connectionId)?.name ?? '-',
      ]);
      context.stdout.write(`${formatTable(['PROJECT', 'ID', 'STATUS', 'CONNECTION'], rows)}\n`);
    }
    return Exit.ok;
  });
}

async function open(args: string[], context: CliContext): Promise<ExitCode> {
  const { values, positionals } = parseFlags(
    args,
    {
      'read-only': { type: 'boolean', default: false },
      replace: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
    true,
  );
  if (positionals.length !== 2)
    throw new UsageError('`projects open` takes an organization and a project: ferry projects open ORG PROJECT.');
  const [orgName, project] = positionals as [string, string];
  return withCore(context, async (core) => {
    const organization = await findOrganization(core, orgName);
    const { connection, created } = await core.call('organizations.openProject', {
      id: organization.id,
      project,
      readOnly: values['read-only'] === true,
      replace: values.replace === true,
    });
    if (values.json) context.stdout.write(`${JSON.stringify({ created, connection })}\n`);
    else if (created)
      context.stdout.write(
        `Opened "${connection.name}" (${connection.fingerprint ?? 'key'} in keychain): Ferry created service account "${connection.organizationLink?.serviceAccountName ?? ''}" in the project.\n` +
          `Remove it with: ferry connections remove "${connection.name}" --delete-service-account\n`,
      );
    else context.stdout.write(`"${connection.name}" is already open; Ferry reused its service account.\n`);
    return Exit.ok;
  });
}

async function inventory(args: string[], context: CliContext): Promise<ExitCode> {
  const { values, positionals } = parseFlags(args, { json: { type: 'boolean', default: false } }, true);
  if (positionals.length !== 1)
    throw new UsageError('`projects inventory` takes one organization: ferry projects inventory ORG.');
  return withCore(context, async (core) => {
    const organization = await findOrganization(core, positionals[0]!);
    const rows = await core.call('organizations.inventory', { id: organization.id });
    if (values.json) context.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    else if (rows.length === 0)
      context.stdout.write(
        `No project of "${organization.name}" is open yet: open one with \`ferry projects open\`.\n`,
      );
    else {
      const count = (n: number | null | undefined) => (n === null ? 'n/a' : n === undefined ? '-' : String(n));
      const table = rows.map((r) =>
        r.error
          ? [r.name, '-', '-', '-', '-', `error: ${r.error}`]
          : [
              r.name,
              count(r.assistants),
              count(r.agents),
              count(r.vectorStores),
              count(r.files),
              String(r.storageBytes ?? 0),
            ],
      );
      context.stdout.write(
        `${formatTable(['PROJECT', 'ASSISTANTS', 'AGENTS', 'VECTOR STORES', 'FILES', 'BYTES'], table)}\n`,
      );
    }
    return rows.some((r) => r.error) ? Exit.failed : Exit.ok;
  });
}

export async function findOrganization(core: ShellCore, nameOrId: string): Promise<OrganizationView> {
  const all = await core.call('organizations.list', {});
  const wanted = nameOrId.trim().toLowerCase();
  const found = all.find((o) => o.id === nameOrId) ?? all.find((o) => o.name.toLowerCase() === wanted);
  if (found) return found;
  const known = all.length
    ? ` Known organizations: ${all.map((o) => `"${o.name}"`).join(', ')}.`
    : ' Add one with `ferry connections add --name ORG --admin-key-stdin`.';
  throw new FerryError('bad_input', `No organization connection is named "${nameOrId}".${known}`, { field: 'conn' });
}

/** `connections add --admin-key-stdin | --admin-key-env VAR`: adds the organization, then tests it. */
export async function addOrganization(
  values: { name: string; baseUrl?: string | undefined; keyStdin: boolean; keyEnv?: string | undefined },
  context: CliContext,
): Promise<ExitCode> {
  const keySource = values.keyEnv
    ? { kind: 'env' as const, variable: values.keyEnv }
    : { kind: 'keychain' as const, key: await readSecret(context.stdin, context.stderr, 'Admin key (input hidden): ') };
  return withCore(context, async (core) => {
    const added = await core.call('organizations.add', {
      name: values.name,
      ...(values.baseUrl === undefined ? {} : { baseUrl: values.baseUrl }),
      keySource,
    });
    const where =
      added.keySource === 'env' ? `from $${added.envVariable ?? ''}` : `${added.fingerprint ?? 'key'} in keychain`;
    context.stdout.write(`Added organization "${added.name}" (admin key ${where}).\n`);
    const result = await core.call('organizations.test', { id: added.id });
    if (result.ok)
      context.stdout.write(
        `OK  ${added.name}: ${result.organizationName ?? 'organization'}, ${result.projectCount} projects, ${result.latencyMs} ms. List them with: ferry projects --conn "${added.name}"\n`,
      );
    else context.stdout.write(`FAILED  ${added.name}: ${result.message}\n`);
    return result.ok ? Exit.ok : Exit.failed;
  });
}
