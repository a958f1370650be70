import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Writable } from 'node:stream';
import { ApiError } from './errors.ts';
import { startSandbox, type SandboxOptions } from './index.ts';
import { resolveSeed } from './seed/apply.ts';

/** Bad input: printed with the usage hint, exit 2, nothing started. */
class UsageError extends Error {
  override name = 'UsageError';
}

/** What the command may touch, passed in so a test can run it in-process. */
export interface SandboxCliContext {
  stdout: Writable;
  stderr: Writable;
  /** Resolves when the user asks to stop (SIGINT/SIGTERM). */
  stopped: Promise<void>;
}

export const usage = `Usage: ferry-sandbox [--port P] [--host H] [--seed demo|empty|FILE] [--latency-ms N] [--rate-limit RPM] [--fault-rate F] [--ingestion-ms N]
                             [--upload-bytes-per-second N] [--stop-reading-after-bytes N] [--no-rate-limit-headers] [--refuse-download-purposes P,P] [--json]

Runs Ferry's sandbox: a local, stateful OpenAI-compatible server with demo organizations.
Prints the base URL and one API key per tenant, then serves until Ctrl-C.

Options:
  --port P          port to listen on (default: a free port)
  --host H          address to bind (default 127.0.0.1)
  --seed S          demo (default), empty, or a path to a seed JSON file
  --latency-ms N    add N ms to every answer
  --rate-limit RPM  requests per minute per tenant (default 10000)
  --fault-rate F    chance (0..1) of a 500/502/503 on each request
  --ingestion-ms N  how long vector-store files stay in_progress (default 1500)
  --upload-bytes-per-second N
                    read request bodies at most N bytes per second (a slow uplink)
  --stop-reading-after-bytes N
                    read only the first N bytes of each request body, then nothing more and never answer
  --no-rate-limit-headers
                    send no x-ratelimit-* headers (the limit still applies), as some endpoints do
  --refuse-download-purposes P,P
                    refuse downloads of these purposes too (e.g. fine-tune,evals), as api.openai.com sometimes does
  --json            first print one JSON line {"url", "tenants": [{"name", "key", "organization", "project"}],
                    "organizations": [{"name", "id", "adminKey", "projects": [{"id", "name", "archived"}]}]}

Keys are random on every start and only work against this sandbox.`;

function number(
  value: string | undefined,
  flag: string,
  check: (n: number) => boolean,
  hint: string,
): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed) || !check(parsed))
    throw new UsageError(`--${flag} must be ${hint}, got "${value}".`);
  return parsed;
}

/** `ferry-sandbox [flags]`: serves until `context.stopped`; answers the exit code (0, or 2 for bad input). */
export async function runSandboxCli(args: string[], context: SandboxCliContext): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    context.stdout.write(`${usage}\n`);
    return 0;
  }
  try {
    return await serve(args, context);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    context.stderr.write(`ferry-sandbox: ${error.message}\nRun \`ferry-sandbox --help\` for usage.\n`);
    return 2;
  }
}

async function serve(args: string[], context: SandboxCliContext): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        seed: { type: 'string' },
        'latency-ms': { type: 'string' },
        'rate-limit': { type: 'string' },
        'fault-rate': { type: 'string' },
        'ingestion-ms': { type: 'string' },
        'upload-bytes-per-second': { type: 'string' },
        'stop-reading-after-bytes': { type: 'string' },
        'no-rate-limit-headers': { type: 'boolean' },
        'refuse-download-purposes': { type: 'string' },
        json: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const seedName = values.seed ?? 'demo';
  if (seedName !== 'demo' && seedName !== 'empty' && !existsSync(seedName)) {
    throw new UsageError(`--seed must be demo, empty or a path to a seed JSON file; "${seedName}" does not exist.`);
  }
  // A seed file that cannot be read or parsed is the caller's input, not a failure of the sandbox.
  let seed;
  try {
    seed = resolveSeed(seedName);
  } catch (error) {
    throw new UsageError(
      `--seed ${seedName} is not a usable seed file (${error instanceof Error ? error.message : String(error)}). Give demo, empty, or a JSON file with a "tenants" array.`,
    );
  }
  const options: SandboxOptions = { seed };
  const port = number(
    values.port,
    'port',
    (n) => Number.isInteger(n) && n >= 0 && n <= 65_535,
    'an integer from 0 to 65535',
  );
  const latencyMs = number(values['latency-ms'], 'latency-ms', (n) => n >= 0, 'a number of milliseconds ≥ 0');
  const rateLimitRpm = number(values['rate-limit'], 'rate-limit', (n) => n >= 1, 'a number of requests per minute ≥ 1');
  const faultRate = number(values['fault-rate'], 'fault-rate', (n) => n >= 0 && n <= 1, 'a number from 0 to 1');
  const ingestionMs = number(values['ingestion-ms'], 'ingestion-ms', (n) => n >= 0, 'a number of milliseconds ≥ 0');
  if (port !== undefined) options.port = port;
  if (values.host !== undefined) options.host = values.host;
  if (latencyMs !== undefined) options.latencyMs = latencyMs;
  if (rateLimitRpm !== undefined) options.rateLimitRpm = rateLimitRpm;
  if (faultRate !== undefined) options.faultRate = faultRate;
  if (ingestionMs !== undefined) options.ingestionMs = ingestionMs;
  const uploadBytesPerSecond = number(
    values['upload-bytes-per-second'],
    'upload-bytes-per-second',
    (n) => Number.isInteger(n) && n >= 1,
    'an integer number of bytes ≥ 1',
  );
  const stopReadingAfterBytes = number(
    values['stop-reading-after-bytes'],
    'stop-reading-after-bytes',
    (n) => Number.isInteger(n) && n >= 0,
    'an integer number of bytes ≥ 0',
  );
  options.link = {
    ...(uploadBytesPerSecond === undefined ? {} : { uploadBytesPerSecond }),
    ...(stopReadingAfterBytes === undefined ? {} : { stopReadingAfterBytes }),
    ...(values['no-rate-limit-headers'] ? { rateLimitHeaders: false } : {}),
  };
  if (values['refuse-download-purposes'] !== undefined) {
    const purposes = values['refuse-download-purposes']
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    if (purposes.length === 0)
      throw new UsageError('--refuse-download-purposes must list purposes separated by commas, e.g. fine-tune,evals.');
    options.refuseDownloadPurposes = purposes;
  }

  const sandbox = await startSandbox(options).catch((error: unknown) => {
    // The seed's objects pass the API's own validation; one that fails it is a bad seed file.
    if (error instanceof ApiError)
      throw new UsageError(
        `--seed ${seedName} holds an object the API would refuse: ${error.message} Fix the seed file.`,
      );
    throw error;
  });
  try {
    const tenants = sandbox.tenants;
    const organizations = sandbox.organizations;
    if (values.json) context.stdout.write(`${JSON.stringify({ url: sandbox.url, tenants, organizations })}\n`);
    else {
      context.stdout.write(`Sandbox serving at ${sandbox.url}\n`);
      const width = Math.max(...tenants.map((tenant) => tenant.name.length));
      for (const tenant of tenants) {
        context.stdout.write(
          `  ${tenant.name.padEnd(width)}  ${tenant.key}  ${tenant.organization}  ${tenant.project}\n`,
        );
      }
      for (const organization of organizations) {
        const projects = organization.projects.map((project) => project.name).join(', ');
        context.stdout.write(`  Organization ${organization.name}  ${organization.adminKey}  projects: ${projects}\n`);
      }
      context.stdout.write('Press Ctrl-C to stop.\n');
    }
    await context.stopped;
  } finally {
    await sandbox.stop();
  }
  return 0;
}
