/**
 * Benchmark: a re-run of an unchanged clone (the clone-speed organisation times 4, or --scale N) must
 * send no write and take no longer than listing both sides, the least any re-run must read.
 * Run: node tests/bench/rerun-noop.bench.ts [--scale N]
 */
import { SCALE_SOURCE, SCALE_TARGET, scaleSeed } from '../support/scale-seed.ts';
import { measureClone } from './clone-run.ts';

const LATENCY_MS = 80;
/** Issue 20: a no-op re-run "takes no longer than listing both sides": its wall over listing both sides. */
const LIST_BOTH_RATIO = 1;
const args = process.argv.slice(2);
const scale = args.includes('--scale') ? Number(args[args.indexOf('--scale') + 1]) : 4;
const { seed, files, counts } = scaleSeed(scale);
const { clone, rerun } = await measureClone({
  seed,
  files,
  from: SCALE_SOURCE,
  to: SCALE_TARGET,
  latencyMs: LATENCY_MS,
  ingestionMs: 500,
  scriptAssistants: counts.assistants,
  rerun: true,
});
if (!rerun) throw new Error('no re-run measured');
console.log(
  `${scale}x (${counts.objects} objects): clone ${(clone.wallMs / 1000).toFixed(1)} s; re-run ${(rerun.wallMs / 1000).toFixed(1)} s with ${rerun.requests} requests, ${rerun.writes} writes; listing both sides ${(rerun.listBothMs / 1000).toFixed(1)} s (${(rerun.wallMs / rerun.listBothMs).toFixed(2)}x)`,
);
const pass =
  rerun.writes === 0 && rerun.state === 'done' && rerun.verified && rerun.wallMs <= rerun.listBothMs * LIST_BOTH_RATIO;
console.log(
  JSON.stringify({
    bench: 'rerun-noop',
    scale,
    objects: counts.objects,
    cloneMs: clone.wallMs,
    rerunMs: rerun.wallMs,
    requests: rerun.requests,
    writes: rerun.writes,
    listBothMs: rerun.listBothMs,
    target: `0 writes, <= ${LIST_BOTH_RATIO}x listing both sides`,
    pass,
  }),
);
