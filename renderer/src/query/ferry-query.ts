import {
  useMutation,
  useQuery,
  useQueryClient,
  type UseMutationResult,
  type UseQueryResult,
} from '@tanstack/react-query';
import type { MethodName, ParamsOf, ResultOf } from '../../../shared/api.ts';
import { BridgeError } from '../../../shared/bridge.ts';
import { useBridge } from '../bridge/index.ts';

/** Query keys are `[method, params]`, so `[method]` alone invalidates every variant of a call. */
export function ferryKey<M extends MethodName>(method: M, params?: ParamsOf<M>): readonly unknown[] {
  return params === undefined ? [method] : [method, params];
}

/** Reads through the bridge, cached by method and params. */
export function useFerryQuery<M extends MethodName>(
  method: M,
  params: ParamsOf<M>,
  options: {
    enabled?: boolean;
    refetchInterval?: number | false | ((data: ResultOf<M> | undefined) => number | false);
    refetchOnWindowFocus?: boolean | 'always';
    refetchOnMount?: boolean | 'always';
  } = {},
): UseQueryResult<ResultOf<M>, BridgeError> {
  const bridge = useBridge();
  return useQuery<ResultOf<M>, BridgeError>({
    queryKey: ferryKey(method, params),
    queryFn: async () => {
      try {
        return await bridge.call(method, params);
      } catch (error) {
        throw asBridgeError(error);
      }
    },
    ...(options.enabled === undefined ? {} : { enabled: options.enabled }),
    ...(options.refetchOnWindowFocus === undefined ? {} : { refetchOnWindowFocus: options.refetchOnWindowFocus }),
    ...(options.refetchOnMount === undefined ? {} : { refetchOnMount: options.refetchOnMount }),
    ...(options.refetchInterval === undefined
      ? {}
      : {
          refetchInterval:
            typeof options.refetchInterval === 'function'
              ? (q: { state: { data: ResultOf<M> | undefined } }) =>
                  (options.refetchInterval as (d: ResultOf<M> | undefined) => number | false)(q.state.data)
              : options.refetchInterval,
        }),
  });
}

/**
 * Writes through the bridge. On success it invalidates the listed reads at once rather than waiting
 * for the core's change event, which may arrive a moment later (or not at all while the stream is down).
 * `gcTime: 0` drops finished mutations right away: their variables can hold an API key.
 */
export function useFerryMutation<M extends MethodName>(
  method: M,
  options: { invalidates?: readonly MethodName[] } = {},
): UseMutationResult<ResultOf<M>, BridgeError, ParamsOf<M>> {
  const bridge = useBridge();
  const queryClient = useQueryClient();
  return useMutation<ResultOf<M>, BridgeError, ParamsOf<M>>({
    mutationFn: async (params) => {
      try {
        return await bridge.call(method, params);
      } catch (error) {
        throw asBridgeError(error);
      }
    },
    gcTime: 0,
    onSuccess: async () => {
      await Promise.all((options.invalidates ?? []).map((name) => queryClient.invalidateQueries({ queryKey: [name] })));
    },
  });
}

export function asBridgeError(error: unknown): BridgeError {
  if (error instanceof BridgeError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new BridgeError({ code: 'internal', message: `Something went wrong in this window: ${message}` });
}

/**
 * Runs a mutation, then `onDone` once it succeeded, even if the component that asked has unmounted
 * meanwhile: a delete's own invalidation refetches the list, which drops the object and its inspector
 * before the call settles, and `mutate`'s callbacks never run for an unmounted observer. A failure stays
 * on the mutation (its `error`), where a still-open dialog shows it.
 */
export function mutateThen<R, P>(mutation: UseMutationResult<R, BridgeError, P>, params: P, onDone: () => void): void {
  void mutation.mutateAsync(params).then(onDone, () => {});
}
