#!/usr/bin/env node
// The `ferry-sandbox` command: the sandbox's TypeScript runs straight from source through Node's type
// stripping (on by default from Node 22.18 / 23.6); on an older Node with it behind a flag, re-run with it.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

if (!process.features.typescript) {
  const flags = ['--experimental-strip-types', '--disable-warning=ExperimentalWarning'];
  const result = spawnSync(process.execPath, [...flags, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exit(result.status ?? 1);
}

const { runSandboxCli } = await import('../src/cli.ts');
const stopped = new Promise((resolve) => {
  process.once('SIGINT', resolve);
  process.once('SIGTERM', resolve);
});
process.exitCode = await runSandboxCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stopped,
});
