import { BaseUrl, originOf, type ConnectionPatch, type ConnectionView } from '../../../shared/connection.ts';
import type { ShellCore } from '../../core/core.ts';
import { FerryError } from '../../core/errors.ts';
import { Exit, UsageError, type CliCommand, type CliContext, type ExitCode } from '../command.ts';
import { withCore } from '../open-core.ts';
import { parseFlags } from '../parse.ts';
import { readSecret } from '../read-secret.ts';
import { formatTable } from '../table.ts';
import { addOrganization } from './projects.ts';

const usage = [
  'Usage:',
  '  ferry connections add --name N [--base-url U] [--org O] [--project P] [--read-only] (--key-stdin | --key-env VAR)',
  '  ferry connections add --name ORG [--base-url U] (--admin-key-stdin | --admin-key-env VAR)',
  '  ferry connections add --name N --folder DIR [--read-only]',
  '  ferry connections edit N [--name M] [--base-url U] [--org O] [--project P] [--read-only | --writable]',
  '                           [--key-stdin | --key-env VAR]',
  '  ferry connections list [--json]',
  '  ferry connections test N [--json]',
  '  ferry connections remove N [--delete-service-account]',
  '',
  'A connection is an organization (and optionally a project) reached with one API key.',
  '  --key-stdin    read the key from standard input (piped, or typed at a hidden prompt);',
  '                 it is stored in the OS keychain, never in a file',
  '  --key-env VAR  read the key from environment variable VAR whenever Ferry needs it',
  '  --base-url U   the API base URL (default https://api.openai.com/v1)',
  '  --org O        send OpenAI-Organization: O (org-…)',
  '  --project P    send OpenAI-Project: P (proj_…)',
  '  --folder DIR   a folder connection: an org saved as files in DIR (a bundle; made on the first',
  '                 export), or a JSON file of assistants as the API listed them (read-only); no key',
  '  --read-only    Ferry will refuse every write to this connection (--writable lifts it)',
  '  --admin-key-stdin, --admin-key-env VAR',
  '                 add an organization reached with an admin key (sk-admin-…) instead: see `ferry projects`',
  '  --delete-service-account',
  '                 for a project opened with `ferry projects open`: delete its service account too',
  'remove on an organization also removes the project connections opened from it.',
  'edit changes only what you pass (--org "" or --project "" clears one). A key is bound to its host:',
  'a --base-url on another scheme, host or port drops the stored key, so edit then needs',
  '--key-stdin or --key-env VAR for the new host.',
  "N is a connection's name (case-insensitive) or id.",
].join('\n');

export const connectionsCommand: CliCommand = {
  name: 'connections',
  summary: 'Add, edit, list, test and remove org connections',
  usage,
  async run(args, context) {
    const [sub, ...rest] = args;
    switch (sub) {
      case 'add':
        return add(rest, context);
      case 'edit':
        return edit(rest, context);
      case 'list':
        return list(rest, context);
      case 'test':
        return test(rest, context);
      case 'remove':
        return remove(rest, context);
      default:
        throw new UsageError(
          sub
            ? `unknown subcommand "${sub}" (expected add, edit, list, test or remove).`
            : 'a subcommand is required (add, edit, list, test or remove).',
        );
    }
  },
};

async function add(args: string[], context: CliContext): Promise<ExitCode> {
  const { values } = parse(args, {
    name: { type: 'string' },
    'base-url': { type: 'string' },
    org: { type: 'string' },
    project: { type: 'string' },
    'read-only': { type: 'boolean', default: false },
    'key-stdin': { type: 'boolean', default: false },
    'key-env': { type: 'string' },
    'admin-key-stdin': { type: 'boolean', default: false },
    'admin-key-env': { type: 'string' },
    folder: { type: 'string' },
  });
  if (values['name'] === undefined) throw new UsageError('--name is required.');
  if (values['folder'] !== undefined) return addFolder(String(values['name']), values, context);
  const admin = values['admin-key-stdin'] || values['admin-key-env'] !== undefined;
  if (admin) {
    if (
      values['key-stdin'] ||
      values['key-env'] !== undefined ||
      values['admin-key-stdin'] === Boolean(values['admin-key-env'])
    )
      throw new UsageError(
        'give exactly one of --admin-key-stdin or --admin-key-env VAR (and no --key-…) for an organization.',
      );
    if (values['org'] !== undefined || values['project'] !== undefined || values['read-only'])
      throw new UsageError(
        'an organization takes no --org, --project or --read-only: open its projects with `ferry projects open`.',
      );
    return addOrganization(
      {
        name: values['name'],
        baseUrl: values['base-url'],
        keyStdin: values['admin-key-stdin'] === true,
        keyEnv: values['admin-key-env'],
      },
      context,
    );
  }
  if (values['key-stdin'] === Boolean(values['key-env']))
    throw new UsageError('give exactly one of --key-stdin or --key-env VAR.');
  const keySource = values['key-env']
    ? { kind: 'env' as const, variable: String(values['key-env']) }
    : { kind: 'keychain' as const, key: await readSecret(context.stdin, context.stderr, 'API key (input hidden): ') };
  return withCore(context, async (core) => {
    const added = await core.call('connections.add', {
      name: String(values['name']),
      ...(values['base-url'] === undefined ? {} : { baseUrl: String(values['base-url']) }),
      ...(values['org'] === undefined ? {} : { organization: String(values['org']) }),
      ...(values['project'] === undefined ? {} : { project: String(values['project']) }),
      readOnly: values['read-only'] === true,
      keySource,
    });
    context.stdout.write(`Added connection "${added.name}" (${describeKey(added)}).\n`);
    if (added.keyStatus === 'session') context.stderr.write(`Warning: ${core.keychain.message}\n`);
    return Exit.ok;
  });
}

async function addFolder(
  name: string,
  values: Record<string, string | boolean | undefined>,
  context: CliContext,
): Promise<ExitCode> {
  for (const flag of ['base-url', 'org', 'project', 'key-env']) {
    if (values[flag] !== undefined)
      throw new UsageError(`--${flag} does not go with --folder: a folder has no URL or key.`);
  }
  if (values['key-stdin']) throw new UsageError('--key-stdin does not go with --folder: a folder has no key.');
  return withCore(context, async (core) => {
    const added = await core.call('connections.addFolder', {
      name,
      folder: String(values['folder']),
      readOnly: values['read-only'] === true,
    });
    context.stdout.write(`Added connection "${added.name}" (${describeKey(added)}).\n`);
    return Exit.ok;
  });
}

async function edit(args: string[], context: CliContext): Promise<ExitCode> {
  const { values, positionals } = parse(
    args,
    {
      name: { type: 'string' },
      'base-url': { type: 'string' },
      org: { type: 'string' },
      project: { type: 'string' },
      'read-only': { type: 'boolean', default: false },
      writable: { type: 'boolean', default: false },
      'key-stdin': { type: 'boolean', default: false },
      'key-env': { type: 'string' },
    },
    true,
  );
  const target = single(positionals, 'edit');
  if (values['read-only'] && values['writable']) throw new UsageError('give at most one of --read-only or --writable.');
  if (values['key-stdin'] && values['key-env'] !== undefined)
    throw new UsageError('give at most one of --key-stdin or --key-env VAR.');
  const patch: ConnectionPatch = {
    ...(values['name'] === undefined ? {} : { name: values['name'] }),
    ...(values['base-url'] === undefined ? {} : { baseUrl: values['base-url'] }),
    ...(values['org'] === undefined ? {} : { organization: values['org'] }),
    ...(values['project'] === undefined ? {} : { project: values['project'] }),
    ...(values['read-only'] ? { readOnly: true } : values['writable'] ? { readOnly: false } : {}),
  };
  const newKey = values['key-stdin'] || values['key-env'] !== undefined;
  if (Object.keys(patch).length === 0 && !newKey) {
    throw new UsageError(
      'nothing to change: pass --name, --base-url, --org, --project, --read-only, --writable, --key-stdin or --key-env VAR.',
    );
  }
  return withCore(context, async (core) => {
    const connection = await findConnection(core, target);
    const moved =
      patch.baseUrl !== undefined &&
      BaseUrl.safeParse(patch.baseUrl).success &&
      originOf(BaseUrl.parse(patch.baseUrl)) !== originOf(connection.baseUrl);
    if (moved && !newKey) {
      throw new UsageError(
        `--base-url moves "${connection.name}" from ${originOf(connection.baseUrl)} to ${originOf(BaseUrl.parse(patch.baseUrl ?? ''))}, and a key is bound to its host: the stored key would be dropped. ` +
          'Give the key for the new host with --key-stdin or --key-env VAR.',
      );
    }
    if (values['key-env'] !== undefined) patch.keySource = { kind: 'env', variable: values['key-env'] };
    else if (values['key-stdin'])
      patch.keySource = {
        kind: 'keychain',
        key: await readSecret(context.stdin, context.stderr, 'API key (input hidden): '),
      };
    const updated = await core.call('connections.update', { id: connection.id, patch });
    context.stdout.write(`Updated connection "${updated.name}" (${describeKey(updated)}).\n`);
    if (moved)
      context.stdout.write(
        `Its key for ${originOf(connection.baseUrl)} was dropped; the key you gave is used for ${originOf(updated.baseUrl)} only.\n`,
      );
    if (updated.keyStatus === 'session') context.stderr.write(`Warning: ${core.keychain.message}\n`);
    return Exit.ok;
  });
}

async function list(args: string[], context: CliContext): Promise<ExitCode> {
  const { values } = parse(args, { json: { type: 'boolean', default: false } });
  return withCore(context, async (core) => {
    const connections = await core.call('connections.list', {});
    const organizations = await core.call('organizations.list', {});
    if (values['json']) {
      context.stdout.write(`${JSON.stringify(connections, null, 2)}\n`);
    } else if (connections.length === 0 && organizations.length === 0) {
      context.stdout.write('No connections yet. Add one with `ferry connections add --name N --key-stdin`.\n');
    } else {
      const rows = connections.map((c) => [
        c.name,
        c.baseUrl,
        [c.organization, c.project].filter(Boolean).join(' / ') || '-',
        describeKey(c),
        c.readOnly ? 'read-only' : 'read-write',
      ]);
      if (rows.length > 0)
        context.stdout.write(`${formatTable(['NAME', 'BASE URL', 'ORG / PROJECT', 'KEY', 'ACCESS'], rows)}\n`);
      if (organizations.length > 0) {
        const orgRows = organizations.map((o) => [o.name, o.baseUrl, describeKey(o)]);
        context.stdout.write(`\n${formatTable(['ORGANIZATION', 'BASE URL', 'ADMIN KEY'], orgRows)}\n`);
      }
    }
    return Exit.ok;
  });
}

async function test(args: string[], context: CliContext): Promise<ExitCode> {
  const { values, positionals } = parse(args, { json: { type: 'boolean', default: false } }, true);
  const target = single(positionals, 'test');
  return withCore(context, async (core) => {
    const connection = await findConnection(core, target);
    const result = await core.call('connections.test', { id: connection.id });
    if (values['json']) context.stdout.write(`${JSON.stringify({ name: connection.name, ...result })}\n`);
    else if (result.ok)
      context.stdout.write(`OK  ${connection.name}: ${result.modelCount} models, ${result.latencyMs} ms\n`);
    else context.stdout.write(`FAILED  ${connection.name}: ${result.message}\n`);
    return result.ok ? Exit.ok : Exit.failed;
  });
}

async function remove(args: string[], context: CliContext): Promise<ExitCode> {
  const { values, positionals } = parse(args, { 'delete-service-account': { type: 'boolean', default: false } }, true);
  const target = single(positionals, 'remove');
  const deleteAccount = values['delete-service-account'] === true;
  return withCore(context, async (core) => {
    const organization = (await core.call('organizations.list', {})).find(
      (o) => o.id === target || o.name.toLowerCase() === target.trim().toLowerCase(),
    );
    if (organization) {
      const { removedConnections } = await core.call('organizations.remove', {
        id: organization.id,
        deleteServiceAccounts: deleteAccount,
      });
      const also = removedConnections.length
        ? `, its project connections ${removedConnections.map((n) => `"${n}"`).join(', ')}${deleteAccount ? ' and their service accounts' : ''}`
        : '';
      context.stdout.write(
        `Removed organization "${organization.name}"${also}, and deleted their keys from the keychain.\n`,
      );
      return Exit.ok;
    }
    const connection = await findConnection(core, target);
    if (connection.organizationLink || deleteAccount) {
      await core.call('organizations.removeProject', {
        connectionId: connection.id,
        deleteServiceAccount: deleteAccount,
      });
      const account = deleteAccount
        ? ` and service account "${connection.organizationLink?.serviceAccountName ?? ''}"`
        : '';
      context.stdout.write(
        `Removed connection "${connection.name}"${account}, and deleted its key from the keychain.\n`,
      );
      if (!deleteAccount && connection.organizationLink)
        context.stdout.write(
          `Its service account "${connection.organizationLink.serviceAccountName}" is still in the project; delete it in the OpenAI dashboard if no one needs it.\n`,
        );
      return Exit.ok;
    }
    await core.call('connections.remove', { id: connection.id });
    const where = connection.keySource === 'keychain' ? ' and deleted its key from the keychain' : '';
    context.stdout.write(`Removed connection "${connection.name}"${where}.\n`);
    return Exit.ok;
  });
}

async function findConnection(core: ShellCore, nameOrId: string): Promise<ConnectionView> {
  const all = await core.call('connections.list', {});
  const wanted = nameOrId.trim().toLowerCase();
  const found = all.find((c) => c.id === nameOrId) ?? all.find((c) => c.name.toLowerCase() === wanted);
  if (found) return found;
  const known = all.length
    ? ` Known connections: ${all.map((c) => `"${c.name}"`).join(', ')}.`
    : ' There are no connections yet.';
  throw new FerryError('bad_input', `No connection is named "${nameOrId}".${known}`);
}

function describeKey(
  c: Pick<ConnectionView, 'keyStatus' | 'fingerprint' | 'envVariable'> &
    Partial<Pick<ConnectionView, 'folder' | 'readOnly'>>,
): string {
  switch (c.keyStatus) {
    case 'stored':
      return `${c.fingerprint ?? 'key'} in keychain`;
    case 'session':
      return `${c.fingerprint ?? 'key'} for this session only`;
    case 'missing':
      return 'key missing: add it again';
    case 'env-set':
      return `${c.fingerprint ?? 'key'} from $${c.envVariable ?? ''}`;
    case 'env-unset':
      return `$${c.envVariable ?? ''} not set`;
    case 'none':
      return `folder ${c.folder ?? ''}${c.readOnly ? ', read-only' : ''}`;
  }
}

function single(positionals: string[], sub: string): string {
  if (positionals.length !== 1 || !positionals[0])
    throw new UsageError(`\`connections ${sub}\` takes exactly one connection name.`);
  return positionals[0];
}

const parse = parseFlags;
