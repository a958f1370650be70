import { QueryClient } from '@tanstack/react-query';
import { BridgeError } from '../../../shared/bridge.ts';

/**
 * Only transport trouble is worth retrying: a bad_input or not_found answer will not change on a second
 * try, and a missing session token needs the admin, not a loop.
 */
export function createQueryClient(): QueryClient {
  const client = new QueryClient({
    defaultOptions: {
      queries: {
        retry: (failures, error) => failures < 2 && error instanceof BridgeError && error.code === 'unreachable',
        // Change events keep lists fresh; a focus refetch still catches anything a dropped stream missed.
        staleTime: 30_000,
      },
      mutations: { retry: false },
    },
  });
  // A job's view is rebuilt from each of its events with the unchanged items kept as they were
  // (shared/job-updates.ts), so React already sees which rows changed. Structural sharing would walk
  // every item of a job of thousands on every event, twice (the list and the job), to learn nothing more.
  for (const method of ['jobs.list', 'jobs.get']) client.setQueryDefaults([method], { structuralSharing: false });
  return client;
}
