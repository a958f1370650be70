import Conf from 'conf';
import { PRIVATE_FILE_MODE } from './private-state.ts';

/**
 * The little the core needs from a settings file. `conf` (plain Node) and `electron-store` (the Electron
 * shell) both satisfy it and write the same JSON file when given the same folder and name, so the app,
 * browser mode and the CLI share one `settings.json`.
 */
export interface SettingsStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  /** Called when the file changes, including from another process (the CLI while the app runs). */
  onDidAnyChange(callback: () => void): () => void;
  /** Stops watching the file, so a short-lived process (the CLI, a test) can exit. */
  close(): void;
}

export const SETTINGS_NAME = 'settings';

/** The plain-Node settings store: `settings.json` in the state folder, written atomically by conf. */
export function openSettings(stateDir: string, options: { watch?: boolean } = {}): SettingsStore {
  const conf = new Conf<Record<string, unknown>>({
    cwd: stateDir,
    configName: SETTINGS_NAME,
    projectName: 'ferry',
    // Long-running shells watch, so they see connections the CLI adds while they run.
    watch: options.watch ?? false,
    // Property names such as "connections" never contain dots; keep lookups literal.
    accessPropertiesByDotNotation: false,
    // Connections (never keys) are still nobody else's business.
    configFileMode: PRIVATE_FILE_MODE,
  });
  return {
    get: (key) => conf.get(key),
    set: (key, value) => conf.set(key, value),
    onDidAnyChange: (callback) => conf.onDidAnyChange(() => callback()),
    close: () => conf._closeWatcher(),
  };
}
