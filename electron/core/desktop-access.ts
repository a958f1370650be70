import type { CallOutcome } from '../../shared/errors.ts';
import { SaveFileParams, type LocalFileGrant, type SaveFileResult } from '../../shared/desktop.ts';
import { invalidRequest, settle } from './dispatch.ts';
import { FerryError } from './errors.ts';
import { describeDownload } from './manage/download.ts';
import type { LocalFolderGrant } from './manage/local-file-grants.ts';
import { PartialDownloads } from './manage/partial-downloads.ts';
import { saveDownload } from './manage/save-download.ts';
import type { CoreServices } from './services.ts';

/**
 * What the desktop shell may ask of the core about the admin's own disk (shared/desktop.ts says why these
 * are not contract methods); the CLI, whose paths the admin typed, uses the same grants and saves. The shell supplies paths from webUtils and the OS dialogs;
 * params from the page are validated here like any contract call.
 */
export interface DesktopAccess {
  /** Lets `files.upload` read this file once (by the answer's grantId). */
  grantFile(path: string): Promise<CallOutcome<LocalFileGrant>>;
  /** Lets `clone.plan` look for original files in this folder (by the answer's grantId, as `folderGrantId`). */
  grantFolder(path: string): Promise<CallOutcome<LocalFolderGrant>>;
  /** The file's name and size, or why it cannot be downloaded: asked before the save dialog opens. */
  describeDownload(params: unknown): Promise<CallOutcome<{ params: SaveFileParams; filename: string; bytes: number }>>;
  /** Streams the file to where the admin chose, whole or not at all. */
  saveFile(params: SaveFileParams, destination: string): Promise<CallOutcome<SaveFileResult>>;
}

export function desktopAccess({ shell, localFiles, gateways, events, logger, stateDir }: CoreServices): DesktopAccess {
  const partials = new PartialDownloads(stateDir);
  // Only the desktop shell saves, and it holds the state folder's lock: at its start, no save is under way,
  // so whatever the ledger lists was left by a Ferry that was killed mid-save. (The CLI or browser mode
  // must not purge: the desktop window may be saving right then.)
  if (shell === 'electron') {
    const removed = partials.purge();
    if (removed > 0) logger.log('info', 'Removed partial downloads a stopped Ferry left behind', { removed });
  }
  return {
    grantFile: (path) =>
      settle(
        'desktop file grant',
        async () => {
          if (typeof path !== 'string' || path === '')
            throw new FerryError('bad_input', 'That file has no place on disk Ferry can read; pick it again.', {
              field: 'file',
            });
          return localFiles.grant(path);
        },
        logger,
      ),
    grantFolder: (path) =>
      settle(
        'desktop folder grant',
        async () => {
          if (typeof path !== 'string' || path === '')
            throw new FerryError('bad_input', 'That folder has no place on disk Ferry can read; choose it again.', {
              field: 'folder',
            });
          return localFiles.grantFolder(path);
        },
        logger,
      ),
    describeDownload: async (raw) => {
      const parsed = SaveFileParams.safeParse(raw);
      if (!parsed.success) return { ok: false, error: invalidRequest(parsed.error.issues) };
      const params = parsed.data;
      return settle(
        'desktop download',
        async () => ({ params, ...(await describeDownload(await gateways.get(params.connectionId), params.fileId)) }),
        logger,
      );
    },
    saveFile: (params, destination) =>
      settle(
        'desktop download',
        async () => {
          const saved = await saveDownload(
            await gateways.get(params.connectionId),
            { fileId: params.fileId, downloadId: params.downloadId, destination },
            (event) => events.emit(event),
            partials,
          );
          return { saved: true as const, ...saved };
        },
        logger,
      ),
  };
}
