import { describe, expect, it } from 'vitest';
import { createQueryClient } from '../../../../renderer/src/query/query-client.ts';
import { invalidatePanes } from '../../../../renderer/src/query/use-ferry-events.ts';

const keys = [
  ['files.list', { connectionId: 'c1' }],
  ['files.list', { connectionId: 'c2' }],
  ['assistants.list', { connectionId: 'c1' }, 'pages'],
  ['vectorStores.files', { connectionId: 'c1', vectorStoreId: 'vs1' }],
  ['jobs.list', {}],
  ['connections.list'],
] as const;

function stale(connectionIds?: readonly string[], methods?: readonly string[]): string[] {
  const client = createQueryClient();
  for (const key of keys) client.setQueryData(key, []);
  invalidatePanes(client, connectionIds, methods);
  return client
    .getQueryCache()
    .getAll()
    .filter((query) => query.state.isInvalidated)
    .map((query) => JSON.stringify(query.queryKey));
}

describe('invalidatePanes', () => {
  it('marks the given reads of the given connections stale, and nothing else', () => {
    expect(stale(['c1'], ['files.list', 'vectorStores.files'])).toEqual([
      JSON.stringify(keys[0]),
      JSON.stringify(keys[3]),
    ]);
  });

  it('marks every pane read of a connection, a streamed list too, but not the jobs or connections', () => {
    expect(stale(['c1'])).toEqual([keys[0], keys[2], keys[3]].map((key) => JSON.stringify(key)));
  });

  it('marks every connection’s pane reads when none is named', () => {
    expect(stale()).toEqual([keys[0], keys[1], keys[2], keys[3]].map((key) => JSON.stringify(key)));
  });
});
