/**
 * Benchmark (b): a clone against a 600 requests/minute limit on both organizations. How much of the limit
 * Ferry uses (requests sent against what the limit allowed over the run: the 600 the bucket holds at the
 * start plus 10 a second refilled), how many 429s the server sent, and how many reached the job (target 0).
 * `--rpm N` sets another limit and grows the organization with it (stores, files and assistants times
 * N/600), so the clone again asks about 1.6 times what the bucket holds and the limit, not the start, sets
 * the pace: clone-rate-limit-10k at 10,000 rpm.
 * Run: node tests/bench/clone-rate-limit.bench.ts [--rpm N]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SeedObject } from 'ferry-sandbox';
import { benchHome, control, document, startBenchSandbox } from './harness.ts';

const rpmAt = process.argv.indexOf('--rpm');
const RPM = rpmAt >= 0 ? Number(process.argv[rpmAt + 1]) : 600;
if (!Number.isInteger(RPM) || RPM < 600)
  throw new Error('--rpm takes a whole number of requests a minute, 600 or more');
const scale = Math.round(RPM / 600);
const name = RPM === 600 ? 'clone-rate-limit' : `clone-rate-limit-${RPM >= 1000 ? `${RPM / 1000}k` : RPM}`;
const UTILIZATION = 0.95;
const STORES = 10 * scale;
const FILES_PER_STORE = 60;
const ASSISTANTS = 300 * scale;

const files = Array.from({ length: STORES * FILES_PER_STORE }, (_, i) => ({
  ref: `f${i}`,
  filename: `doc-${String(i).padStart(4, '0')}.md`,
  purpose: 'assistants',
  content: document(i, 1024),
}));
const seed: SeedObject = {
  tenants: [
    {
      name: 'Source',
      models: ['gpt-4o'],
      files,
      vectorStores: Array.from({ length: STORES }, (_, s) => ({
        ref: `vs${s}`,
        name: `Store ${s}`,
        files: Array.from({ length: FILES_PER_STORE }, (_, j) => ({ file: `f${s * FILES_PER_STORE + j}` })),
      })),
      assistants: Array.from({ length: ASSISTANTS }, (_, a) => ({
        name: `Assistant ${a}`,
        model: 'gpt-4o',
        tools: [{ type: 'file_search' }],
        fileSearchVectorStores: [`vs${a % STORES}`],
      })),
    },
    { name: 'Target', models: ['gpt-4o'] },
  ],
};

const sandbox = await startBenchSandbox(seed, [
  '--latency-ms',
  '20',
  '--ingestion-ms',
  '300',
  '--rate-limit',
  String(RPM),
]);
const home = await benchHome(sandbox);
const originals = mkdtempSync(join(tmpdir(), 'ferry-bench-originals-'));
for (const file of files) writeFileSync(join(originals, file.filename), file.content);

try {
  const core = await home.core();
  await control(sandbox, '/requests', { method: 'DELETE' });
  const started = performance.now();
  const plan = await core.call('clone.plan', { from: 'Source', to: 'Target', all: true, filesDir: originals });
  const job = await core.jobs.wait((await core.call('clone.apply', { planId: plan.id })).id);
  const seconds = (performance.now() - started) / 1000;
  const stats = (await core.gateways.get('Target')).scheduler.stats;
  await core.dispose();

  const { counts } = await control<{ counts: Record<string, number> }>(sandbox, `/requests?tenant=Target`);
  const sent = Object.values(counts).reduce((a, b) => a + b, 0);
  // Requests the server accepted (a 429 is counted when it arrives, so take those out).
  const accepted = sent - stats.throttled;
  const allowed = RPM + (RPM / 60) * seconds;
  const utilization = Math.min(accepted, allowed) / allowed;
  const reachedJob = job.items.filter((i) => /rate limit|429/i.test(i.error ?? '')).length;
  console.log(
    JSON.stringify({
      bench: name,
      limitRpm: RPM,
      seconds: Number(seconds.toFixed(1)),
      requestsToDestination: sent,
      accepted,
      allowedByLimit: Math.round(allowed),
      utilization: Number(utilization.toFixed(3)),
      achievedRpm: Math.round((accepted / seconds) * 60),
      throttledResponses: stats.throttled,
      retries: stats.retries,
      rateLimitErrorsInJob: reachedJob,
      jobState: job.state,
      verified: job.verify?.clean ?? false,
      // Per route, exact whatever the load: where the requests went.
      counts,
      target: `utilization >= ${UTILIZATION}, 0 rate-limit errors in the job`,
      pass: utilization >= UTILIZATION && reachedJob === 0 && job.state === 'done',
    }),
  );
} finally {
  rmSync(originals, { recursive: true, force: true });
  home.cleanup();
  await sandbox.stop();
}
