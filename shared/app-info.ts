import { z } from 'zod';

export const KeychainStatus = z.object({
  available: z.boolean(),
  /** Why not, and what that means for keys entered now (they are kept for this session only). */
  message: z.string(),
});
export type KeychainStatus = z.infer<typeof KeychainStatus>;

export const AppInfo = z.object({
  version: z.string(),
  /** Which shell hosts the core: the Electron app or browser mode. */
  shell: z.enum(['electron', 'web']),
  keychain: KeychainStatus,
  /** Where settings, jobs and logs live (FERRY_HOME, or the platform's app-data folder). */
  stateDir: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;
