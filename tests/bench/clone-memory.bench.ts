/**
 * Benchmark (c): cloning 1 GB of files (four 256 MB code-interpreter files, whose originals are on disk)
 * with the `ferry clone` CLI, and the peak resident memory of that process (VmHWM, read from /proc while
 * it runs). Target: under 250 MB, whatever the file sizes. The sandbox runs in a process of its own.
 * Run: node tests/bench/clone-memory.bench.ts
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { benchHome, startBenchSandbox } from './harness.ts';
import { FERRY_BIN } from '../support/run-ferry.ts';

const FILES = 4;
const FILE_BYTES = 256 * 1024 * 1024;

if (process.platform !== 'linux') {
  console.log(JSON.stringify({ bench: 'clone-memory', skipped: 'reads peak memory from /proc (Linux only)' }));
  process.exit(0);
}

const sandbox = await startBenchSandbox(
  {
    tenants: [
      { name: 'Source', models: ['gpt-4o'] },
      { name: 'Target', models: ['gpt-4o'] },
    ],
  },
  ['--latency-ms', '5'],
);
const home = await benchHome(sandbox);
const originals = mkdtempSync(join(tmpdir(), 'ferry-bench-large-'));

try {
  // Originals on disk, written a megabyte at a time.
  const chunk = Buffer.alloc(1024 * 1024);
  for (let f = 0; f < FILES; f += 1) {
    const out = createWriteStream(join(originals, `dataset-${f}.csv`));
    for (let mb = 0; mb < FILE_BYTES / chunk.length; mb += 1) {
      chunk.fill(48 + ((f + mb) % 10));
      if (!out.write(chunk)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
  }
  // The source organization gets them through Ferry's own uploader, and an assistant that uses them.
  const core = await home.core();
  const source = await core.gateways.get('Source');
  const ids: string[] = [];
  for (let f = 0; f < FILES; f += 1) {
    ids.push(
      (
        await source.files.uploadFromDisk({
          path: join(originals, `dataset-${f}.csv`),
          filename: `dataset-${f}.csv`,
          purpose: 'assistants',
          bytes: FILE_BYTES,
        })
      ).id,
    );
  }
  await source.assistants.create({
    model: 'gpt-4o',
    name: 'Data cruncher',
    tools: [{ type: 'code_interpreter' }],
    tool_resources: { code_interpreter: { file_ids: ids } },
  });
  await core.dispose();

  const started = performance.now();
  const child = spawn(
    process.execPath,
    [FERRY_BIN, 'clone', '--from', 'Source', '--to', 'Target', '--all', '--files-dir', originals, '--yes', '--json'],
    {
      env: { ...process.env, ...home.env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let peakKb = 0;
  const sample = setInterval(() => {
    try {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (match) peakKb = Math.max(peakKb, Number(match[1]));
    } catch {
      // The process has just exited.
    }
  }, 20);
  let output = '';
  child.stdout.on('data', (data: Buffer) => (output += data.toString()));
  const [code] = (await once(child, 'exit')) as [number];
  clearInterval(sample);
  const seconds = (performance.now() - started) / 1000;
  const summary = JSON.parse(output) as { state: string; verify?: { clean: boolean } };
  const peakMb = peakKb / 1024;
  console.log(
    JSON.stringify({
      bench: 'clone-memory',
      bytes: FILES * FILE_BYTES,
      files: FILES,
      exitCode: code,
      jobState: summary.state,
      verified: summary.verify?.clean ?? false,
      seconds: Number(seconds.toFixed(1)),
      peakRssMb: Number(peakMb.toFixed(1)),
      target: '< 250 MB',
      pass: code === 0 && peakMb < 250,
    }),
  );
} finally {
  rmSync(originals, { recursive: true, force: true });
  home.cleanup();
  await sandbox.stop();
}
