import { existsSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import OpenAI from 'openai';
import type { ConnectionTestResult } from '../../../shared/connection.ts';
import { FerryError } from '../errors.ts';
import { DownloadPolicy } from '../openai/download-policy.ts';
import type { UploadLimits } from '../openai/files-api.ts';
import { OrgGateway } from '../openai/org-gateway.ts';
import { RequestScheduler } from '../openai/scheduler.ts';
import { Bundle } from './bundle.ts';
import { folderFetch } from './folder-fetch.ts';

/** The base URL the SDK is given for a folder; `folderFetch` answers it, so it never reaches a network. */
const FOLDER_BASE_URL = 'http://ferry-folder.invalid/v1';

/**
 * Checks a folder connection's path before it is saved: absolute, and either a bundle, an empty or new
 * folder, or an assistants JSON file (which can only be read). Opening it runs every bundle check.
 */
export async function checkFolderSource(
  path: string,
): Promise<{ folder: string; baseUrl: string; readOnly: boolean; bundle: Bundle }> {
  const folder = isAbsolute(path) ? resolve(path) : resolve(process.cwd(), path);
  const bundle = await Bundle.open(folder);
  const readOnly = existsSync(folder) && statSync(folder).isFile();
  return { folder, baseUrl: pathToFileURL(folder).href, readOnly, bundle };
}

/** A folder's "test": it opens and passes every check; its model count is the models its assistants use. */
export async function testFolder(folder: string): Promise<ConnectionTestResult> {
  const started = performance.now();
  try {
    const bundle = await Bundle.open(folder);
    const models = new Set(bundle.assistants().map((a) => String(a.body.model)));
    return { ok: true, modelCount: models.size, latencyMs: performance.now() - started };
  } catch (error) {
    return {
      ok: false,
      problem: 'unexpected_response',
      message: error instanceof Error ? error.message : String(error),
      latencyMs: performance.now() - started,
    };
  }
}

/**
 * The gateway of a folder connection: an OrgGateway whose SDK client's fetch is the folder, so every
 * caller (panes, plans, jobs, verify) uses it as it uses an org's. A folder hands back every byte it holds,
 * whatever the purpose, and holds any model.
 */
export async function openFolderGateway(options: {
  connectionId: string;
  name: string;
  folder: string;
  readOnly: boolean;
  scheduler?: RequestScheduler | undefined;
  uploadLimits?: UploadLimits | undefined;
}): Promise<OrgGateway> {
  if (!existsSync(options.folder) && options.readOnly) {
    throw new FerryError('bad_input', `"${options.name}" is the folder ${options.folder}, which is not there.`, {
      field: 'folder',
    });
  }
  const bundle = await Bundle.open(options.folder);
  const client = new OpenAI({
    apiKey: 'no-key',
    baseURL: FOLDER_BASE_URL,
    organization: null,
    project: null,
    adminAPIKey: null,
    webhookSecret: null,
    maxRetries: 0,
    fetch: folderFetch(bundle),
  });
  return new OrgGateway({
    connectionId: options.connectionId,
    name: options.name,
    readOnly: options.readOnly,
    client,
    scheduler: options.scheduler ?? new RequestScheduler(),
    downloads: new DownloadPolicy({ documented: false }),
    ...(options.uploadLimits ? { uploadLimits: options.uploadLimits } : {}),
    folder: bundle,
  });
}
