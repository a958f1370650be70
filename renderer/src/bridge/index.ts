import { createElectronBridge } from './electron-bridge.ts';
import { createHttpBridge } from './http-bridge.ts';
import type { RendererBridge } from './types.ts';

export type { RendererBridge, StreamState } from './types.ts';
export { BridgeProvider, useBridge } from './bridge-context.tsx';

/** Electron's preload sets `window.ferry`; without it we are a page served by `ferry web`. */
export function createBridge(): RendererBridge {
  return window.ferry ? createElectronBridge(window.ferry) : createHttpBridge();
}
