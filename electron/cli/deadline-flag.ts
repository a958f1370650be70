import type { ClientOptions } from '../core/connections/client-factory.ts';
import { UsageError } from './command.ts';

/**
 * `--request-deadline MINUTES`: the most one request of a clone may take, however steadily its bytes
 * flow (an upload on a slow link is not stuck while it is still sending; only silence ends it early).
 */
export const deadlineOption = { 'request-deadline': { type: 'string' } } as const;

export const deadlineHelp =
  '  --request-deadline MIN  the most one request may take while its bytes still flow (default 60)';

export function deadlineClientOptions(value: string | undefined): ClientOptions {
  if (value === undefined) return {};
  const minutes = Number(value);
  if (value.trim() === '' || !Number.isFinite(minutes) || minutes <= 0 || minutes > 24 * 60) {
    throw new UsageError(`--request-deadline must be a number of minutes from 0 to 1440 (e.g. 90), got "${value}".`);
  }
  return { requestDeadlineMs: Math.round(minutes * 60_000) };
}
