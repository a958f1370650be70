import { describe, expect, it } from 'vitest';
import { createQueryClient } from '../../../../renderer/src/query/query-client.ts';

/** Two equal values that are not the same object: what structural sharing would fold into the old one. */
const twins = () =>
  [
    { id: 'job-1', items: [{ key: 'file:a', state: 'done' }] },
    { id: 'job-1', items: [{ key: 'file:a', state: 'done' }] },
  ] as const;

describe('the query client', () => {
  it('keeps a job view as given, without walking it against the one held', () => {
    const client = createQueryClient();
    for (const key of [
      ['jobs.get', { id: 'job-1' }],
      ['jobs.list', {}],
    ]) {
      const [held, next] = twins();
      client.setQueryData(key, held);
      client.setQueryData(key, next);
      // Structural sharing would have kept `held` (deep-equal): every event's view would be compared item by item.
      expect(client.getQueryData(key)).toBe(next);
    }
  });

  it('still shares structure for other reads, so an unchanged list keeps its rows', () => {
    const client = createQueryClient();
    const [held, next] = twins();
    client.setQueryData(['assistants.list', { connectionId: 'c1' }], held);
    client.setQueryData(['assistants.list', { connectionId: 'c1' }], next);
    expect(client.getQueryData(['assistants.list', { connectionId: 'c1' }])).toBe(held);
  });
});
