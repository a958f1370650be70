import { z } from 'zod';
import { API_LIMITS, LimitedMetadata, LimitedToolResources } from '../../../shared/api-limits.ts';
import { badRequest } from './folder-wire.ts';

/** The fields an assistant has in a bundle, with the API's defaults for those a create leaves out. */
const ASSISTANT_DEFAULTS = {
  name: null,
  description: null,
  instructions: null,
  tools: [],
  tool_resources: {},
  temperature: 1,
  top_p: 1,
  response_format: 'auto',
  reasoning_effort: null,
  metadata: {},
} as const;

const ASSISTANT_FIELDS = new Set(['model', ...Object.keys(ASSISTANT_DEFAULTS)]);

const AssistantChecks = z.object({
  model: z.string().min(1, { error: "Missing required parameter: 'model'." }),
  name: z.string().max(256).nullable(),
  description: z.string().max(512).nullable(),
  instructions: z.string().max(256_000).nullable(),
  tools: z.array(z.looseObject({ type: z.string() })).max(API_LIMITS.tools),
  tool_resources: LimitedToolResources,
  metadata: LimitedMetadata,
});

/** A create's body as the bundle keeps it: known fields only, defaults filled, refused past the API's limits. */
export function assistantBody(body: Record<string, unknown>): Record<string, unknown> {
  return checked({ ...ASSISTANT_DEFAULTS, ...known(body) });
}

/** An update: the given fields replace the current ones (null metadata clears it, as the API does). */
export function assistantPatch(
  current: Record<string, unknown>,
  patch: Record<string, unknown>,
): Record<string, unknown> {
  const next = { ...current, ...known(patch) };
  if (next.metadata === null) next.metadata = {};
  return checked(next);
}

function known(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(body).filter(([key, value]) => ASSISTANT_FIELDS.has(key) && value !== undefined),
  );
}

function checked(body: Record<string, unknown>): Record<string, unknown> {
  const result = AssistantChecks.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw badRequest(`Invalid '${issue.path.join('.')}': ${issue.message}`, issue.path.join('.') || null);
  }
  return body;
}

/** A store's own fields from a create or update body. */
export function storeFields(body: Record<string, unknown>): {
  name: string | null;
  metadata: Record<string, string>;
  expires_after?: unknown;
} {
  const metadata = LimitedMetadata.safeParse(body.metadata ?? {});
  if (!metadata.success) throw badRequest(`Invalid 'metadata': ${metadata.error.issues[0]?.message}`, 'metadata');
  return {
    name: typeof body.name === 'string' ? body.name : null,
    metadata: metadata.data,
    ...(body.expires_after !== undefined && body.expires_after !== null ? { expires_after: body.expires_after } : {}),
  };
}

/** The API stores "auto" (or nothing) as the static strategy it stands for. */
export function chunkingOf(value: unknown): unknown {
  if (value && typeof value === 'object' && (value as { type?: unknown }).type === 'static') return value;
  return { type: 'static', static: { max_chunk_size_tokens: 800, chunk_overlap_tokens: 400 } };
}
