import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isMethodName } from '../shared/api.ts';
import type { FerryPreloadApi } from '../shared/bridge.ts';
import type { CallOutcome } from '../shared/errors.ts';
import type { FerryEvent } from '../shared/events.ts';
import { CALL_CHANNEL, EVENT_CHANNEL } from './security.ts';

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
};

contextBridge.exposeInMainWorld('ferry', ferry);
