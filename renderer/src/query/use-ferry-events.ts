import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ResultOf } from '../../../shared/api.ts';
import { useBridge } from '../bridge/index.ts';
import { ferryKey } from './ferry-query.ts';

/**
 * Turns the core's events into cache updates. Events only say *that* something changed; the lists are
 * refetched from the core, which stays the single source of truth.
 */
export function useFerryEvents(): void {
  const bridge = useBridge();
  const queryClient = useQueryClient();

  useEffect(() => {
    const offEvent = bridge.subscribe((event) => {
      switch (event.type) {
        case 'connections.changed':
          void queryClient.invalidateQueries({ queryKey: ferryKey('connections.list') });
          break;
        case 'keychain.status':
          queryClient.setQueryData<ResultOf<'app.info'>>(ferryKey('app.info', {}), (info) =>
            info ? { ...info, keychain: { available: event.available, message: event.message } } : info,
          );
          // Key statuses depend on the keychain too.
          void queryClient.invalidateQueries({ queryKey: ferryKey('connections.list') });
          break;
      }
    });
    // After a gap in the stream anything may have changed: refetch everything on screen.
    const offResync = bridge.onResync(() => void queryClient.invalidateQueries());
    return () => {
      offEvent();
      offResync();
    };
  }, [bridge, queryClient]);
}
