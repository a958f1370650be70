import { isAbsolute } from 'node:path';

/** What the OS folder dialog answers (Electron's OpenDialogReturnValue, the part read here). */
export interface DialogAnswer {
  canceled: boolean;
  filePaths: readonly unknown[];
}

export type FolderChoice = { kind: 'none' } | { kind: 'path'; path: string } | { kind: 'refused'; message: string };

/**
 * What the main process takes back from the OS folder dialog, decided apart from Electron so it is tested:
 * a cancel (or no path) is no choice; exactly one absolute path is the choice; anything else (several paths,
 * a relative one, a NUL in it, not a string) is refused rather than guessed at. Whether the path exists and
 * is a folder is the core's check (LocalFileGrants.grantFolder), the one home for it, made as it grants.
 */
export function folderFromDialog(answer: DialogAnswer): FolderChoice {
  if (answer.canceled || answer.filePaths.length === 0) return { kind: 'none' };
  if (answer.filePaths.length > 1)
    return { kind: 'refused', message: 'The folder dialog answered with several folders; choose one folder.' };
  const [path] = answer.filePaths;
  if (typeof path !== 'string' || path === '' || path.includes('\0') || !isAbsolute(path))
    return {
      kind: 'refused',
      message: 'The folder dialog answered with no place on disk Ferry can read; choose it again.',
    };
  return { kind: 'path', path };
}
