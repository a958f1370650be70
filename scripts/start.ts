// `npm start`: builds the renderer and the Electron shell, then launches Electron on this folder. Where
// the Electron binary is not installed (it cannot be downloaded on machines without internet), it says so
// in one line and runs browser mode instead. Signals reach the child; the exit code is the child's.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary, NO_ELECTRON_MESSAGE } from '../electron/desktop/electron-binary.ts';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
const forwarded = process.argv.slice(2);

function build(label: string, args: string[]): void {
  const result = spawnSync(process.execPath, [vite, 'build', ...args], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`npm start: the ${label} build failed; not starting.`);
    process.exit(result.status ?? 1);
  }
}

function run(child: ChildProcess): void {
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const relay = (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  for (const signal of signals) process.on(signal, relay);
  child.on('error', (error) => {
    console.error(`npm start: could not start ${child.spawnfile}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    for (const s of signals) process.off(s, relay);
    // A child killed by a signal exits the way a shell reports it: 128 + the signal's number.
    process.exit(code ?? (signal ? 128 + (osSignalNumber(signal) ?? 0) : 1));
  });
}

function osSignalNumber(signal: NodeJS.Signals): number | undefined {
  const numbers: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15, SIGKILL: 9 };
  return numbers[signal];
}

build('renderer', []);
build('Electron', ['-c', 'vite.electron.config.ts']);

const electron = findElectronBinary(root);
if (electron) {
  const env = { ...process.env };
  // Set in some shells for tooling; it would make the binary behave as plain Node and ignore the app.
  delete env['ELECTRON_RUN_AS_NODE'];
  run(spawn(electron, [root, ...forwarded], { cwd: root, stdio: 'inherit', env }));
} else {
  console.log(NO_ELECTRON_MESSAGE);
  run(spawn(process.execPath, [join(root, 'bin', 'ferry.mjs'), 'web', ...forwarded], { cwd: root, stdio: 'inherit' }));
}
