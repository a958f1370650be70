import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where Ferry keeps settings, jobs and logs. The Electron app, browser mode and the CLI must agree on it,
 * so it is computed here in plain Node (the Electron shell uses this rather than app.getPath('userData')).
 * FERRY_HOME wins, which is how tests and scripts isolate themselves.
 */
export function resolveStateDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  const explicit = env['FERRY_HOME']?.trim();
  if (explicit) return explicit;
  const home = env['HOME'] ?? homedir();
  switch (platform) {
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'Ferry');
    case 'win32':
      return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), 'Ferry');
    default:
      return join(env['XDG_CONFIG_HOME']?.trim() || join(home, '.config'), 'Ferry');
  }
}
