/**
 * Benchmark (a): 100 assistants sharing 10 vector stores and 300 files, against the sandbox with 80 ms of
 * latency on every request: Ferry's clone (plan, apply with files, stores and resources, verify) against
 * the user's own sequential cloning script, which copies the assistants' fields only.
 * Run: node tests/bench/clone-speed.bench.ts
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scaleSeed } from '../support/scale-seed.ts';
import { benchHome, control, startBenchSandbox } from './harness.ts';
import { runSeedCloneScript } from './seed-clone-script.ts';

const LATENCY_MS = 80;
const INGESTION_MS = 500;

// The clone-speed organisation: 100 assistants sharing 10 stores of 30 files (tests/support/scale-seed.ts at 1x).
const { seed, files } = scaleSeed(1);

const sandbox = await startBenchSandbox(seed, [
  '--latency-ms',
  String(LATENCY_MS),
  '--ingestion-ms',
  String(INGESTION_MS),
  '--rate-limit',
  '100000',
]);
const home = await benchHome(sandbox);
// The originals of the 300 files, as an admin would have them on disk (assistants-purpose files cannot be downloaded).
const originals = mkdtempSync(join(tmpdir(), 'ferry-bench-originals-'));
mkdirSync(originals, { recursive: true });
for (const file of files) writeFileSync(join(originals, file.filename), file.content);

try {
  const [source, , scriptTarget] = sandbox.tenants;
  const scriptStarted = performance.now();
  const scriptCreated = await runSeedCloneScript(sandbox.url, source!.key, scriptTarget!.key);
  const scriptMs = performance.now() - scriptStarted;

  const core = await home.core();
  const ferryStarted = performance.now();
  const plan = await core.call('clone.plan', {
    from: 'Bench Source',
    to: 'Target (Ferry)',
    all: true,
    filesDir: originals,
  });
  const started = await core.call('clone.apply', { planId: plan.id });
  const job = await core.jobs.wait(started.id);
  const ferryMs = performance.now() - ferryStarted;
  await core.dispose();

  const objects = await control<{ assistants: unknown[]; files: unknown[]; vectorStores: unknown[] }>(
    sandbox,
    `/tenants/${encodeURIComponent('Target (Ferry)')}/objects`,
  );
  if (job.state !== 'done' || !job.verify?.clean)
    throw new Error(`Ferry's clone did not finish cleanly: ${job.state} ${job.detail}`);
  const speedup = scriptMs / ferryMs;
  console.log(
    JSON.stringify({
      bench: 'clone-speed',
      latencyMs: LATENCY_MS,
      ingestionMs: INGESTION_MS,
      script: { ms: Math.round(scriptMs), assistants: scriptCreated },
      ferry: {
        ms: Math.round(ferryMs),
        assistants: objects.assistants.length,
        vectorStores: objects.vectorStores.length,
        files: objects.files.length,
        verified: job.verify.clean,
      },
      speedup: Number(speedup.toFixed(1)),
      target: '>= 10x',
      pass: speedup >= 10,
    }),
  );
} finally {
  rmSync(originals, { recursive: true, force: true });
  home.cleanup();
  await sandbox.stop();
}
