import type { MethodName, ParamsOf, ResultOf } from '../../../shared/api.ts';
import { BridgeError, unwrap } from '../../../shared/bridge.ts';
import { checkResult, readOutcome } from './check-result.ts';

export const UNAUTHORIZED_MESSAGE =
  'This browser tab is not signed in to Ferry. Open the exact URL that `ferry web` printed ' +
  '(it carries a one-time token); if Ferry was restarted, use the new URL.';
const UNREACHABLE_MESSAGE = 'Ferry is not answering. Check that `ferry web` is still running, then reload this page.';

/**
 * One call in browser mode: `POST /api/call/<method>`, its answer read and checked against the contract.
 * It resolves with the checked result or throws a BridgeError. It runs in the page or in the call worker
 * (call-worker.ts), so it uses only what both have: fetch, and the session cookie same-origin requests carry.
 */
export async function callOverHttp<M extends MethodName>(
  doFetch: typeof fetch,
  origin: string,
  method: M,
  params: ParamsOf<M> | undefined,
): Promise<ResultOf<M>> {
  let response: Response;
  try {
    response = await doFetch(new URL(`/api/call/${encodeURIComponent(method)}`, origin).href, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(params ?? {}),
      credentials: 'same-origin',
    });
  } catch {
    throw new BridgeError({ code: 'unreachable', message: UNREACHABLE_MESSAGE });
  }
  if (response.status === 401) throw new BridgeError({ code: 'unauthorized', message: UNAUTHORIZED_MESSAGE });
  if (!response.ok) {
    throw new BridgeError({
      code: 'internal',
      message: `Ferry's web host refused the request (HTTP ${response.status}). Reload the page; if it persists, restart \`ferry web\`.`,
    });
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new BridgeError({
      code: 'internal',
      message: `Ferry's answer could not be read (it was not JSON). Reload the page.`,
    });
  }
  return checkResult(method, unwrap(readOutcome(body)));
}
