import { z } from 'zod';
import { AppInfo } from '../app-info.ts';
import { method } from './define.ts';

export const NoParams = z.object({}).strict();

export const appApi = {
  /** Version, hosting shell, keychain availability and state folder: what the status bar and first run need. */
  'app.info': method({ params: NoParams, result: AppInfo }),
} as const;
