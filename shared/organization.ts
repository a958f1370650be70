import { z } from 'zod';
import { ApiKey, BaseUrl, ConnectionName, DEFAULT_BASE_URL, EnvVariableName, KeyStatus } from './connection.ts';

/** Admin keys start with sk-admin-, project and service-account keys do not: the one way to tell them apart offline. */
export const ADMIN_KEY_PREFIX = 'sk-admin-';

export function isAdminKey(key: string): boolean {
  return key.trim().startsWith(ADMIN_KEY_PREFIX);
}

/** Where an organization's admin key comes from: the OS keychain (given once) or an environment variable. */
export const AdminKeySourceInput = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('keychain'), key: ApiKey }),
    z.object({ kind: z.literal('env'), variable: EnvVariableName }),
  ],
  { error: 'keySource must be { kind: "keychain", key } or { kind: "env", variable }.' },
);

export const OrganizationInput = z.object({
  name: ConnectionName,
  baseUrl: BaseUrl.default(DEFAULT_BASE_URL),
  keySource: AdminKeySourceInput,
});
export type OrganizationInput = z.input<typeof OrganizationInput>;

/** An organization connection as the UI may see it: the admin key's fingerprint, never the key. */
export const OrganizationView = z.object({
  id: z.string(),
  name: z.string(),
  baseUrl: z.string(),
  keySource: z.enum(['keychain', 'env']),
  envVariable: z.string().optional(),
  keyStatus: KeyStatus,
  fingerprint: z.string().nullable(),
  createdAt: z.string(),
});
export type OrganizationView = z.infer<typeof OrganizationView>;

export const ProjectView = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(['active', 'archived']),
  createdAt: z.number().int(),
  /** The project connection Ferry opened for it, when there is one. */
  connectionId: z.string().optional(),
});
export type ProjectView = z.infer<typeof ProjectView>;

export const OrganizationTestResult = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    /** What the server calls the organization (api.openai.com answers its name in `openai-organization`). */
    organizationName: z.string().nullable(),
    projectCount: z.number().int().nonnegative(),
    latencyMs: z.number().nonnegative(),
  }),
  z.object({
    ok: z.literal(false),
    problem: z.enum([
      'unreachable',
      'invalid_key',
      'not_admin_key',
      'key_missing',
      'forbidden',
      'rate_limited',
      'server_error',
      'unexpected_response',
    ]),
    message: z.string(),
    status: z.number().int().optional(),
    latencyMs: z.number().nonnegative(),
  }),
]);
export type OrganizationTestResult = z.infer<typeof OrganizationTestResult>;

/** How a project connection was made from its organization: what "delete its service account" deletes. */
export const OrganizationLink = z.object({
  organizationId: z.string(),
  projectId: z.string(),
  serviceAccountId: z.string(),
  serviceAccountName: z.string(),
});
export type OrganizationLink = z.infer<typeof OrganizationLink>;

/** One opened project in an organization's inventory: counts (null where the API is not served) or why not. */
export const ProjectInventory = z.object({
  connectionId: z.string(),
  name: z.string(),
  projectId: z.string(),
  assistants: z.number().int().nonnegative().nullable().optional(),
  agents: z.number().int().nonnegative().nullable().optional(),
  vectorStores: z.number().int().nonnegative().optional(),
  files: z.number().int().nonnegative().optional(),
  /** Bytes of the project's files plus its vector stores' usage, as the API reports them. */
  storageBytes: z.number().nonnegative().optional(),
  error: z.string().optional(),
});
export type ProjectInventory = z.infer<typeof ProjectInventory>;
