import type { MethodName, ParamsOf, ResultOf } from '../../../shared/api.ts';
import { BridgeError, type FerryBridge } from '../../../shared/bridge.ts';
import type { FerryErrorShape } from '../../../shared/errors.ts';
import { joinAnswer, type AnswerPart } from './answer-parts.ts';

/** What the page asks the call worker: one call, numbered so its answer finds its caller. */
export interface CallRequest {
  id: number;
  origin: string;
  method: MethodName;
  params: unknown;
}

/**
 * What the call worker answers: the checked result, or the error as plain data (a BridgeError does not
 * cross). A result's long lists come first, in parts (answer-parts.ts); the result then holds the rest.
 */
export type CallReply =
  | { id: number; part: AnswerPart }
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: FerryErrorShape }
  /** Sent once, when the worker has loaded and can take calls. */
  | { ready: true };

type Call = FerryBridge['call'];

const LOST_MESSAGE = 'Ferry lost track of a request in this window. Reload the page to see where things stand.';

/**
 * Browser mode's calls, read and checked in a worker: a list of thousands of rows (or a job of thousands of
 * items) costs its JSON parse and its contract check there, and only the structured copy of the result
 * on the page's main thread, so a pane read again while a job runs does not hold up a frame.
 *
 * Until the worker says it is ready (and for good, if it cannot start or fails), calls run in the page
 * instead: a call is sent by exactly one of the two, never retried on the other, since it may be a write.
 */
export function createWorkerCalls(origin: string, inPage: Call, start: () => Worker = startCallWorker): Call {
  const pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: BridgeError) => void; parts: AnswerPart[] }
  >();
  let nextId = 0;
  let ready = false;
  let worker: Worker | null = null;
  const fail = () => {
    ready = false;
    worker?.terminate();
    worker = null;
    for (const { reject } of pending.values()) reject(new BridgeError({ code: 'internal', message: LOST_MESSAGE }));
    pending.clear();
  };
  try {
    worker = start();
  } catch {
    return inPage;
  }
  worker.addEventListener('message', (event: MessageEvent<CallReply>) => {
    const reply = event.data;
    if ('ready' in reply) {
      ready = true;
      return;
    }
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    if ('part' in reply) return void waiting.parts.push(reply.part);
    pending.delete(reply.id);
    if (reply.ok) waiting.resolve(waiting.parts.length > 0 ? joinAnswer(reply.result, waiting.parts) : reply.result);
    else waiting.reject(new BridgeError(reply.error));
  });
  worker.addEventListener('error', fail);
  worker.addEventListener('messageerror', fail);

  return <M extends MethodName>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>> => {
    if (!worker || !ready) return inPage(method, params);
    const id = (nextId += 1);
    const request: CallRequest = { id, origin, method, params };
    return new Promise<ResultOf<M>>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject, parts: [] });
      worker!.postMessage(request);
    });
  };
}

function startCallWorker(): Worker {
  return new Worker(new URL('./call-worker.ts', import.meta.url), { type: 'module', name: 'ferry-calls' });
}
