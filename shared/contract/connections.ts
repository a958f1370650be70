import { z } from 'zod';
import {
  ConnectionInput,
  ConnectionPatch,
  FolderConnectionInput,
  ConnectionTestResult,
  ConnectionView,
} from '../connection.ts';
import { NoParams } from './app.ts';
import { method } from './define.ts';

export const ConnectionRef = z.object({ id: z.string().min(1, { error: 'id is required: pass the connection id.' }) });

export const connectionsApi = {
  /** Every connection, as the UI may see it: fingerprints only, never keys. */
  'connections.list': method({ params: NoParams, result: z.array(ConnectionView) }),

  /**
   * Adds a connection. A keychain key goes straight into the OS keychain (or, where there is none, into
   * memory for this session) and is never stored in settings. Names are unique, case-insensitively.
   */
  'connections.add': method({ params: ConnectionInput, result: ConnectionView }),

  /**
   * Adds a folder connection: a bundle folder (or an assistants JSON file, read-only) that opens and clones
   * like an org. The folder is checked first (a non-empty folder that is not a bundle is refused); it needs
   * no key, so nothing goes to the keychain.
   */
  'connections.addFolder': method({ params: FolderConnectionInput, result: ConnectionView }),

  /**
   * Edits a connection. Omitting keySource keeps the current key; passing one replaces it. A key is bound
   * to its host: a baseUrl on another origin (scheme, host, port) without a keySource drops the key, so a
   * stored key is never sent where the admin did not give it. A refused edit changes nothing.
   */
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
