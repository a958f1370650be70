import { z } from 'zod';
import { UNSAFE_TEXT_CHARACTERS } from './safe-text.ts';

export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/** A connection's display name: what the UI lists and what the CLI takes as `--name` / `N`. */
export const ConnectionName = z
  .string({ error: 'Name is required: give the connection a display name, e.g. "Acme Production".' })
  .trim()
  .min(1, { error: 'Name is required: give the connection a display name, e.g. "Acme Production".' })
  .max(80, { error: 'Name is too long: keep it to 80 characters or fewer.' })
  .refine((value) => !UNSAFE_TEXT_CHARACTERS.test(value), {
    error:
      'Name must not contain control characters, terminal escape codes or text-direction overrides: type it with plain letters, digits, spaces and punctuation.',
  });

export const BaseUrl = z
  .string()
  .trim()
  .refine((value) => isHttpUrl(value), {
    error: 'Base URL must be an http(s) URL such as https://api.openai.com/v1.',
  })
  .transform((value) => value.replace(/\/+$/, ''));

export const OrganizationId = z
  .string()
  .trim()
  .regex(/^org-[A-Za-z0-9_-]+$/, {
    error: 'Organization ID must look like "org-…" (OpenAI dashboard → Settings → Organization → General).',
  });

export const ProjectId = z
  .string()
  .trim()
  .regex(/^proj_[A-Za-z0-9_-]+$/, {
    error: 'Project ID must look like "proj_…" (OpenAI dashboard → Settings → Project → General).',
  });

/**
 * An API key as typed or pasted. Only its shape is checked here; whether it works is what
 * `connections.test` answers. Whitespace is trimmed because keys are usually pasted.
 */
export const ApiKey = z
  .string()
  .trim()
  .min(8, { error: 'API key is too short: paste the whole key (it usually starts with "sk-").' })
  .max(512, { error: 'API key is too long: paste only the key itself.' })
  .regex(/^\S+$/, { error: 'API key must not contain spaces or line breaks.' });

export const EnvVariableName = z
  .string()
  .trim()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, {
    error: 'Environment variable name must be letters, digits and underscores, e.g. OPENAI_API_KEY_PROD.',
  });

/**
 * Where the key comes from. A keychain key is passed in once (add or replace) and then lives only in
 * the OS keychain; an environment key is read from the named variable of the core's process each time.
 */
export const KeySourceInput = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('keychain'), key: ApiKey }),
    z.object({ kind: z.literal('env'), variable: EnvVariableName }),
  ],
  { error: 'keySource must be { kind: "keychain", key } or { kind: "env", variable }.' },
);
export type KeySourceInput = z.infer<typeof KeySourceInput>;

/** An optional id where a blank form field means "none". */
const optionalId = <T extends z.ZodType<string>>(schema: T) =>
  z.union([z.literal('').transform(() => undefined), schema]).optional();

/** In a patch: undefined keeps the value, '' or null clears it. */
const clearableId = <T extends z.ZodType<string>>(schema: T) =>
  z.union([z.literal('').transform(() => null), z.null(), schema]).optional();

export const ConnectionInput = z.object({
  name: ConnectionName,
  baseUrl: BaseUrl.default(DEFAULT_BASE_URL),
  organization: optionalId(OrganizationId),
  project: optionalId(ProjectId),
  readOnly: z.boolean().default(false),
  keySource: KeySourceInput,
});
export type ConnectionInput = z.input<typeof ConnectionInput>;

/**
 * A folder connection: a bundle folder Ferry reads and writes like an org, or a JSON file of assistants
 * as the API returned them (read-only). No key, no URL.
 */
export const FolderConnectionInput = z
  .object({
    name: ConnectionName,
    folder: z.string().trim().min(1).optional(),
    /** The desktop window's chosen folder (the OS dialog's grant); there, a path from the page is not taken. */
    folderGrantId: z.string().min(1).max(100).optional(),
    readOnly: z.boolean().default(false),
  })
  .refine((input) => (input.folder === undefined) !== (input.folderGrantId === undefined), {
    error: 'Folder is required: choose the folder (or the assistants JSON file) that holds the objects.',
    path: ['folder'],
  });
export type FolderConnectionInput = z.input<typeof FolderConnectionInput>;

/**
 * An edit. Every field is optional; `keySource` omitted keeps the current key, and `organization` /
 * `project` set to null clear them.
 */
export const ConnectionPatch = z.object({
  name: ConnectionName.optional(),
  baseUrl: BaseUrl.optional(),
  organization: clearableId(OrganizationId),
  project: clearableId(ProjectId),
  readOnly: z.boolean().optional(),
  keySource: KeySourceInput.optional(),
});
export type ConnectionPatch = z.input<typeof ConnectionPatch>;

/**
 * What the UI may know about a key: where it lives and a fingerprint, never the key.
 * - stored: in the OS keychain;
 * - session: held in memory only because no keychain is available (gone when Ferry quits);
 * - missing: a keychain or session key that is no longer there (re-enter it);
 * - env-set / env-unset: read from an environment variable that is, or is not, set;
 * - none: a folder connection, which has no key.
 */
export const KeyStatus = z.enum(['stored', 'session', 'missing', 'env-set', 'env-unset', 'none']);
export type KeyStatus = z.infer<typeof KeyStatus>;

export const ConnectionView = z.object({
  id: z.string(),
  name: z.string(),
  baseUrl: z.string(),
  organization: z.string().optional(),
  project: z.string().optional(),
  readOnly: z.boolean(),
  keySource: z.enum(['keychain', 'env', 'none']),
  envVariable: z.string().optional(),
  keyStatus: KeyStatus,
  /** A folder connection's folder (or assistants JSON file): its objects live there, and it has no key. */
  folder: z.string().optional(),
  /** `sk-…abcd`, or null when there is no key to fingerprint. */
  fingerprint: z.string().nullable(),
  /** A connection to Ferry's built-in demo organizations (the sandbox), not to a real server. */
  demo: z.boolean().optional(),
  /** A project connection Ferry opened from an organization connection (its service account's key). */
  organizationLink: z
    .object({ organizationId: z.string(), projectId: z.string(), serviceAccountName: z.string() })
    .optional(),
  createdAt: z.string(),
});
export type ConnectionView = z.infer<typeof ConnectionView>;

export const ConnectionProblem = z.enum([
  'unreachable',
  'invalid_key',
  'missing_scopes',
  'key_missing',
  'forbidden',
  'not_found',
  'rate_limited',
  'server_error',
  'unexpected_response',
]);
export type ConnectionProblem = z.infer<typeof ConnectionProblem>;

export const ConnectionTestResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), modelCount: z.number().int().nonnegative(), latencyMs: z.number().nonnegative() }),
  z.object({
    ok: z.literal(false),
    problem: ConnectionProblem,
    /** An admin-facing sentence: what is wrong and what to do about it. */
    message: z.string(),
    status: z.number().int().optional(),
    latencyMs: z.number().nonnegative(),
  }),
]);
export type ConnectionTestResult = z.infer<typeof ConnectionTestResult>;

/**
 * The origin (scheme, host and port) a key is bound to. A key given for one origin is never sent to
 * another: re-pointing a connection elsewhere drops its key (ARCHITECTURE.md, rule 2).
 */
export function originOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).origin;
  } catch {
    return baseUrl;
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}
