/**
 * What the 1 GB benches share: four 256 MB originals on disk, a source org holding them (uploaded by
 * Ferry's own uploader) with an assistant that uses them, and a `ferry` run whose peak resident memory
 * (VmHWM) is read from /proc while it runs.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchHome, startBenchSandbox } from './harness.ts';
import { FERRY_BIN } from '../support/run-ferry.ts';

export const FILES = 4;
export const FILE_BYTES = 256 * 1024 * 1024;

/**
 * The setting both benches start from, or null where peak memory cannot be read (not Linux; the bench
 * then says so and exits 0): a sandbox with an empty Source and Target, a Ferry home, a folder for the
 * originals.
 */
export async function startLargeBench(bench: string) {
  if (process.platform !== 'linux') {
    console.log(JSON.stringify({ bench, skipped: 'reads peak memory from /proc (Linux only)' }));
    return null;
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
  return { sandbox, home, originals };
}

/** Writes the originals into `dir` a megabyte at a time, and gives them to the org named `Source`. */
export async function seedLargeSource(home: Awaited<ReturnType<typeof benchHome>>, dir: string): Promise<void> {
  const chunk = Buffer.alloc(1024 * 1024);
  for (let f = 0; f < FILES; f += 1) {
    const out = createWriteStream(join(dir, `dataset-${f}.csv`));
    for (let mb = 0; mb < FILE_BYTES / chunk.length; mb += 1) {
      chunk.fill(48 + ((f + mb) % 10));
      if (!out.write(chunk)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
  }
  const core = await home.core();
  const source = await core.gateways.get('Source');
  const ids: string[] = [];
  for (let f = 0; f < FILES; f += 1) {
    const path = join(dir, `dataset-${f}.csv`);
    ids.push(
      (
        await source.files.uploadFromDisk({
          path,
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
}

/** Runs `ferry ARGS` (which must print one JSON summary) and samples the process's peak memory. */
export async function measuredFerry(args: string[], env: NodeJS.ProcessEnv) {
  const started = performance.now();
  const child = spawn(process.execPath, [FERRY_BIN, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
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
  const summary = JSON.parse(output) as { state: string; verify?: { clean: boolean } };
  return {
    exitCode: code,
    jobState: summary.state,
    verified: summary.verify?.clean ?? false,
    seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
    peakMb: Number((peakKb / 1024).toFixed(1)),
  };
}
