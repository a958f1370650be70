import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Finds the Electron executable the way the `electron` package's index.js does, minus the download:
 * `require('electron')` from Node (and `npx electron`) fetch the binary when it is missing, which fails
 * (slowly) on machines without internet. `npm start` and the Electron e2e test use this instead and fall
 * back or skip when it answers null. Plain Node; never imports 'electron'.
 */
export function findElectronBinary(
  appDir: string,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string | null {
  const packageDir = join(appDir, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  const recorded = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const executable = recorded || defaultExecutable(platform);
  const overrideDir = env['ELECTRON_OVERRIDE_DIST_PATH']?.trim();
  const candidate = overrideDir
    ? join(overrideDir, executable)
    : recorded
      ? join(packageDir, 'dist', executable)
      : null;
  return candidate !== null && existsSync(candidate) ? candidate : null;
}

/** The executable's path inside an Electron dist folder, as electron/install.js records it in path.txt. */
function defaultExecutable(platform: NodeJS.Platform): string {
  switch (platform) {
    case 'darwin':
      return 'Electron.app/Contents/MacOS/Electron';
    case 'win32':
      return 'electron.exe';
    default:
      return 'electron';
  }
}

/** The one line `npm start` prints when it falls back to browser mode. */
export const NO_ELECTRON_MESSAGE =
  "Electron's binary is not installed here (it cannot be downloaded on this machine); starting browser mode instead.";
