import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { CallOutcome } from '../../shared/errors.ts';
import type { FerryEvent } from '../../shared/events.ts';
import type { ShellCore } from '../core/core.ts';
import { CALL_CHANNEL, EVENT_CHANNEL, isTrustedSender } from './security.ts';

/** The windows the shell created; only their top frames may call the core. */
export type WindowList = () => readonly BrowserWindow[];

/**
 * The window whose top frame sent this invoke, showing the app's own origin; null for anyone else. The
 * sender is matched to a window by webContents id and the frame to that window's main frame by its
 * browser-global FrameTreeNode id, so an iframe, or another webContents (a webview, a devtools extension;
 * both denied anyway), cannot pass by merely having the right URL.
 */
export function trustedOwner(event: IpcMainInvokeEvent, windows: WindowList): BrowserWindow | null {
  const frame = event.senderFrame;
  if (!frame) return null;
  const owner = windows().find((window) => !window.isDestroyed() && window.webContents.id === event.sender.id);
  const isOwnTopFrame = owner !== undefined && owner.webContents.mainFrame.frameTreeNodeId === frame.frameTreeNodeId;
  return owner && isTrustedSender({ url: frame.url, parent: frame.parent }, isOwnTopFrame) ? owner : null;
}

const UNTRUSTED: CallOutcome<never> = {
  ok: false,
  error: { code: 'unauthorized', message: 'This frame may not call Ferry: only the app window itself can.' },
};

/**
 * Answers invokes on one channel from our windows' top frames only, handing the handler the window that
 * asked (dialogs are parented to it); anyone else gets `unauthorized`. Returns the handler's remover.
 */
export function handleTrusted(
  channel: string,
  windows: WindowList,
  handler: (owner: BrowserWindow, ...args: unknown[]) => Promise<CallOutcome<unknown>>,
): () => void {
  ipcMain.handle(channel, async (event, ...args: unknown[]): Promise<CallOutcome<unknown>> => {
    const owner = trustedOwner(event, windows);
    return owner ? handler(owner, ...args) : UNTRUSTED;
  });
  return () => ipcMain.removeHandler(channel);
}

/**
 * Wires the one call channel and the one event channel between the windows and the core. Params cross
 * as `unknown` and the core's dispatch validates them against the contract; the handler adds nothing but
 * the sender check. Returns a function that unhooks both, for shutdown.
 */
export function registerIpc(core: Pick<ShellCore, 'dispatch' | 'subscribe'>, windows: WindowList): () => void {
  const removeCall = handleTrusted(CALL_CHANNEL, windows, (_owner, method, params) => core.dispatch(method, params));

  const unsubscribe = core.subscribe((event: FerryEvent) => {
    for (const window of windows()) {
      if (window.isDestroyed() || window.webContents.isDestroyed()) continue;
      // Only a window still showing the app gets events; it would be a bug for it to show anything else.
      const frame = window.webContents.mainFrame;
      if (!isTrustedSender({ url: frame.url, parent: frame.parent }, true)) continue;
      window.webContents.send(EVENT_CHANNEL, event);
    }
  });

  return () => {
    removeCall();
    unsubscribe();
  };
}
