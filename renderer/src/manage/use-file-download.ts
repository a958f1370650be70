import { useCallback, useEffect, useRef, useState } from 'react';
import { BridgeError } from '../../../shared/bridge.ts';
import { useBridge } from '../bridge/index.ts';
import { readOutcome } from '../bridge/check-result.ts';

export type DownloadState =
  | { phase: 'idle' }
  | { phase: 'checking' }
  | { phase: 'saving'; bytesReceived: number; bytesTotal: number }
  | { phase: 'saved'; path: string }
  | { phase: 'started' }
  | { phase: 'failed'; message: string };

let counter = 0;

/**
 * Downloads one org file to the admin's disk. The desktop window asks where with the OS dialog and follows
 * the core's `download.progress` events. Browser mode first asks Ferry whether the file can be had (a
 * browser saves any body a download link gets, so a refusal must be caught before the link is followed),
 * then hands the streamed download to the browser's own download manager. The file inspector is keyed by
 * file, so a new file starts with fresh state.
 */
export function useFileDownload(connectionId: string, fileId: string) {
  const bridge = useBridge();
  const [state, setState] = useState<DownloadState>({ phase: 'idle' });
  const current = useRef<string | null>(null);

  useEffect(
    () =>
      bridge.subscribe((event) => {
        if (event.type !== 'download.progress' || event.downloadId !== current.current || event.state !== 'saving')
          return;
        setState({ phase: 'saving', bytesReceived: event.bytesReceived, bytesTotal: event.bytesTotal });
      }),
    [bridge],
  );

  const start = useCallback(async () => {
    counter += 1;
    const downloadId = `down-${Date.now().toString(36)}-${counter}`;
    current.current = downloadId;
    setState({ phase: 'checking' });
    const settle = (next: DownloadState) => {
      if (current.current === downloadId) setState(next);
    };
    try {
      if (bridge.desktop) {
        const result = await bridge.desktop.saveFile({ connectionId, fileId, downloadId });
        settle(result.saved ? { phase: 'saved', path: result.path } : { phase: 'idle' });
        return;
      }
      const href = `/api/download?connectionId=${encodeURIComponent(connectionId)}&fileId=${encodeURIComponent(fileId)}`;
      const response = await fetch(`${href}&check=1`, { credentials: 'same-origin' });
      if (response.status === 401)
        throw new BridgeError({
          code: 'unauthorized',
          message: 'This tab is not signed in to Ferry; open the URL `ferry web` printed.',
        });
      const outcome = readOutcome(await response.json().catch(() => null));
      if (!outcome.ok) throw new BridgeError(outcome.error);
      // Same origin, answered as an attachment: the browser downloads it and the page stays where it is.
      const link = document.createElement('a');
      link.href = href;
      link.download = '';
      link.click();
      settle({ phase: 'started' });
    } catch (error) {
      settle({ phase: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  }, [bridge, connectionId, fileId]);

  return { state, start };
}
