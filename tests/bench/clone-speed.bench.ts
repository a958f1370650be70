/**
 * Benchmark (a): 100 assistants sharing 10 vector stores and 300 files, against the sandbox with 80 ms of
 * latency on every request: Ferry's clone (plan, apply with files, stores and resources, verify) against
 * the user's own sequential cloning script, which copies the assistants' fields only.
 * Run: node tests/bench/clone-speed.bench.ts
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SeedObject } from 'ferry-sandbox';
import { benchHome, control, document, startBenchSandbox } from './harness.ts';
import { runSeedCloneScript } from './seed-clone-script.ts';

const LATENCY_MS = 80;
const INGESTION_MS = 500;
const STORES = 10;
const FILES_PER_STORE = 30;
const ASSISTANTS = 100;

const files = Array.from({ length: STORES * FILES_PER_STORE }, (_, i) => ({ ref: `f${i}`, filename: `policy-${String(i).padStart(3, '0')}.md`, purpose: 'assistants', content: document(i, 2048) }));
const seed: SeedObject = {
  tenants: [
    {
      name: 'Bench Source',
      models: ['gpt-4o', 'gpt-4o-mini'],
      files,
      vectorStores: Array.from({ length: STORES }, (_, s) => ({
        ref: `vs${s}`,
        name: `Knowledge base ${s}`,
        metadata: { team: `team-${s}` },
        files: Array.from({ length: FILES_PER_STORE }, (_, j) => ({ file: `f${s * FILES_PER_STORE + j}`, attributes: { section: j, team: `team-${s}` } })),
      })),
      assistants: Array.from({ length: ASSISTANTS }, (_, a) => ({
        name: `Assistant ${a}`,
        model: a % 2 ? 'gpt-4o' : 'gpt-4o-mini',
        description: `Bench assistant ${a}`,
        instructions: `You answer questions for team ${a % STORES} from its knowledge base.`,
        tools: [
          { type: 'file_search' },
          { type: 'function', function: { name: 'open_ticket', description: 'Open a ticket', parameters: { type: 'object', properties: { title: { type: 'string' } }, required: ['title'] } } },
        ],
        fileSearchVectorStores: [`vs${a % STORES}`],
        temperature: 0.5,
        metadata: { owner: `team-${a % STORES}` },
      })),
    },
    { name: 'Target (Ferry)', models: ['gpt-4o', 'gpt-4o-mini'] },
    { name: 'Target (script)', models: ['gpt-4o', 'gpt-4o-mini'] },
  ],
};

const sandbox = await startBenchSandbox(seed, ['--latency-ms', String(LATENCY_MS), '--ingestion-ms', String(INGESTION_MS), '--rate-limit', '100000']);
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
  const cpuBefore = process.cpuUsage();
  const plan = await core.call('clone.plan', { from: 'Bench Source', to: 'Target (Ferry)', all: true, filesDir: originals });
  const started = await core.call('clone.apply', { planId: plan.id });
  const planMs = performance.now() - ferryStarted;
  const job = await core.jobs.wait(started.id);
  const ferryMs = performance.now() - ferryStarted;
  await core.dispose();

  const objects = await control<{ assistants: unknown[]; files: unknown[]; vectorStores: unknown[] }>(sandbox, `/tenants/${encodeURIComponent('Target (Ferry)')}/objects`);
  if (job.state !== 'done' || !job.verify?.clean) throw new Error(`Ferry's clone did not finish cleanly: ${job.state} ${job.detail}`);
  const speedup = scriptMs / ferryMs;
  console.log(JSON.stringify({
    bench: 'clone-speed',
    latencyMs: LATENCY_MS,
    ingestionMs: INGESTION_MS,
    script: { ms: Math.round(scriptMs), assistants: scriptCreated },
    ferry: { ms: Math.round(ferryMs), assistants: objects.assistants.length, vectorStores: objects.vectorStores.length, files: objects.files.length, verified: job.verify.clean },
    speedup: Number(speedup.toFixed(1)),
    target: '>= 8x',
    pass: speedup >= 8,
  }));
} finally {
  rmSync(originals, { recursive: true, force: true });
  home.cleanup();
  await sandbox.stop();
}
