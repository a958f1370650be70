import { focusManager, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { ferryKey } from './ferry-query.ts';
import { invalidatePanes } from './use-ferry-events.ts';

/**
 * Reads what the screen shows again. Ctrl/Cmd+R and F5 do it without reloading the page (a reload
 * would reset both panes); the panes also refetch when the window regains focus (see below).
 */
export function useRefreshKeys(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const reload =
        event.key === 'F5' || ((event.ctrlKey || event.metaKey) && !event.shiftKey && event.key.toLowerCase() === 'r');
      if (!reload) return;
      event.preventDefault();
      invalidatePanes(queryClient);
      void queryClient.invalidateQueries({ queryKey: ferryKey('jobs.list') });
      void queryClient.invalidateQueries({ queryKey: ferryKey('connections.list') });
      void queryClient.invalidateQueries({ queryKey: ferryKey('connections.test') });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [queryClient]);
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
