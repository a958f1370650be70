import { z } from 'zod';
import { AppInfo } from './app-info.ts';
import { ConnectionInput, ConnectionPatch, ConnectionTestResult, ConnectionView } from './connection.ts';

/**
 * The one contract between the UI and the core. Every call the renderer can make is an entry here:
 * its params are validated by the core before any handler runs (the Electron IPC handler and the web host
 * both go through the same dispatcher), its result type is what the renderer's bridge returns, and the
 * preload builds `window.ferry` from these names, so there is no hand-kept declaration to drift.
 */
interface MethodSpec<P extends z.ZodType, R extends z.ZodType> {
  params: P;
  result: R;
}
const method = <P extends z.ZodType, R extends z.ZodType>(spec: MethodSpec<P, R>) => spec;

const ConnectionRef = z.object({ id: z.string().min(1, { error: 'id is required: pass the connection id.' }) });
const NoParams = z.object({}).strict();

export const api = {
  /** Version, hosting shell, keychain availability and state folder: what the status bar and first run need. */
  'app.info': method({ params: NoParams, result: AppInfo }),

  /** Every connection, as the UI may see it: fingerprints only, never keys. */
  'connections.list': method({ params: NoParams, result: z.array(ConnectionView) }),

  /**
   * Adds a connection. A keychain key goes straight into the OS keychain (or, where there is none, into
   * memory for this session) and is never stored in settings. Names are unique, case-insensitively.
   */
  'connections.add': method({ params: ConnectionInput, result: ConnectionView }),

  /** Edits a connection. Omitting keySource keeps the current key; passing one replaces it. */
  'connections.update': method({
    params: z.object({ id: ConnectionRef.shape.id, patch: ConnectionPatch }),
    result: ConnectionView,
  }),

  /** Removes a connection and deletes its key from the keychain. The UI confirms first, naming it. */
  'connections.remove': method({ params: ConnectionRef, result: z.object({ removed: z.literal(true) }) }),

  /**
   * Calls GET /models with the connection's key and says how it went: the model count and latency, or
   * which problem (unreachable, invalid key, missing scopes, …) in words an admin can act on.
   */
  'connections.test': method({ params: ConnectionRef, result: ConnectionTestResult }),
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
