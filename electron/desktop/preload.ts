import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { isMethodName } from '../../shared/api.ts';
import type { FerryPreloadApi } from '../../shared/bridge.ts';
import type { CallOutcome } from '../../shared/errors.ts';
import type { FerryEvent } from '../../shared/events.ts';
import {
  CALL_CHANNEL,
  CHOOSE_FOLDER_CHANNEL,
  EVENT_CHANNEL,
  GRANT_FILE_CHANNEL,
  SAVE_FILE_CHANNEL,
} from './security.ts';

/**
 * The sandboxed preload: it exposes `window.ferry` and nothing else. Method names come from the contract
 * (isMethodName checks against shared/api.ts), so there is no hand-kept list here or in a .d.ts; the
 * main process validates the params. ipcRenderer itself never reaches the page: each function below
 * closes over it and passes only plain data across contextBridge. Bundled into one CommonJS file, since
 * a sandboxed preload can require nothing but 'electron'.
 */
const ferry: FerryPreloadApi = {
  call(method, params) {
    const name: unknown = method;
    if (!isMethodName(name)) {
      const outcome: CallOutcome<never> = {
        ok: false,
        error: { code: 'bad_input', message: `Unknown method "${String(name)}".`, field: 'method' },
      };
      return Promise.resolve(outcome);
    }
    return ipcRenderer.invoke(CALL_CHANNEL, name, params);
  },
  onEvent(listener) {
    if (typeof listener !== 'function') throw new TypeError('onEvent needs a listener function.');
    const forward = (_event: IpcRendererEvent, payload: FerryEvent) => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward);
    };
  },
  desktop: {
    grantFile(file) {
      // The path stays here and in the main process: the page only ever learns the grant, name and size.
      // A File the page built in JavaScript has no path (''), so it cannot make Ferry read a file of its choosing.
      let path = '';
      try {
        path = webUtils.getPathForFile(file);
      } catch {
        // Not a File at all; answered below like a path-less one.
      }
      if (!path) {
        const outcome: CallOutcome<never> = {
          ok: false,
          error: {
            code: 'bad_input',
            message: 'That file is not on this computer’s disk; drop or pick a file from a folder.',
            field: 'file',
          },
        };
        return Promise.resolve(outcome);
      }
      return ipcRenderer.invoke(GRANT_FILE_CHANNEL, path);
    },
    saveFile: (params) => ipcRenderer.invoke(SAVE_FILE_CHANNEL, params),
    chooseFolder: (params) => ipcRenderer.invoke(CHOOSE_FOLDER_CHANNEL, params),
  },
};

contextBridge.exposeInMainWorld('ferry', ferry);
