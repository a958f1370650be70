import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { API_LIMITS, Attributes, LimitedMetadata, LimitedToolResources } from '../../../shared/api-limits.ts';
import { FerryError } from '../errors.ts';
import {
  ASSISTANTS_DIR,
  BUNDLE_FORMAT,
  BUNDLE_ID,
  BUNDLE_VERSION,
  bundleError,
  insideBundle,
  Manifest,
  MANIFEST_FILE,
  PARTIAL_DIR,
  STORE_FILE,
  STORES_DIR,
} from './bundle-format.ts';
import { readAssistantsExport } from './assistants-export.ts';
import type { BundleAssistant, BundleState, BundleStore } from './bundle-state.ts';

const BundleAssistantFile = z.looseObject({
  id: z.string().regex(BUNDLE_ID, { error: 'id must be letters, digits, "_" or "-".' }),
  name: z.string().max(256).nullable().optional(),
  description: z.string().max(512).nullable().optional(),
  model: z.string().min(1),
  instructions: z.string().max(256_000).nullable().optional(),
  tools: z
    .array(z.looseObject({ type: z.string() }))
    .max(API_LIMITS.tools)
    .optional(),
  tool_resources: LimitedToolResources.optional(),
  metadata: LimitedMetadata.nullable().optional(),
});

const BundleStoreFile = z.looseObject({
  id: z.string().regex(BUNDLE_ID, { error: 'id must be letters, digits, "_" or "-".' }),
  name: z.string().max(256).nullable(),
  metadata: LimitedMetadata,
  files: z.array(
    z.object({ file_id: z.string().regex(BUNDLE_ID), attributes: Attributes, chunking_strategy: z.unknown() }),
  ),
});

/**
 * Reads a bundle folder and checks all of it before anything is served: the manifest's format and version,
 * every byte file's size and sha256, every object file against the API's limits, no path outside the
 * folder. The first problem is the error, naming the file, so an import never starts from a bad bundle.
 */
export async function readBundle(root: string, now: () => Date): Promise<BundleState> {
  const empty: BundleState = {
    createdAt: now().toISOString(),
    assistants: new Map(),
    stores: new Map(),
    files: new Map(),
  };
  if (!existsSync(root)) return empty;
  if (!statSync(root).isDirectory()) return readAssistantsExport(root, now);
  const entries = readdirSync(root).filter((name) => name !== PARTIAL_DIR);
  if (!existsSync(join(root, MANIFEST_FILE))) {
    if (entries.length === 0) return empty;
    throw new FerryError(
      'bad_input',
      `${root} is not a Ferry bundle: it has no ${MANIFEST_FILE}. Choose an empty folder, or one Ferry exported into.`,
      { field: 'folder' },
    );
  }
  const manifest = parseManifest(root);
  const state: BundleState = { ...empty, createdAt: manifest.created_at };
  if (manifest.source) state.source = manifest.source;
  if (manifest.missing) state.missing = manifest.missing;
  for (const file of manifest.files) {
    if (!BUNDLE_ID.test(file.id))
      throw bundleError(MANIFEST_FILE, `names a file id "${file.id}" that is not file-safe.`);
    const full = insideBundle(root, file.path);
    if (!existsSync(full)) throw bundleError(file.path, 'is listed in the manifest but missing from the folder.');
    const size = statSync(full).size;
    if (size !== file.bytes) {
      throw bundleError(file.path, `holds ${size} bytes, but the manifest says ${file.bytes}: it was changed or cut.`);
    }
    const sha256 = await sha256Of(full);
    if (sha256 !== file.sha256) {
      throw bundleError(file.path, `has sha256 ${sha256}, but the manifest says ${file.sha256}: it was changed.`);
    }
    state.files.set(file.id, file);
  }
  for (const name of listJson(join(root, ASSISTANTS_DIR))) {
    const path = `${ASSISTANTS_DIR}/${name}`;
    const body = parseObject(root, path, BundleAssistantFile);
    if (state.assistants.has(body.id)) throw bundleError(path, `repeats the assistant id ${body.id}.`);
    const record: BundleAssistant = { id: body.id, body, path };
    state.assistants.set(body.id, record);
  }
  for (const name of listDirs(join(root, STORES_DIR))) {
    const dir = `${STORES_DIR}/${name}`;
    const body = parseObject(root, `${dir}/${STORE_FILE}`, BundleStoreFile);
    if (state.stores.has(body.id)) throw bundleError(dir, `repeats the vector store id ${body.id}.`);
    const store: BundleStore = {
      id: body.id,
      name: body.name,
      metadata: body.metadata,
      ...(body['expires_after'] !== undefined ? { expires_after: body['expires_after'] } : {}),
      files: new Map(body.files.map((f) => [f.file_id, { ...f, attributes: f.attributes }])),
      dir,
    };
    state.stores.set(body.id, store);
  }
  return state;
}

function parseManifest(root: string): Manifest {
  const raw = parseJson(root, MANIFEST_FILE);
  const header = z.object({ format: z.string(), version: z.unknown() }).safeParse(raw);
  if (!header.success || header.data.format !== BUNDLE_FORMAT) {
    throw bundleError(MANIFEST_FILE, `is not a Ferry bundle manifest: "format" must be "${BUNDLE_FORMAT}".`);
  }
  if (header.data.version !== BUNDLE_VERSION) {
    throw bundleError(
      MANIFEST_FILE,
      `has format version ${JSON.stringify(header.data.version)}; this Ferry reads version ${BUNDLE_VERSION} only. Use the Ferry that made it.`,
    );
  }
  const parsed = Manifest.safeParse(raw);
  if (!parsed.success) throw bundleError(MANIFEST_FILE, `is malformed: ${describeIssue(parsed.error)}.`);
  return parsed.data;
}

function parseObject<T extends z.ZodType>(root: string, path: string, schema: T): z.output<T> {
  const parsed = schema.safeParse(parseJson(root, path));
  if (!parsed.success) throw bundleError(path, `fails the API's limits: ${describeIssue(parsed.error)}.`);
  return parsed.data;
}

function parseJson(root: string, path: string): unknown {
  const full = insideBundle(root, path);
  if (!existsSync(full)) throw bundleError(path, 'is missing.');
  try {
    return JSON.parse(readFileSync(full, 'utf8')) as unknown;
  } catch (error) {
    throw bundleError(path, `is not valid JSON (${error instanceof Error ? error.message : String(error)}).`);
  }
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'unknown problem';
  return `${issue.path.length > 0 ? issue.path.join('.') : 'the file'}: ${issue.message}`;
}

function listJson(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort();
}

function listDirs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

function sha256Of(path: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolvePromise(hash.digest('hex')));
  });
}
