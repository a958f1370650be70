import type { FerryPreloadApi } from '../../../shared/bridge.ts';
import { unwrap } from '../../../shared/bridge.ts';
import { ChooseFolderResult, LocalFileGrant, SaveFileResult } from '../../../shared/desktop.ts';
import { checkResult, checkShape, readOutcome } from './check-result.ts';
import type { RendererBridge } from './types.ts';

declare global {
  interface Window {
    /**
     * Set by Electron's preload, built from the contract's API map; absent in browser mode. Its type is
     * the contract's own {@link FerryPreloadApi}, so there is no hand-kept method list to drift.
     */
    ferry?: FerryPreloadApi;
  }
}

/** The bridge over Electron IPC: `window.ferry` answers with outcomes, which we unwrap and check. */
export function createElectronBridge(preload: FerryPreloadApi): RendererBridge {
  return {
    transport: 'electron',
    async call(method, params) {
      const outcome = readOutcome(await preload.call(method, params));
      return checkResult(method, unwrap(outcome));
    },
    subscribe: (listener) => preload.onEvent(listener),
    // IPC does not drop events while the window lives, so there is never a gap to resync after.
    onResync: () => () => {},
    onStreamState(listener) {
      listener('live');
      return () => {};
    },
    desktop: {
      grantFile: async (file) =>
        checkShape('grantFile', LocalFileGrant, unwrap(readOutcome(await preload.desktop.grantFile(file)))),
      saveFile: async (params) =>
        checkShape('saveFile', SaveFileResult, unwrap(readOutcome(await preload.desktop.saveFile(params)))),
      chooseFolder: async (params) =>
        checkShape('chooseFolder', ChooseFolderResult, unwrap(readOutcome(await preload.desktop.chooseFolder(params)))),
    },
  };
}
