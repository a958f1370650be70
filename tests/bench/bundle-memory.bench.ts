/**
 * Benchmark: a 1 GB bundle (four 256 MB code-interpreter files, whose originals are on disk) exported with
 * `ferry export` and imported into another org with `ferry import`, and the peak resident memory of each
 * process (VmHWM, read from /proc while it runs). Target: under 250 MB each, as for clone-memory, beside
 * which it runs. The sandbox runs in a process of its own.
 * Run: node tests/bench/bundle-memory.bench.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FILE_BYTES, FILES, measuredFerry, seedLargeSource, startLargeBench } from './large-files.ts';

const started = await startLargeBench('bundle-memory');
if (!started) process.exit(0);
const { sandbox, home, originals } = started;
const bundle = join(mkdtempSync(join(tmpdir(), 'ferry-bench-bundle-')), 'bundle');

try {
  await seedLargeSource(home, originals);
  const exported = await measured(['export', '--from', 'Source', bundle, '--all', '--files-dir', originals]);
  const imported = await measured(['import', bundle, '--to', 'Target', '--all']);
  const peakMb = Math.max(exported.peakMb, imported.peakMb);
  console.log(
    JSON.stringify({
      bench: 'bundle-memory',
      bytes: FILES * FILE_BYTES,
      files: FILES,
      export: exported,
      import: imported,
      peakRssMb: Number(peakMb.toFixed(1)),
      target: '< 250 MB',
      pass: [exported, imported].every((run) => run.exitCode === 0 && run.verified) && peakMb < 250,
    }),
  );
} finally {
  rmSync(originals, { recursive: true, force: true });
  rmSync(join(bundle, '..'), { recursive: true, force: true });
  home.cleanup();
  await sandbox.stop();
}

function measured(args: string[]) {
  return measuredFerry([...args, '--yes', '--json'], home.env);
}
