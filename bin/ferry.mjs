#!/usr/bin/env node
// The `ferry` command. Ferry's core and CLI are TypeScript run straight from source through Node's
// type stripping (on by default from Node 22.18 / 23.6). On an older Node that has it behind a flag,
// re-run this process with the flag rather than shipping a second, compiled copy of the code.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(`ferry needs Node.js 22.12 or newer (this is ${process.versions.node}). Install Node 24 LTS.`);
  process.exit(2);
}

if (!process.features.typescript) {
  const result = spawnSync(
    process.execPath,
    [
      '--experimental-strip-types',
      '--disable-warning=ExperimentalWarning',
      fileURLToPath(import.meta.url),
      ...process.argv.slice(2),
    ],
    { stdio: 'inherit' },
  );
  process.exit(result.status ?? 1);
}

const { main } = await import('../electron/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
