/**
 * The call worker (worker-calls.ts): makes browser mode's calls off the page's main thread, so reading and
 * checking a big answer does not block the page. It holds nothing between calls.
 */
import { BridgeError } from '../../../shared/bridge.ts';
import type { FerryErrorShape } from '../../../shared/errors.ts';
import { splitAnswer } from './answer-parts.ts';
import { callOverHttp } from './http-call.ts';
import type { CallReply, CallRequest } from './worker-calls.ts';

// The renderer compiles against the DOM's types, which have no worker scope: these two are all it uses.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<CallRequest>) => void) | null;
  postMessage(reply: CallReply): void;
};

scope.onmessage = ({ data: { id, origin, method, params } }) => {
  callOverHttp(fetch, origin, method, params as never).then(
    (result) => {
      // Each part is a message of its own, so the page takes a big answer in several short tasks.
      const { parts, rest } = splitAnswer(result);
      for (const part of parts) scope.postMessage({ id, part });
      scope.postMessage({ id, ok: true, result: rest });
    },
    (error: unknown) => scope.postMessage({ id, ok: false, error: errorShape(error) }),
  );
};
scope.postMessage({ ready: true });

function errorShape(error: unknown): FerryErrorShape {
  if (error instanceof BridgeError)
    return { code: error.code, message: error.message, ...(error.field === undefined ? {} : { field: error.field }) };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: `Something went wrong in this window: ${message}` };
}
