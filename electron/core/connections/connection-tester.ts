import OpenAI from 'openai';
import type { ConnectionProblem, ConnectionTestResult } from '../../../shared/connection.ts';

/**
 * Calls GET /models and explains the outcome. The messages are for an admin who has just pasted a key:
 * they say what is wrong and what to do, and never repeat the key (upstream messages are not echoed).
 */
export async function testConnection(
  client: OpenAI,
  now: () => number = performance.now.bind(performance),
): Promise<ConnectionTestResult> {
  const started = now();
  const elapsed = () => Math.round(now() - started);
  try {
    const page = await client.models.list();
    return { ok: true, modelCount: page.data.length, latencyMs: elapsed() };
  } catch (error) {
    return { ok: false, latencyMs: elapsed(), ...explain(error, client.baseURL) };
  }
}

type Explanation = { problem: ConnectionProblem; message: string; status?: number };

export function explain(error: unknown, baseUrl: string): Explanation {
  if (error instanceof OpenAI.APIConnectionTimeoutError) {
    return {
      problem: 'unreachable',
      message: `${baseUrl} did not answer in time. Check the Base URL and your network or proxy.`,
    };
  }
  if (error instanceof OpenAI.APIConnectionError) {
    return {
      problem: 'unreachable',
      message: `Could not reach ${baseUrl}${causeOf(error)}. Check the Base URL and that the server is running.`,
    };
  }
  if (error instanceof OpenAI.APIError && typeof error.status === 'number') {
    const status = error.status;
    const upstream = `${error.message ?? ''} ${error.code ?? ''}`.toLowerCase();
    if (status === 401 && upstream.includes('missing scope')) {
      return {
        status,
        problem: 'missing_scopes',
        message:
          'The key is valid but lacks the permissions Ferry needs (Models: Read, at least). Give the key ' +
          'those permissions in the OpenAI dashboard, or use a key with All permissions.',
      };
    }
    if (status === 401 && (upstream.includes('organization') || upstream.includes('project'))) {
      return {
        status,
        problem: 'invalid_key',
        message:
          'The key does not belong to the Organization ID or Project ID set on this connection. Correct the ' +
          "IDs, or clear them to use the key's default organization and project.",
      };
    }
    if (status === 401) {
      return {
        status,
        problem: 'invalid_key',
        message: 'The API key was rejected (401). It may be mistyped, revoked or for another server: paste it again.',
      };
    }
    if (status === 403) {
      return {
        status,
        problem: 'forbidden',
        message: 'The server refused this key (403): it may be restricted by region, IP or role.',
      };
    }
    if (status === 404) {
      return {
        status,
        problem: 'not_found',
        message: `${baseUrl}/models does not exist (404). The Base URL usually ends in /v1.`,
      };
    }
    if (status === 429) {
      return {
        status,
        problem: 'rate_limited',
        message: 'The server is rate limiting this key (429). Wait a moment and test again.',
      };
    }
    if (status >= 500) {
      return {
        status,
        problem: 'server_error',
        message: `The server had an error (${status}). Try again in a moment.`,
      };
    }
    return { status, problem: 'unexpected_response', message: `The server answered GET /models with HTTP ${status}.` };
  }
  return {
    problem: 'unexpected_response',
    message: `The server's answer to GET /models was not the OpenAI API's. Check that ${baseUrl} is an OpenAI-compatible API.`,
  };
}

/** The innermost reason fetch gives (ECONNREFUSED and friends sit two or three causes deep), in words. */
function causeOf(error: Error): string {
  const known: Record<string, string> = {
    ECONNREFUSED: 'nothing is listening there',
    ENOTFOUND: 'the host name does not resolve',
    EAI_AGAIN: 'the host name could not be looked up',
    ECONNRESET: 'the connection was reset',
    ETIMEDOUT: 'the connection timed out',
    CERT_HAS_EXPIRED: 'its TLS certificate has expired',
    DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate could not be verified',
  };
  let reason: string | undefined;
  let current: unknown = error.cause;
  const words: Record<string, string> = { 'bad port': 'fetch refuses to connect to this port; use another one' };
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1, current = current.cause) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return ` (${known[code] ?? code})`;
    reason = current.message;
  }
  return reason && reason !== 'fetch failed' ? ` (${words[reason] ?? reason})` : '';
}
