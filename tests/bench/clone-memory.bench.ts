/**
 * Benchmark (c): cloning 1 GB of files (four 256 MB code-interpreter files, whose originals are on disk)
 * with the `ferry clone` CLI, and the peak resident memory of that process (VmHWM, read from /proc while
 * it runs). Target: under 250 MB, whatever the file sizes. The sandbox runs in a process of its own.
 * Run: node tests/bench/clone-memory.bench.ts
 */
import { rmSync } from 'node:fs';
import { FILE_BYTES, FILES, measuredFerry, seedLargeSource, startLargeBench } from './large-files.ts';

const started = await startLargeBench('clone-memory');
if (!started) process.exit(0);
const { sandbox, home, originals } = started;

try {
  await seedLargeSource(home, originals);
  const run = await measuredFerry(
    ['clone', '--from', 'Source', '--to', 'Target', '--all', '--files-dir', originals, '--yes', '--json'],
    home.env,
  );
  console.log(
    JSON.stringify({
      bench: 'clone-memory',
      bytes: FILES * FILE_BYTES,
      files: FILES,
      exitCode: run.exitCode,
      jobState: run.jobState,
      verified: run.verified,
      seconds: run.seconds,
      peakRssMb: run.peakMb,
      target: '< 250 MB',
      pass: run.exitCode === 0 && run.peakMb < 250,
    }),
  );
} finally {
  rmSync(originals, { recursive: true, force: true });
  home.cleanup();
  await sandbox.stop();
}
