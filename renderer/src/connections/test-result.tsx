import type { ConnectionProblem, ConnectionTestResult } from '../../../shared/connection.ts';

/** Short headings for each problem; the core's message under it says what to do. */
const problemTitles: Record<ConnectionProblem, string> = {
  unreachable: 'Unreachable',
  invalid_key: 'Key rejected',
  missing_scopes: 'Key lacks permissions',
  key_missing: 'No key',
  forbidden: 'Refused by the server',
  not_found: 'Wrong Base URL',
  rate_limited: 'Rate limited',
  server_error: 'Server error',
  unexpected_response: 'Not an OpenAI-compatible answer',
};

export function problemTitle(problem: ConnectionProblem): string {
  return problemTitles[problem];
}

export type TestOutcome = { kind: 'result'; result: ConnectionTestResult } | { kind: 'error'; message: string };

/**
 * The inline answer to "Test connection". It is a polite live region that is always rendered, so the
 * outcome is announced when it arrives without moving focus off the button.
 */
export function TestResult({ pending, outcome }: { pending: boolean; outcome: TestOutcome | null }) {
  return (
    <div className="test-result" role="status" aria-live="polite">
      {pending ? (
        <p className="test-result__pending">Testing connection…</p>
      ) : outcome?.kind === 'error' ? (
        <div className="test-result__box test-result__box--danger">
          <p className="test-result__title">Could not run the test</p>
          <p>{outcome.message}</p>
        </div>
      ) : outcome?.kind === 'result' && outcome.result.ok ? (
        <div className="test-result__box test-result__box--ok">
          <p className="test-result__title">Connected</p>
          <p>
            {outcome.result.modelCount} {outcome.result.modelCount === 1 ? 'model' : 'models'} available ·{' '}
            {formatLatency(outcome.result.latencyMs)}
          </p>
        </div>
      ) : outcome?.kind === 'result' && !outcome.result.ok ? (
        <div className="test-result__box test-result__box--danger">
          <p className="test-result__title">
            {problemTitles[outcome.result.problem]}
            {outcome.result.status !== undefined && (
              <span className="test-result__status"> · HTTP {outcome.result.status}</span>
            )}
          </p>
          <p>{outcome.result.message}</p>
          <p className="test-result__meta">Answered in {formatLatency(outcome.result.latencyMs)}</p>
        </div>
      ) : null}
    </div>
  );
}

function formatLatency(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}
