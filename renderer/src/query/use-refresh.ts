import { focusManager, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { FerryBridge } from '../../../shared/bridge.ts';
import { useBridge } from '../bridge/index.ts';
import { ferryKey } from './ferry-query.ts';
import { invalidatePanes } from './use-ferry-events.ts';

/**
 * Reads what the screen shows again. Ctrl/Cmd+R and F5 do it without reloading the page (a reload
 * would reset both panes); the panes also refetch when the window regains focus (see below).
 */
export function useRefreshKeys(): void {
  const queryClient = useQueryClient();
  const bridge = useBridge();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const reload =
        event.key === 'F5' || ((event.ctrlKey || event.metaKey) && !event.shiftKey && event.key.toLowerCase() === 'r');
      if (!reload) return;
      event.preventDefault();
      invalidatePanes(queryClient);
      for (const [key] of queryClient.getQueriesData({ queryKey: ferryKey('connections.capabilities') })) {
        const connectionId = (key[1] as { connectionId?: string } | undefined)?.connectionId;
        if (connectionId) askCapabilitiesAgain(bridge, queryClient, connectionId);
      }
      void queryClient.invalidateQueries({ queryKey: ferryKey('jobs.list') });
      void queryClient.invalidateQueries({ queryKey: ferryKey('connections.list') });
      void queryClient.invalidateQueries({ queryKey: ferryKey('connections.test') });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [bridge, queryClient]);
}

/**
 * React Query refetches on `visibilitychange` only; coming back to the window from another app fires
 * `focus` without it. Both count as the window regaining focus here.
 */
export function watchWindowFocus(): void {
  focusManager.setEventListener((handleFocus) => {
    const onVisibility = () => handleFocus(document.visibilityState === 'visible');
    const onFocus = () => handleFocus(true);
    window.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('focus', onFocus);
    return () => {
      window.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('focus', onFocus);
    };
  });
}

/**
 * Asks the server again what it serves (the core otherwise answers from a minute's memory) and puts the
 * answer where the pane reads it. A failure leaves the answer held: the lists say what went wrong.
 */
export function askCapabilitiesAgain(bridge: FerryBridge, queryClient: QueryClient, connectionId: string): void {
  bridge.call('connections.capabilities', { connectionId, fresh: true }).then(
    (answer) => queryClient.setQueryData(ferryKey('connections.capabilities', { connectionId }), answer),
    () => undefined,
  );
}
