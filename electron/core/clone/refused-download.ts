import { existsSync, statSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { PlanFile } from '../../../shared/clone.ts';
import { FerryError } from '../errors.ts';
import { PRIVATE_FILE_MODE } from '../settings/private-state.ts';
import type { DownloadRefusedError } from '../openai/download-policy.ts';
import type { OrgGateway } from '../openai/org-gateway.ts';
import type { FileCache } from './file-cache.ts';
import { LocalFolder } from './local-folder.ts';

/** Extensions whose parsed text is, near enough, the file itself. */
export const TEXT_EXTENSIONS = new Set([
  '.txt',
  '.md',
  '.markdown',
  '.json',
  '.jsonl',
  '.csv',
  '.tsv',
  '.html',
  '.htm',
  '.xml',
  '.py',
  '.js',
  '.ts',
  '.java',
  '.go',
  '.rb',
  '.sh',
  '.c',
  '.cpp',
  '.cs',
  '.php',
  '.css',
  '.tex',
  '.yaml',
  '.yml',
]);

/** No byte source is left for a file: the item is skipped, with this reason, rather than failed. */
export class NoBytesError extends FerryError {
  constructor(message: string) {
    super('not_found', message);
    this.name = 'NoBytesError';
  }
}

export interface FallThroughContext {
  source: OrgGateway;
  cache: FileCache;
  spool: string;
  /** The plan's files folder, if the admin gave one. */
  filesDir?: string | undefined;
  /** Source vector stores that hold the file (their parsed text is the last resort). */
  storeIds: string[];
  signal?: AbortSignal | undefined;
}

export interface FellThrough {
  path: string;
  bytes: number;
  filename: string;
  temporary: boolean;
  lossy: boolean;
}

/**
 * The plan expected to download this file, but the API refused its purpose at run time (it does so for
 * purposes it documents as downloadable). The refusal is remembered by the source's download policy; here
 * the other byte sources are tried in the planner's order: the files folder, Ferry's cache, the parsed
 * text of a store that indexed it, and otherwise the file is skipped with the reason.
 */
export async function afterRefusedDownload(
  file: PlanFile,
  refusal: DownloadRefusedError,
  ctx: FallThroughContext,
): Promise<FellThrough> {
  const local =
    ctx.filesDir && existsSync(ctx.filesDir)
      ? (await LocalFolder.scan(ctx.filesDir, { signal: ctx.signal })).find(file.filename, file.bytes)
      : undefined;
  if (local) return { path: local, bytes: file.bytes, filename: file.filename, temporary: false, lossy: false };
  const cached = await ctx.cache.open(file.sourceId, file.bytes, ctx.spool);
  if (cached)
    return {
      path: cached.path,
      bytes: file.bytes,
      filename: file.filename,
      temporary: cached.temporary,
      lossy: cached.entry.lossy === true,
    };
  for (const storeId of ctx.storeIds) {
    const text = await ctx.source.vectorStores.parsedText(storeId, file.sourceId, ctx.signal);
    if (text.length === 0) continue;
    writeFileSync(ctx.spool, text, { mode: PRIVATE_FILE_MODE });
    return {
      path: ctx.spool,
      bytes: statSync(ctx.spool).size,
      filename: reconstructedName(file.filename),
      temporary: true,
      lossy: true,
    };
  }
  throw new NoBytesError(
    `The API refused to download "${file.filename}" (files of purpose "${refusal.purpose}" cannot be downloaded from "${ctx.source.name}"), and no copy was found${ctx.filesDir ? ` in ${ctx.filesDir}` : ''}. Point Ferry at a folder holding "${file.filename}" (${file.bytes} bytes) and retry to include it.`,
  );
}

/** A reconstructed binary is text now, and says so in its name. */
export function reconstructedName(filename: string): string {
  return TEXT_EXTENSIONS.has(extname(filename).toLowerCase()) ? filename : `${filename}.txt`;
}

/**
 * The source stores a planned file is attached to, by the plan's usage links. Asked once per file, so the
 * plan's stores are indexed by key once per plan: scanning them all for each file was files × stores (768,000
 * lookups at 16x, sixteen times that at 64x).
 */
export function storesHolding(
  ctx: { plan: { vectorStores: { key: string; sourceId: string }[] } },
  file: PlanFile,
): string[] {
  const stores = ctx.plan.vectorStores;
  let byKey = storeSourceIds.get(stores);
  if (!byKey) {
    byKey = new Map(stores.map((store) => [store.key, store.sourceId]));
    storeSourceIds.set(stores, byKey);
  }
  const ids: string[] = [];
  for (const key of file.usedBy) {
    const id = byKey.get(key);
    if (id !== undefined) ids.push(id);
  }
  return ids;
}

const storeSourceIds = new WeakMap<readonly object[], Map<string, string>>();
