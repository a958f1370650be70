import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename, isAbsolute } from 'node:path';
import type { LocalFileGrant } from '../../../shared/desktop.ts';
import { FerryError } from '../errors.ts';
import { checkUploadSize } from './staging.ts';

/** Long enough to read a plan and press Upload; short enough that a forgotten grant is worth nothing. */
const GRANT_TTL_MS = 30 * 60 * 1000;

interface Grant {
  path: string;
  expiresAt: number;
}

/** A folder the desktop window's admin chose with the OS dialog, for `clone.plan` to look in. */
export interface LocalFolderGrant {
  grantId: string;
  path: string;
}

/**
 * Files the desktop window's admin picked or dropped, which the core may read once each for an upload.
 * Only the Electron shell creates grants, from the path webUtils found for a real File; no contract method
 * does, so neither the page nor browser mode can name a file of their own choosing. Uploads read the
 * file in place rather than copying it, and a grant is spent by its upload whatever the outcome.
 */
export class LocalFileGrants {
  readonly #grants = new Map<string, Grant>();
  readonly #folders = new Map<string, Grant>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** Checks the file is one the API could take (a regular file, 1 byte to 512 MB) and grants it. */
  async grant(path: string): Promise<LocalFileGrant> {
    if (!isAbsolute(path))
      throw new FerryError(
        'bad_input',
        'That file has no place on disk Ferry can read; pick it again from the file picker.',
        { field: 'file' },
      );
    const filename = basename(path);
    const info = await stat(path).catch(() => {
      throw new FerryError(
        'not_found',
        `"${filename}" cannot be read: it was moved, deleted, or Ferry may not read it.`,
        { field: 'file' },
      );
    });
    if (info.isDirectory())
      throw new FerryError('bad_input', `"${filename}" is a folder; upload the files inside it instead.`, {
        field: 'file',
      });
    if (!info.isFile()) throw new FerryError('bad_input', `"${filename}" is not a regular file.`, { field: 'file' });
    checkUploadSize(filename, info.size);
    this.#sweep();
    const grantId = randomBytes(16).toString('base64url');
    this.#grants.set(grantId, { path, expiresAt: this.#now() + GRANT_TTL_MS });
    return { grantId, filename, bytes: info.size };
  }

  /** The granted path, spending the grant. */
  take(grantId: string): string {
    const grant = this.#grants.get(grantId);
    this.#grants.delete(grantId);
    if (!grant || grant.expiresAt < this.#now()) {
      throw new FerryError(
        'not_found',
        'That file is no longer available to upload (each pick is good for one upload, for 30 minutes); pick it again.',
        { field: 'grantId' },
      );
    }
    return grant.path;
  }

  /**
   * Grants a folder the admin chose for the clone plan's original files. Unlike a file grant it is not
   * spent by one use: changing the model map or the conflict rule plans again over the same folder.
   */
  async grantFolder(path: string): Promise<LocalFolderGrant> {
    if (!isAbsolute(path))
      throw new FerryError('bad_input', 'That folder has no place on disk Ferry can read; choose it again.', {
        field: 'folder',
      });
    const info = await stat(path).catch(() => {
      throw new FerryError('not_found', `"${path}" cannot be read: it was moved, deleted, or Ferry may not read it.`, {
        field: 'folder',
      });
    });
    if (!info.isDirectory())
      throw new FerryError('bad_input', `"${path}" is not a folder; choose the folder that holds the original files.`, {
        field: 'folder',
      });
    this.#sweep();
    const grantId = randomBytes(16).toString('base64url');
    this.#folders.set(grantId, { path, expiresAt: this.#now() + GRANT_TTL_MS });
    return { grantId, path };
  }

  /** The granted folder's path; the grant stays good until it expires. */
  folder(grantId: string): string {
    const grant = this.#folders.get(grantId);
    if (!grant || grant.expiresAt < this.#now()) {
      this.#folders.delete(grantId);
      throw new FerryError(
        'not_found',
        'That folder is no longer available to this plan (a chosen folder is good for 30 minutes); choose it again.',
        { field: 'folderGrantId' },
      );
    }
    return grant.path;
  }

  #sweep(): void {
    const now = this.#now();
    for (const [id, grant] of this.#grants) if (grant.expiresAt < now) this.#grants.delete(id);
    for (const [id, grant] of this.#folders) if (grant.expiresAt < now) this.#folders.delete(id);
  }
}

/**
 * Where a plan may look for original files. In the desktop window only a folder the OS dialog granted: a
 * path from the page could be any folder on the admin's disk (`/etc`), and the window's page is not the
 * admin. Elsewhere (the CLI, browser mode) whoever holds the session is the local user, so a typed path
 * stands; no grant exists there to name.
 */
export function plannedFolder<T extends { filesDir?: string | undefined; folderGrantId?: string | undefined }>(
  request: T,
  shell: 'electron' | 'web' | 'cli',
  grants: LocalFileGrants,
): Omit<T, 'folderGrantId'> {
  const { folderGrantId, ...rest } = request;
  if (folderGrantId !== undefined) {
    if (rest.filesDir !== undefined)
      throw new FerryError(
        'bad_input',
        'Give the folder of original files once: a chosen folder or a path, not both.',
        { field: 'filesDir' },
      );
    return { ...rest, filesDir: grants.folder(folderGrantId) };
  }
  if (shell === 'electron' && rest.filesDir !== undefined) {
    throw new FerryError(
      'bad_input',
      'In the desktop app, the folder of original files is chosen with "Choose folder…"; a folder path typed or sent by the page is not read. Choose the folder again.',
      { field: 'filesDir' },
    );
  }
  return rest;
}
