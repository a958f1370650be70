/**
 * Benchmark: the clone-speed organisation (100 assistants, 10 stores, 300 files) times 1, 4 and 16 (and
 * 64 with --large), each scale in a process of its own against a sandbox with 80 ms latency and 500 ms
 * ingestion. Each figure is printed against its bound: the wall a run cannot beat with 96 requests in
 * flight, and the seed script's sequential time for as many assistants; CPU per object against 0.5 ms.
 * Run: node tests/bench/clone-growth.bench.ts [--large] [--scale N [--lost N]]
 */
import { fileURLToPath } from 'node:url';
import { SCALE_SOURCE, SCALE_TARGET, scaleSeed } from '../support/scale-seed.ts';
import { inChild, measureClone, type CloneFigures } from './clone-run.ts';

const LATENCY_MS = 80;
const INGESTION_MS = 500;
const CPU_PER_OBJECT_MS = 0.5;
const WALL_OVER_BOUND = 1.5;

const args = process.argv.slice(2);
const scaleAt = args.indexOf('--scale');
if (scaleAt >= 0) {
  const scale = Number(args[scaleAt + 1]);
  const { seed, files, counts } = scaleSeed(scale);
  // --lost N: the answers to N assistant creates are lost (the server made them): reconcile must find each once.
  const lost = args.includes('--lost') ? Number(args[args.indexOf('--lost') + 1]) : 0;
  const faults =
    lost > 0 ? [{ kind: 'lost_response', count: lost, tenant: SCALE_TARGET, route: 'POST /v1/assistants' }] : [];
  const { clone } = await measureClone({
    seed,
    files,
    from: SCALE_SOURCE,
    to: SCALE_TARGET,
    latencyMs: LATENCY_MS,
    ingestionMs: INGESTION_MS,
    scriptAssistants: counts.assistants,
    faults,
  });
  console.log(JSON.stringify({ scale, objects: counts.objects, lost, ...clone }));
} else {
  const scales = args.includes('--large') ? [1, 4, 16, 64] : [1, 4, 16];
  const self = fileURLToPath(import.meta.url);
  const rows: Array<CloneFigures & { scale: number; objects: number }> = [];
  for (const scale of scales) {
    const row = await inChild<CloneFigures & { scale: number; objects: number }>(self, ['--scale', String(scale)]);
    rows.push(row);
    const perObject = row.cpuMs / row.objects;
    console.log(
      `${String(scale).padStart(3)}x ${String(row.objects).padStart(6)} objects: wall ${(row.wallMs / 1000).toFixed(1)} s = ${(row.wallMs / row.boundMs).toFixed(2)}x the 96-in-flight bound (${(row.boundMs / 1000).toFixed(1)} s, ${row.requests} requests), ` +
        `${(row.scriptMs / row.wallMs).toFixed(1)}x faster than the seed script (${(row.scriptMs / 1000).toFixed(0)} s est.); CPU ${(row.cpuMs / 1000).toFixed(1)} s = ${perObject.toFixed(2)} ms/object (bound ${CPU_PER_OBJECT_MS}); ` +
        `peak RSS ${row.peakRssMb} MB; ${row.events} job events, ${(row.eventBytes / 2 ** 20).toFixed(2)} MB; ${row.state}${row.verified ? ', verified' : ', NOT verified'}`,
    );
  }
  const pass = rows.every(
    (r) =>
      r.state === 'done' &&
      r.verified &&
      r.wallMs <= WALL_OVER_BOUND * r.boundMs &&
      r.cpuMs / r.objects <= CPU_PER_OBJECT_MS,
  );
  console.log(
    JSON.stringify({
      bench: 'clone-growth',
      latencyMs: LATENCY_MS,
      ingestionMs: INGESTION_MS,
      rows,
      target: `wall <= ${WALL_OVER_BOUND}x the 96-in-flight bound, CPU <= ${CPU_PER_OBJECT_MS} ms/object`,
      pass,
    }),
  );
}
