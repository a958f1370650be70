import { QueryClient } from '@tanstack/react-query';
import { BridgeError } from '../../../shared/bridge.ts';

/**
 * Only transport trouble is worth retrying: a bad_input or not_found answer will not change on a second
 * try, and a missing session token needs the admin, not a loop.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (failures, error) => failures < 2 && error instanceof BridgeError && error.code === 'unreachable',
        // Change events keep lists fresh; a focus refetch still catches anything a dropped stream missed.
        staleTime: 30_000,
      },
      mutations: { retry: false },
    },
  });
}
