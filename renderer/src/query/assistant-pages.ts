import { experimental_streamedQuery as streamedQuery, useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { BridgeError, FerryBridge } from '../../../shared/bridge.ts';
import type { AssistantView } from '../../../shared/resources.ts';
import { useBridge } from '../bridge/index.ts';
import { asBridgeError, ferryKey } from './ferry-query.ts';

/** A pane's assistants as far as they have been read: `complete` once the last page is in. */
export type PagedAssistants =
  { served: true; assistants: readonly AssistantView[]; complete: boolean } | { served: false; message: string };

type Chunk = { served: true; assistants: AssistantView[]; complete: boolean } | { served: false; message: string };

/** API pages (of 100) one call may ask for: what the contract allows. */
const MOST_PAGES = 50;

/**
 * Reads a connection's assistants and yields them in chunks, one per call to the core: the first page
 * alone, so a big org's pane shows rows as soon as the server answers, then about a quarter of what is
 * shown each time, so 100,000 assistants (1,000 pages) cost some 40 calls and as many draws, not 1,000.
 */
export async function* assistantChunks(
  bridge: FerryBridge,
  connectionId: string,
  signal: AbortSignal,
): AsyncGenerator<Chunk> {
  let after: string | undefined;
  let shown = 0;
  for (;;) {
    if (signal.aborted) return;
    const pages = Math.min(MOST_PAGES, Math.max(1, Math.floor(shown / 400)));
    const answer = await bridge.call('assistants.page', { connectionId, pages, ...(after ? { after } : {}) });
    if (!answer.served) {
      yield answer;
      return;
    }
    const complete = answer.after === null;
    yield { served: true, assistants: answer.assistants, complete };
    shown += answer.assistants.length;
    if (complete) return;
    after = answer.after ?? undefined;
  }
}

const reading: PagedAssistants = { served: true, assistants: [], complete: false };

function add(shown: PagedAssistants, chunk: Chunk): PagedAssistants {
  if (!chunk.served) return chunk;
  const before = shown.served ? shown.assistants : [];
  return { served: true, assistants: before.concat(chunk.assistants), complete: chunk.complete };
}

/**
 * The pane's assistants, streamed. Kept under the `assistants.list` key, so whatever invalidates that
 * list (a write, a change event, Refresh) reads these again. A second read keeps the rows shown until it
 * is whole ("replace"), so a refresh never empties a long list or shows it half-read.
 */
export function useAssistantPages(
  connectionId: string,
  options: { enabled: boolean; refetchOnWindowFocus: 'always' },
): UseQueryResult<PagedAssistants, BridgeError> {
  const bridge = useBridge();
  return useQuery<PagedAssistants, BridgeError>({
    queryKey: [...ferryKey('assistants.list', { connectionId }), 'pages'],
    queryFn: async (context) => {
      try {
        return await streamedQuery<Chunk, PagedAssistants>({
          streamFn: ({ signal }) => assistantChunks(bridge, connectionId, signal),
          refetchMode: 'replace',
          reducer: add,
          initialValue: reading,
        })(context);
      } catch (error) {
        throw asBridgeError(error);
      }
    },
    ...options,
  });
}
