import { existsSync } from 'node:fs';
import OpenAI from 'openai';
import { Bundle } from '../bundles/bundle.ts';
import { folderFetch } from '../bundles/folder-fetch.ts';
import { FerryError } from '../errors.ts';
import { DownloadPolicy } from './download-policy.ts';
import type { UploadLimits } from './files-api.ts';
import { OrgGateway } from './org-gateway.ts';
import { RequestScheduler } from './scheduler.ts';

/** The base URL the SDK is given for a folder; `folderFetch` answers it, so it never reaches a network. */
const FOLDER_BASE_URL = 'http://ferry-folder.invalid/v1';

/**
 * The gateway of a folder connection: an OrgGateway whose SDK client's fetch is the folder, so every
 * caller (panes, plans, jobs, verify) uses it as it uses an org's. A folder hands back every byte it holds,
 * whatever the purpose, refuses the files it holds no bytes of, and holds any model.
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
    downloads: new DownloadPolicy({ documented: false, refusesFile: (id) => bundle.missingFile(id) !== undefined }),
    ...(options.uploadLimits ? { uploadLimits: options.uploadLimits } : {}),
    folder: bundle,
  });
}
