import { isAbsolute, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import { MANIFEST_FILE } from '../../../shared/bundle-ref.ts';
import { FerryError } from '../errors.ts';
import { safeFilename } from '../storage/safe-filename.ts';

/**
 * The bundle layout, the one home for it: a folder that holds an org's assistants, vector stores and
 * files as plain files made for review in git. Object files carry no volatile field (no usage, status,
 * created_at, last_active_at), so exporting an unchanged org again changes no file but the manifest.
 */
export { MANIFEST_FILE };
export const BUNDLE_FORMAT = 'ferry-bundle';
export const BUNDLE_VERSION = 1;
export const ASSISTANTS_DIR = 'assistants';
export const STORES_DIR = 'vector-stores';
export const FILES_DIR = 'files';
export const STORE_FILE = 'store.json';
/** Parts of a multi-part upload wait here; nothing in it belongs to the bundle. */
export const PARTIAL_DIR = '.ferry-partial';

/** The order keys are written in; keys not listed follow, sorted, so every export writes the same text. */
export const ASSISTANT_KEYS = [
  'id',
  'name',
  'description',
  'model',
  'instructions',
  'tools',
  'tool_resources',
  'temperature',
  'top_p',
  'response_format',
  'reasoning_effort',
  'metadata',
] as const;
export const STORE_KEYS = ['id', 'name', 'metadata', 'expires_after', 'files'] as const;
/** `lossy` is written from the manifest (the file is reconstructed text); a reader takes it from there. */
export const STORE_FILE_KEYS = ['file_id', 'lossy', 'attributes', 'chunking_strategy'] as const;

export const ManifestFile = z.object({
  id: z.string().min(1),
  path: z.string().min(1),
  filename: z.string(),
  purpose: z.string(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** Reconstructed from parsed text: the original bytes were never obtained. */
  lossy: z.boolean().optional(),
});
export type ManifestFile = z.infer<typeof ManifestFile>;

export const Manifest = z.object({
  format: z.literal(BUNDLE_FORMAT),
  version: z.number().int(),
  /** The org the objects came from: its name and id only, never a key or connection settings. */
  source: z.object({ name: z.string(), organization: z.string().optional() }).optional(),
  created_at: z.string(),
  exported_at: z.string(),
  contents: z.object({
    assistants: z.number().int().nonnegative(),
    vector_stores: z.number().int().nonnegative(),
    files: z.number().int().nonnegative(),
  }),
  files: z.array(ManifestFile),
  /** Source files whose bytes could not be obtained: name, size and purpose, for a folder of originals later. */
  missing: z
    .array(z.object({ source_id: z.string(), filename: z.string(), bytes: z.number(), purpose: z.string() }))
    .optional(),
});
export type Manifest = z.infer<typeof Manifest>;

/** JSON as the bundle writes it: listed keys first in their order, the rest sorted, 2 spaces, a newline. */
export function bundleJson(value: Record<string, unknown>, order: readonly string[]): string {
  const known = order.filter((key) => key in value);
  const rest = Object.keys(value)
    .filter((key) => !order.includes(key))
    .sort();
  const ordered = Object.fromEntries([...known, ...rest].map((key) => [key, value[key]]));
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/** A name as a file-name part: lower case, letters and digits joined by single dashes, at most 48. */
export function slug(name: unknown): string {
  const text = typeof name === 'string' ? name : '';
  const cleaned = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/g, '');
  return cleaned === '' ? 'untitled' : cleaned;
}

export const assistantPath = (id: string, name: unknown) => `${ASSISTANTS_DIR}/${slug(name)}--${id}.json`;
export const storeDir = (id: string, name: unknown) => `${STORES_DIR}/${slug(name)}--${id}`;
export const filePath = (id: string, filename: string) => `${FILES_DIR}/${id}--${safeFilename(filename)}`;

/** Ids the bundle names files after: nothing that could name a folder or hide a file. */
export const BUNDLE_ID = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * Resolves a path the manifest names inside the bundle, refusing one that escapes it (`../`, an absolute
 * path): a bundle someone else made must not steer a read or write outside its folder.
 */
export function insideBundle(root: string, path: string): string {
  const full = resolve(root, path);
  const rel = relative(root, full);
  if (isAbsolute(path) || rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) {
    throw bundleError(MANIFEST_FILE, `names the path "${path}", which is outside the bundle. Remove that entry.`);
  }
  return full;
}

/** A refusal of a bundle's content, naming the file at fault (relative to the bundle). */
export function bundleError(file: string, problem: string): FerryError {
  return new FerryError('bad_input', `The bundle's ${file} ${problem}`, { field: 'bundle' });
}
