import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Attributes, Chunking, UploadResult } from '../../shared/contract/manage.ts';
import { formatBytes } from '../../shared/format.ts';
import type { ShellCore } from '../core/core.ts';
import { FerryError } from '../core/errors.ts';
import { UsageError, type CliContext } from './command.ts';
import { Progress } from './progress.ts';

export const PURPOSES = ['assistants', 'batch', 'fine-tune', 'vision', 'user_data', 'evals'] as const;
export type Purpose = (typeof PURPOSES)[number];

/** Local paths as absolute ones, each a regular file, checked before anything is sent (exit 2 otherwise). */
export function localFiles(paths: string[]): string[] {
  return paths.map((path) => {
    const absolute = resolve(path);
    let info;
    try {
      info = statSync(absolute);
    } catch {
      throw new UsageError(`"${path}" does not exist; give the path of a file to upload.`);
    }
    if (!info.isFile())
      throw new UsageError(
        `"${path}" is not a regular file${info.isDirectory() ? ' (a folder: give the files inside it)' : ''}.`,
      );
    return absolute;
  });
}

export function purpose(raw: string | undefined): Purpose {
  if (raw === undefined) return 'assistants';
  if (!(PURPOSES as readonly string[]).includes(raw))
    throw new UsageError(`--purpose must be one of ${PURPOSES.join(', ')} (got "${raw}").`);
  return raw as Purpose;
}

export interface UploadOutcome {
  uploaded: UploadResult[];
  failed: { path: string; filename: string; message: string }[];
}

/**
 * Uploads the admin's files one after another through the contract's `files.upload` (the core reads each
 * file in place, as it does a file picked in the desktop window), optionally attaching each to a store.
 * Every file gets its own progress line; a failure is named with its reason and the rest go on. Each
 * file is checked and granted before the first byte is sent, so a bad path writes nothing at all.
 */
export async function uploadLocalFiles(
  core: ShellCore,
  context: CliContext,
  request: {
    conn: string;
    paths: string[];
    purpose: Purpose;
    vectorStoreId?: string;
    attributes?: Attributes;
    chunking?: Chunking;
    json: boolean;
  },
): Promise<UploadOutcome> {
  const grants = [];
  for (const path of request.paths) {
    const outcome = await core.desktop.grantFile(path);
    if (!outcome.ok)
      throw new FerryError(
        outcome.error.code === 'not_found' ? 'bad_input' : outcome.error.code,
        outcome.error.message,
        { field: 'file' },
      );
    grants.push({ path, ...outcome.result });
  }
  const progress = new Progress(context.stderr, { quiet: request.json });
  const labels = new Map<string, string>();
  const unsubscribe = core.subscribe((event) => {
    if (event.type !== 'upload.progress') return;
    const label = labels.get(event.uploadId);
    // The step's end is printed by the loop below, as the line that stays.
    if (!label || event.bytesTotal === 0 || event.state === 'done' || event.state === 'failed') return;
    progress.bar(
      event.state === 'attaching' ? 1 : event.bytesSent / event.bytesTotal,
      `${label} ${event.state === 'attaching' ? 'adding to the store' : `${formatBytes(event.bytesSent)} of ${formatBytes(event.bytesTotal)}`}`,
    );
  });
  const result: UploadOutcome = { uploaded: [], failed: [] };
  // Ctrl+C lets the file being sent finish (a half-sent file is no file) and sends no more.
  let stopped = false;
  void context.stopped.then(() => (stopped = true));
  try {
    for (const [index, grant] of grants.entries()) {
      if (stopped) {
        result.failed.push({ path: grant.path, filename: grant.filename, message: 'not uploaded: stopped (Ctrl+C)' });
        continue;
      }
      const uploadId = randomUUID();
      const label = `${request.paths.length > 1 ? `(${index + 1}/${request.paths.length}) ` : ''}${grant.filename}`;
      labels.set(uploadId, label);
      progress.start(`Uploading ${label} (${formatBytes(grant.bytes)})`);
      try {
        const uploaded = await core.call('files.upload', {
          connectionId: request.conn,
          grantId: grant.grantId,
          uploadId,
          filename: grant.filename,
          purpose: request.purpose,
          ...(request.vectorStoreId ? { vectorStoreId: request.vectorStoreId } : {}),
          ...(request.attributes && Object.keys(request.attributes).length ? { attributes: request.attributes } : {}),
          ...(request.chunking ? { chunking: request.chunking } : {}),
        });
        result.uploaded.push(uploaded);
        progress.end(`Uploaded ${label} as ${uploaded.file.id}`);
      } catch (error) {
        // A refusal that holds for every file (read-only, unknown connection or store) stops the run.
        if (
          error instanceof FerryError &&
          ['read_only', 'bad_input', 'unauthorized'].includes(error.code) &&
          error.field !== 'file'
        )
          throw error;
        const message = error instanceof Error ? error.message : String(error);
        result.failed.push({ path: grant.path, filename: grant.filename, message });
        progress.end(`Failed ${label}: ${message}`);
      }
    }
  } finally {
    unsubscribe();
  }
  return result;
}
