import { join } from 'node:path';
import { app, dialog } from 'electron';
import { ChooseFolderParams } from '../../shared/desktop.ts';
import type { ShellCore } from '../core/core.ts';
import { folderFromDialog } from './folder-choice.ts';
import { handleTrusted, type WindowList } from './ipc.ts';
import { safeFilename } from '../core/storage/safe-filename.ts';
import { CHOOSE_FOLDER_CHANNEL, GRANT_FILE_CHANNEL, SAVE_FILE_CHANNEL } from './security.ts';

/**
 * The desktop window's disk abilities (shared/desktop.ts): grant a picked or dropped file for upload, save a
 * download where the admin chooses, pick a folder. Paths come from webUtils (via the preload) and from the
 * OS dialogs shown here, parented to the asking window; the core does the reading and writing.
 */
export function registerDesktopIpc(core: Pick<ShellCore, 'desktop'>, windows: WindowList): () => void {
  const removers = [
    handleTrusted(GRANT_FILE_CHANNEL, windows, async (_owner, path) =>
      core.desktop.grantFile(typeof path === 'string' ? path : ''),
    ),

    handleTrusted(SAVE_FILE_CHANNEL, windows, async (owner, params) => {
      // Refusals (a purpose the API will not hand back, a file gone) come before the dialog, not after it.
      const described = await core.desktop.describeDownload(params);
      if (!described.ok) return described;
      const { filename, params: request } = described.result;
      const choice = await dialog.showSaveDialog(owner, {
        title: `Save ${filename}`,
        defaultPath: join(app.getPath('downloads'), safeFilename(filename)),
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      if (choice.canceled || !choice.filePath) return { ok: true, result: { saved: false } };
      return core.desktop.saveFile(request, choice.filePath);
    }),

    handleTrusted(CHOOSE_FOLDER_CHANNEL, windows, async (owner, params) => {
      const parsed = ChooseFolderParams.safeParse(params ?? {});
      const choice = await dialog.showOpenDialog(owner, {
        title: parsed.success ? parsed.data.title : 'Choose a folder',
        properties: ['openDirectory', 'createDirectory'],
      });
      const chosen = folderFromDialog(choice);
      if (chosen.kind === 'none') return { ok: true, result: { path: null } };
      if (chosen.kind === 'refused')
        return { ok: false, error: { code: 'bad_input', message: chosen.message, field: 'folder' } };
      // The page gets a grant for the folder the admin chose, never a way to name one itself.
      const granted = await core.desktop.grantFolder(chosen.path);
      return granted.ok
        ? { ok: true, result: { path: granted.result.path, grantId: granted.result.grantId } }
        : granted;
    }),
  ];
  return () => {
    for (const remove of removers) remove();
  };
}
