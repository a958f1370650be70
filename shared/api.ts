import type { z } from 'zod';
import { agentsApi } from './contract/agents.ts';
import { appApi } from './contract/app.ts';
import { browseApi } from './contract/browse.ts';
import { cloneApi } from './contract/clone.ts';
import { connectionsApi } from './contract/connections.ts';
import { demoApi } from './contract/demo.ts';
import { manageApi } from './contract/manage.ts';
import { organizationsApi } from './contract/organizations.ts';

/**
 * The one contract between the UI and the core. Every call the renderer can make is an entry here, each
 * capability contributing its slice from shared/contract/: its params are validated by the core before
 * any handler runs (the Electron IPC handler and the web host both go through the same dispatcher), its
 * result type is what the renderer's bridge returns, and the preload builds `window.ferry` from these
 * names, so there is no hand-kept declaration to drift.
 */
export const api = {
  ...appApi,
  ...connectionsApi,
  ...browseApi,
  ...cloneApi,
  ...demoApi,
  ...manageApi,
  ...agentsApi,
  ...organizationsApi,
} as const;

export type Api = typeof api;
export type MethodName = keyof Api;
/** What a caller passes: the schema's input type, so defaults may be omitted. */
export type ParamsOf<M extends MethodName> = z.input<Api[M]['params']>;
export type ResultOf<M extends MethodName> = z.output<Api[M]['result']>;

export const methodNames = Object.keys(api) as MethodName[];

export function isMethodName(value: unknown): value is MethodName {
  return typeof value === 'string' && Object.hasOwn(api, value);
}
