import OpenAI from 'openai';

/**
 * What a failed attempt means for the next one:
 * - retryable: worth another attempt (rate limits, server errors, dropped connections, timeouts);
 * - mayHaveApplied: the server may have carried the request out even though no answer came back (a
 *   dropped connection or a timeout after the request was sent, or a gateway error), so a create must look
 *   for what it may have made before trying again;
 * - throttled: the server said slow down (429).
 */
export interface AttemptFailure {
  retryable: boolean;
  mayHaveApplied: boolean;
  throttled: boolean;
  status: number | undefined;
  headers: Headers | undefined;
}

export function classifyFailure(error: unknown): AttemptFailure {
  if (error instanceof OpenAI.APIUserAbortError) {
    return { retryable: false, mayHaveApplied: true, throttled: false, status: undefined, headers: undefined };
  }
  if (error instanceof OpenAI.APIConnectionError) {
    // Includes APIConnectionTimeoutError. A dropped connection may have come after the server read the
    // request; only a connection that was never made (refused, name not found, connect timeout) says the
    // request was never sent: then it is simply sent again, with no reconcile.
    const sent = !neverConnected(error);
    return { retryable: true, mayHaveApplied: sent, throttled: false, status: undefined, headers: undefined };
  }
  if (error instanceof OpenAI.APIError && typeof error.status === 'number') {
    const status = error.status;
    const headers = error.headers instanceof Headers ? error.headers : undefined;
    if (status === 429) {
      // OpenAI answers 429 both for "too fast" and for "out of quota"; the latter will not pass with time.
      const quota = error.code === 'insufficient_quota';
      return { retryable: !quota, mayHaveApplied: false, throttled: !quota, status, headers };
    }
    if (status === 408 || status === 409)
      return { retryable: true, mayHaveApplied: false, throttled: false, status, headers };
    // A 5xx can come after the write was applied (a proxy timing out, a crash mid-answer): assume it may have.
    if (status >= 500) return { retryable: true, mayHaveApplied: true, throttled: false, status, headers };
    return { retryable: false, mayHaveApplied: false, throttled: false, status, headers };
  }
  return { retryable: false, mayHaveApplied: false, throttled: false, status: undefined, headers: undefined };
}

/**
 * Whether the cause of a failed request is that no connection was made: a refused or unreachable connect,
 * an unknown host name, undici's connect timeout. A request goes to the socket only once it connected (and
 * finished its TLS handshake), so no byte of it was written. An error during or after writing (a reset,
 * "other side closed") is never one of these.
 */
export function neverConnected(error: unknown): boolean {
  for (let cause: unknown = error, depth = 0; cause instanceof Error && depth < 8; depth += 1) {
    const { syscall, code } = cause as { syscall?: unknown; code?: unknown };
    if (syscall === 'connect' || syscall === 'getaddrinfo' || code === 'UND_ERR_CONNECT_TIMEOUT') return true;
    // Several addresses tried in turn (happy eyeballs): never connected when none of them did.
    if (cause instanceof AggregateError && cause.errors.length > 0) return cause.errors.every(neverConnected);
    cause = cause.cause;
  }
  return false;
}
