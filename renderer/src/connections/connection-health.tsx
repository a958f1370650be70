import type { ConnectionTestResult } from '../../../shared/connection.ts';
import { useFerryQuery } from '../query/ferry-query.ts';
import { problemTitle } from './test-result.tsx';

/**
 * A connection's last test, shared by the list's health dot and the editor: one read per connection,
 * made again when the connection is saved, when Refresh is pressed and when the window regains focus
 * (once the answer is older than the query's stale time).
 */
export function useConnectionHealth(id: string | null) {
  return useFerryQuery('connections.test', { id: id ?? '' }, { enabled: id !== null });
}

function healthWords(
  result: ConnectionTestResult | undefined,
  pending: boolean,
  failed: boolean,
): { tone: 'ok' | 'bad' | 'unknown'; text: string } {
  if (result?.ok) return { tone: 'ok', text: 'Connected' };
  if (result && !result.ok) return { tone: 'bad', text: problemTitle(result.problem) };
  if (failed) return { tone: 'bad', text: 'Could not be tested' };
  return { tone: 'unknown', text: pending ? 'Testing…' : 'Not tested' };
}

/** The dot beside a connection's name: green when its last test passed, red with the problem when not. */
export function HealthDot({ id }: { id: string }) {
  const health = useConnectionHealth(id);
  const { tone, text } = healthWords(health.data, health.isFetching, health.isError);
  return (
    <span className={`health-dot health-dot--${tone}`} role="img" aria-label={`Health: ${text}`} title={text}>
      <span aria-hidden="true">●</span> {text}
    </span>
  );
}
