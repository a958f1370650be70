/**
 * Benchmark: one vector store of 10,000 files (and an assistant using it), cloned against a sandbox with
 * 80 ms latency: wall against the 96-in-flight bound, peak RSS against 250 MB, then a re-run's writes.
 * Run: node tests/bench/bigstore-10k.bench.ts [--files N]
 */
import { bigStoreSeed, SCALE_SOURCE, SCALE_TARGET } from '../support/scale-seed.ts';
import { measureClone } from './clone-run.ts';

const LATENCY_MS = 80;
const RSS_MB = 250;
const args = process.argv.slice(2);
const count = args.includes('--files') ? Number(args[args.indexOf('--files') + 1]) : 10_000;
const { seed, files } = bigStoreSeed(count);
const { clone, rerun } = await measureClone({
  seed,
  files,
  from: SCALE_SOURCE,
  to: SCALE_TARGET,
  latencyMs: LATENCY_MS,
  ingestionMs: 500,
  scriptAssistants: 1,
  rerun: true,
});
if (!rerun) throw new Error('no re-run measured');
console.log(
  `${count} files in one store: clone ${(clone.wallMs / 1000).toFixed(1)} s = ${(clone.wallMs / clone.boundMs).toFixed(2)}x the 96-in-flight bound (${clone.requests} requests); CPU ${(clone.cpuMs / 1000).toFixed(1)} s; peak RSS ${clone.peakRssMb} MB (bound ${RSS_MB}); ${(clone.eventBytes / 2 ** 20).toFixed(2)} MB of job events; re-run ${(rerun.wallMs / 1000).toFixed(1)} s, ${rerun.writes} writes`,
);
const pass =
  clone.state === 'done' &&
  clone.verified &&
  clone.wallMs <= 1.5 * clone.boundMs &&
  clone.peakRssMb < RSS_MB &&
  rerun.writes === 0;
console.log(
  JSON.stringify({
    bench: 'bigstore-10k',
    files: count,
    ...clone,
    rerunMs: rerun.wallMs,
    rerunWrites: rerun.writes,
    target: `wall <= 1.5x the 96-in-flight bound, peak RSS < ${RSS_MB} MB, re-run 0 writes`,
    pass,
  }),
);
