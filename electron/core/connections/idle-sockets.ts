import { subscribe } from 'node:diagnostics_channel';
import type { Socket } from 'node:net';

/**
 * Keep-alive sockets retired by the wall clock, just before a request goes to the pool.
 *
 * A server closes a connection that stays idle past its timeout (it says how long in each answer's
 * `Keep-Alive: timeout=N`; Node's own server closes after 5 s). A request written to such a socket as the
 * server closes it fails with "other side closed" or ECONNRESET, and from the client's side that looks
 * exactly like a server that read the request, acted on it and died before answering: a create must then
 * be reconciled (listing the destination), never simply sent again. undici knows this and retires an idle
 * socket 2 s before the server's timeout, and right before reusing one it lets the loop read any close
 * already waiting on it. But its clock for the first is coarse and counts turns of the event loop, not
 * time: it advances half a second per turn however long the turn took, so in a clone whose loop lags
 * (CPU-bound at scale) a socket idle for 5 s of real time can still look young to it, and be written to in
 * the instant the server closes it. At 10,000 rpm that was 1,250 dropped requests in one clone and a
 * reconcile for each lost create.
 *
 * So here the same rule is kept on the wall clock: a socket is idle from the moment its last answer ended
 * (as seen here), and {@link sweep}, called before each request is dispatched, closes every idle socket
 * older than the server's timeout less the same 2 s margin. The pool then opens a fresh connection for the
 * request instead; nothing was written, so nothing needs reconciling. A request undici already queued on a
 * socket closed this way is not lost: undici sends what it had not yet written on a new connection, as it
 * does after its own idle timeout (closing with undici's informational error is that same path).
 */
const MARGIN_MS = 2_000;
/** undici's keep-alive timeout when a server names none. */
const UNNAMED_TIMEOUT_MS = 4_000;

export class IdleSockets {
  /** Idle sockets and since when, oldest first (a socket going idle again is moved to the end). */
  readonly #idleSince = new Map<Socket, number>();
  /** How long each socket may stay idle, from its server's last `Keep-Alive` hint. */
  readonly #limit = new WeakMap<Socket, number>();
  /** Which socket carries each request under way. */
  readonly #carrier = new WeakMap<object, Socket>();
  /** Sockets of Ferry's own pool: other undici users in the process are left alone. */
  readonly #ours = new WeakSet<Socket>();
  readonly #now: () => number;
  readonly #close: (socket: Socket) => void;
  /** The shortest limit of any socket: the sweep stops at the first socket younger than this. */
  #shortest = UNNAMED_TIMEOUT_MS;
  /** Retired so far (for tests and figures). */
  retired = 0;

  constructor(close: (socket: Socket) => void, now: () => number = () => performance.now()) {
    this.#close = close;
    this.#now = now;
  }

  /** A socket Ferry's pool has just connected. */
  adopt(socket: Socket): void {
    this.#ours.add(socket);
    socket.once('close', () => this.#idleSince.delete(socket));
  }

  /** A request's headers are being written to `socket`: busy until its answer ends. */
  sent(request: object, socket: Socket): void {
    if (!this.#ours.has(socket)) return;
    this.#idleSince.delete(socket);
    this.#carrier.set(request, socket);
  }

  /** An answer's headers: the server's keep-alive hint for its socket. */
  answered(request: object, headers: AnswerHeaders): void {
    const socket = this.#carrier.get(request);
    const seconds = socket ? keepAliveSeconds(headers) : undefined;
    if (!socket || seconds === undefined) return;
    const limit = seconds * 1000 - MARGIN_MS;
    // Too short to keep (undici does not reuse such a socket either).
    if (limit <= 0) return;
    this.#limit.set(socket, limit);
    this.#shortest = Math.min(this.#shortest, limit);
  }

  /** A request's answer has ended (or it failed): its socket, if still open, is idle from now. */
  ended(request: object): void {
    const socket = this.#carrier.get(request);
    if (!socket) return;
    this.#carrier.delete(request);
    if (socket.destroyed) return;
    this.#idleSince.delete(socket);
    this.#idleSince.set(socket, this.#now());
  }

  /** Closes every idle socket that has been idle too long for its server to be trusted to keep it open. */
  sweep(): void {
    if (this.#idleSince.size === 0) return;
    const now = this.#now();
    for (const [socket, since] of this.#idleSince) {
      const idle = now - since;
      // Oldest first: once one is younger than the shortest limit, so are all after it.
      if (idle < this.#shortest) break;
      if (idle < (this.#limit.get(socket) ?? UNNAMED_TIMEOUT_MS)) continue;
      this.#idleSince.delete(socket);
      this.retired += 1;
      this.#close(socket);
    }
  }

  /** Follows undici's requests through its diagnostics channels (published only while someone listens). */
  listen(): void {
    subscribe('undici:client:sendHeaders', (message) => {
      const { request, socket } = message as { request: object; socket: Socket };
      this.sent(request, socket);
    });
    subscribe('undici:request:headers', (message) => {
      const { request, response } = message as { request: object; response: { headers: AnswerHeaders } };
      this.answered(request, response.headers);
    });
    subscribe('undici:request:trailers', (message) => this.ended((message as { request: object }).request));
    subscribe('undici:request:error', (message) => this.ended((message as { request: object }).request));
  }
}

/** An answer's headers as undici's channel gives them: raw name/value pairs, or parsed. */
type AnswerHeaders = ReadonlyArray<Buffer | string> | Record<string, string | string[] | undefined>;

/** The `timeout=` of a `Keep-Alive` header, in seconds; undefined when the server names none. */
export function keepAliveSeconds(headers: AnswerHeaders): number | undefined {
  let value: string | undefined;
  if (Array.isArray(headers)) {
    for (let i = 0; i + 1 < headers.length; i += 2) {
      const name = headers[i]!;
      if (name.length === 10 && String(name).toLowerCase() === 'keep-alive') value = String(headers[i + 1]);
    }
  } else {
    const named = (headers as Record<string, string | string[] | undefined>)['keep-alive'];
    value = Array.isArray(named) ? named.at(-1) : named;
  }
  const seconds = value === undefined ? undefined : /(?:^|[\s,])timeout=(\d+)/i.exec(value)?.[1];
  return seconds === undefined ? undefined : Number(seconds);
}
