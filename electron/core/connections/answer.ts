/**
 * A small answer (every JSON one), already read whole, as the SDK reads a Response. Building undici's
 * Response for it validated every header again and copied the body into a web stream: a quarter of the
 * transport's CPU per request in a clone's profile, for an answer the SDK reads once with text() or json().
 * Only what a Response offers for reading is here; large answers stay undici's streamed Response.
 */
export class Answer {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  readonly url: string;
  readonly redirected = false;
  readonly type = 'basic';
  readonly #bytes: ArrayBuffer | null;
  #stream: ReadableStream<Uint8Array> | undefined;
  #used = false;

  constructor(
    bytes: ArrayBuffer | null,
    init: { status: number; statusText: string; headers: Record<string, string | string[] | undefined>; url: string },
  ) {
    this.#bytes = bytes;
    this.status = init.status;
    this.statusText = init.statusText;
    this.headers = new AnswerHeaders(init.headers) as unknown as Headers;
    this.url = init.url;
  }

  get ok(): boolean {
    return this.status >= 200 && this.status <= 299;
  }

  get bodyUsed(): boolean {
    return this.#used;
  }

  /** The bytes as a stream, for a caller that reads (or cancels) the body rather than its text. */
  get body(): ReadableStream<Uint8Array> | null {
    if (this.#bytes === null) return null;
    const bytes = this.#bytes;
    this.#stream ??= new ReadableStream<Uint8Array>({
      start(controller) {
        if (bytes.byteLength > 0) controller.enqueue(new Uint8Array(bytes));
        controller.close();
      },
    });
    return this.#stream;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    return this.#consume();
  }

  async bytes(): Promise<Uint8Array> {
    return new Uint8Array(await this.#consume());
  }

  async text(): Promise<string> {
    return DECODER.decode(await this.#consume());
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text()) as unknown;
  }

  async blob(): Promise<Blob> {
    return new Blob([await this.#consume()], { type: this.headers.get('content-type') ?? '' });
  }

  clone(): Answer {
    if (this.#used) throw new TypeError('Response.clone: Body has already been consumed.');
    return new Answer(this.#bytes, {
      status: this.status,
      statusText: this.statusText,
      headers: (this.headers as unknown as AnswerHeaders).record,
      url: this.url,
    });
  }

  async #consume(): Promise<ArrayBuffer> {
    if (this.#used) throw new TypeError('Body is unusable: Body has already been read');
    this.#used = true;
    if (this.#stream === undefined) return this.#bytes ?? new ArrayBuffer(0);
    // The body stream was taken (and maybe read or cancelled): what is left in it is the body.
    const chunks: Uint8Array[] = [];
    for await (const chunk of this.#stream) chunks.push(chunk);
    const whole = Buffer.concat(chunks);
    return whole.buffer.slice(whole.byteOffset, whole.byteOffset + whole.byteLength) as ArrayBuffer;
  }
}

const DECODER = new TextDecoder();

/**
 * Response headers as undici parsed them (names in lower case, a repeated one as an array), read the way
 * a Headers object is read: by name, or in name order. An answer's headers cannot be changed.
 */
export class AnswerHeaders {
  readonly record: Record<string, string | string[] | undefined>;

  constructor(record: Record<string, string | string[] | undefined>) {
    this.record = record;
  }

  get(name: string): string | null {
    // Callers mostly ask in lower case already; only the rest pay for lowering.
    const record = this.record;
    const key = Object.hasOwn(record, name) ? name : name.toLowerCase();
    const value = Object.hasOwn(record, key) ? record[key] : undefined;
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }

  has(name: string): boolean {
    return this.get(name) !== null;
  }

  getSetCookie(): string[] {
    const value = this.record['set-cookie'];
    return value === undefined ? [] : Array.isArray(value) ? [...value] : [value];
  }

  #sorted: [string, string][] | undefined;

  /** In name order, as Headers iterate (the SDK walks them once per answer, looking for its request id). */
  entries(): IterableIterator<[string, string]> {
    this.#sorted ??= Object.keys(this.record)
      .sort()
      .flatMap((name) => {
        const value = this.get(name);
        return value === null ? [] : [[name, value] as [string, string]];
      });
    return this.#sorted.values();
  }

  *keys(): IterableIterator<string> {
    for (const [name] of this.entries()) yield name;
  }

  *values(): IterableIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }

  forEach(callback: (value: string, name: string, headers: AnswerHeaders) => void, thisArg?: unknown): void {
    for (const [name, value] of this.entries()) callback.call(thisArg, value, name, this);
  }

  set(): never {
    throw new TypeError('immutable');
  }

  append(): never {
    throw new TypeError('immutable');
  }

  delete(): never {
    throw new TypeError('immutable');
  }
}
