/**
 * One measured clone against a sandbox of its own process (so CPU and memory are Ferry's, not the
 * server's): wall, Ferry's CPU, peak RSS, requests, the bytes of job events, and the bound each is read
 * against. Used by clone-growth, rerun-noop and bigstore-10k; each scale runs in a child process of its
 * own so one run's peak RSS is not the next one's.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Session } from 'node:inspector/promises';
import type { SeedObject } from 'ferry-sandbox';
import type { Core } from '../../electron/core/core.ts';
import { benchHome, control, startBenchSandbox, type BenchSandbox } from './harness.ts';

/** What the scheduler keeps in flight at most: with every request taking the latency, the fastest a run can be. */
export const IN_FLIGHT = 96;

export interface CloneFigures {
  wallMs: number;
  cpuMs: number;
  peakRssMb: number;
  requests: number;
  writes: number;
  /** requests × latency / 96: the wall a run cannot beat with 96 requests in flight. */
  boundMs: number;
  /** What the seed guide's sequential script would take for as many objects: its requests × latency. */
  scriptMs: number;
  eventBytes: number;
  events: number;
  state: string;
  verified: boolean;
  /** Requests per side and route ("destination GET /v1/files"): exact, whatever the load. */
  counts: Record<string, number>;
}

export interface RunOptions {
  seed: SeedObject;
  files: { filename: string; content: string }[];
  from: string;
  to: string;
  latencyMs: number;
  ingestionMs: number;
  /** Assistants the seed script would copy (it copies assistants only: list pages, a retrieve and a create each). */
  scriptAssistants: number;
  /** Also re-run the clone once it is done, counting the re-run's writes (rerun-noop). */
  rerun?: boolean;
  /** Faults the sandbox injects into the clone (not the re-run): lost answers, say. */
  faults?: Array<{ kind: string; count?: number; tenant?: string; route?: string }>;
}

/**
 * BENCH_PROFILE_CLONE=DIR writes a CPU profile of Ferry's process covering only the measured clone (not
 * the seeding, module loading or cleanup around it), for finding where the clone's CPU goes.
 */
async function profiler(): Promise<(name: string) => Promise<void>> {
  const dir = process.env['BENCH_PROFILE_CLONE'];
  if (!dir) return async () => {};
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async (name) => {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  };
}

const totalOf = (counts: Record<string, number>, keep: (route: string) => boolean) =>
  Object.entries(counts)
    .filter(([route]) => keep(route))
    .reduce((sum, [, n]) => sum + n, 0);

async function requestCounts(sandbox: BenchSandbox, tenant: string): Promise<Record<string, number>> {
  return (await control<{ counts: Record<string, number> }>(sandbox, `/requests?tenant=${encodeURIComponent(tenant)}`))
    .counts;
}

/**
 * Measures a clone in a process of its own that never holds the seed: the seed and the originals go to
 * disk here, and the measuring process reads only their paths. Ferry's peak RSS is then Ferry's, not the
 * benchmark's own copy of the organisation (132 MB of seed objects at 64x, in the process measured).
 */
export async function measureClone(
  options: RunOptions,
): Promise<{ clone: CloneFigures; rerun?: CloneFigures & { listBothMs: number } }> {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-bench-clone-'));
  try {
    const seedPath = join(dir, 'seed.json');
    writeFileSync(seedPath, JSON.stringify(options.seed));
    const originals = join(dir, 'originals');
    mkdirSync(originals);
    for (const file of options.files) writeFileSync(join(originals, file.filename), file.content);
    const { seed: _seed, files: _files, ...rest } = options;
    const measured: MeasureOptions = { ...rest, seedPath, originals };
    return await inChild(fileURLToPath(import.meta.url), ['--measure', JSON.stringify(measured)]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What the measuring process is told: the run's options, with the seed and originals as paths. */
type MeasureOptions = Omit<RunOptions, 'seed' | 'files'> & { seedPath: string; originals: string };

async function measureInThisProcess(
  options: MeasureOptions,
): Promise<{ clone: CloneFigures; rerun?: CloneFigures & { listBothMs: number } }> {
  const sandbox = await startBenchSandbox(options.seedPath, [
    '--latency-ms',
    String(options.latencyMs),
    '--ingestion-ms',
    String(options.ingestionMs),
    '--rate-limit',
    '100000',
  ]);
  const home = await benchHome(sandbox);
  const originals = options.originals;
  try {
    const core = await home.core();
    let eventBytes = 0;
    let events = 0;
    core.subscribe((event) => {
      if (event.type !== 'job.updated') return;
      events += 1;
      eventBytes += Buffer.byteLength(JSON.stringify(event));
    });
    const run = async (faults: RunOptions['faults'] = []): Promise<CloneFigures> => {
      eventBytes = 0;
      events = 0;
      await control(sandbox, '/requests', { method: 'DELETE' });
      for (const fault of faults)
        await control(sandbox, '/faults/inject', { method: 'POST', body: JSON.stringify(fault) });
      const stopProfile = await profiler();
      const started = performance.now();
      const cpu = process.cpuUsage();
      const plan = await core.call('clone.plan', {
        from: options.from,
        to: options.to,
        all: true,
        filesDir: originals,
      });
      const job = await core.jobs.wait((await core.call('clone.apply', { planId: plan.id })).id);
      const wallMs = performance.now() - started;
      const used = process.cpuUsage(cpu);
      await stopProfile(`clone-${process.pid}-${Date.now()}`);
      const counts: Record<string, number> = {};
      for (const [side, tenant] of [
        ['source', options.from],
        ['destination', options.to],
      ] as const)
        for (const [route, n] of Object.entries(await requestCounts(sandbox, tenant))) counts[`${side} ${route}`] = n;
      const requests = totalOf(counts, () => true);
      const pages = Math.ceil(options.scriptAssistants / 100);
      return {
        wallMs: Math.round(wallMs),
        cpuMs: Math.round((used.user + used.system) / 1000),
        peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
        requests,
        writes: totalOf(counts, (route) => !route.includes(' GET ')),
        boundMs: Math.round((requests * options.latencyMs) / IN_FLIGHT),
        scriptMs: (pages + 2 * options.scriptAssistants) * options.latencyMs,
        eventBytes,
        events,
        state: job.state,
        verified: job.verify?.clean === true,
        counts,
      };
    };
    const clone = await run(options.faults);
    if (!options.rerun) {
      await core.dispose();
      return { clone };
    }
    const rerun = await run();
    const listBothMs = await listBothSides(core, options.from, options.to);
    await core.dispose();
    return { clone, rerun: { ...rerun, listBothMs } };
  } finally {
    home.cleanup();
    await sandbox.stop();
  }
}

/**
 * What a re-run cannot beat: listing both sides once, every list a re-run must read (assistants, vector
 * stores, each store's files, files), all at once, through the re-run's own gateways: the same client,
 * scheduler and concurrency as the re-run's listing, warmed by the same runs. Each store's files are listed
 * as soon as the store list comes back, as the plan lists them; models and capabilities (one request each)
 * are left out. Wall time, in the measuring process.
 */
async function listBothSides(core: Core, from: string, to: string): Promise<number> {
  const started = performance.now();
  const sides = await Promise.all([core.gateways.get(from), core.gateways.get(to)]);
  await Promise.all(
    sides.flatMap((side) => [
      side.assistants.list(),
      side.files.list(),
      side.vectorStores
        .list()
        .then((stores) => Promise.all(stores.map((store) => side.vectorStores.listFiles(store.id)))),
    ]),
  );
  return Math.round(performance.now() - started);
}

if (process.argv[2] === '--measure') {
  console.log(JSON.stringify(await measureInThisProcess(JSON.parse(process.argv[3] ?? '{}') as MeasureOptions)));
}

/** Runs `script` with `args` in a child process and returns the JSON line it prints last. */
export async function inChild<T>(script: string, args: string[]): Promise<T> {
  const child = spawn(process.execPath, [...process.execArgv, script, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (data: Buffer) => (out += data.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const line = out
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .at(-1);
  if (code !== 0 || !line) throw new Error(`${script} ${args.join(' ')} exited with ${code}: ${out}`);
  return JSON.parse(line) as T;
}
