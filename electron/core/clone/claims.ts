/**
 * The destination ids a run has given to plan keys, one key per id. Claiming is synchronous (it happens in
 * the same tick as the choice), so two reconciles that list the destination at once never choose the same
 * object: the second sees the first's claim and takes the next candidate.
 *
 * That alone does not make claims exclusive when names and sizes repeat. A reconcile looks for a lost
 * upload's file by name and size; if a look-alike's upload is under way, its file can show in that listing
 * before its answer arrives, the reconcile takes it, and the answer then names a file another key holds.
 * So, per name and size (a "signature"), listings and sends exclude each other: a reconcile lists only
 * while no look-alike awaits an answer ({@link listing}), and an upload is sent (or sent again) only
 * while no look-alike's reconcile is listing ({@link sending}). Listings of one signature also go one at
 * a time: a reconcile that weighs a candidate by its bytes claims it while it downloads them, and a
 * look-alike's reconcile listing meanwhile would pass over what may be its own lost upload, then send
 * it again (a duplicate). Nothing waits while holding a phase, and waiting blocks no one, so there is
 * no cycle: a listing ends by itself, an answer comes or fails.
 */
export class Claims {
  readonly #byId = new Map<string, string>();
  /** What each key of a signature is doing now; a key absent is doing neither (or waiting to). */
  readonly #phases = new Map<string, Map<string, 'sending' | 'listing'>>();
  readonly #wake = new Set<() => void>();

  /** Whether `key` may take `destinationId` (unclaimed, or claimed by `key` itself). */
  free(destinationId: string, key: string): boolean {
    const owner = this.#byId.get(destinationId);
    return owner === undefined || owner === key;
  }

  /** Gives `destinationId` to `key`; false (and nothing changed) when another key holds it. */
  claim(destinationId: string, key: string): boolean {
    if (!this.free(destinationId, key)) return false;
    this.#byId.set(destinationId, key);
    return true;
  }

  /** Lets go of an object (cleanup deleted it, or it turned out to be gone). */
  release(destinationId: string): void {
    this.#byId.delete(destinationId);
  }

  ownerOf(destinationId: string): string | undefined {
    return this.#byId.get(destinationId);
  }

  /**
   * Before a reconcile lists look-alikes of `signature`: waits while another key's upload of it awaits an
   * answer (that answer will claim the file it made) or another key's reconcile lists them, then marks
   * `key` as listing until {@link idle}.
   */
  listing(signature: string, key: string, signal?: AbortSignal): Promise<void> {
    return this.#enter(signature, key, 'listing', ['sending', 'listing'], signal);
  }

  /**
   * Before an upload of `signature` is sent, and before each retry: waits while another key's reconcile
   * lists look-alikes (it could take this upload's file before the answer names it), then marks `key` as
   * sending until {@link idle}.
   */
  sending(signature: string, key: string, signal?: AbortSignal): Promise<void> {
    return this.#enter(signature, key, 'sending', ['listing'], signal);
  }

  /** `key` neither sends nor lists `signature` any more (its answer came, its listing ended, it gave up). */
  idle(signature: string, key: string): void {
    const keys = this.#phases.get(signature);
    if (!keys?.delete(key)) return;
    if (keys.size === 0) this.#phases.delete(signature);
    for (const wake of [...this.#wake]) wake();
  }

  /** What `key` is doing with `signature`, for tests and for a hang's report. */
  phaseOf(signature: string, key: string): 'sending' | 'listing' | undefined {
    return this.#phases.get(signature)?.get(key);
  }

  async #enter(
    signature: string,
    key: string,
    phase: 'sending' | 'listing',
    excluded: ReadonlyArray<'sending' | 'listing'>,
    signal?: AbortSignal,
  ): Promise<void> {
    // Whatever `key` was doing, it stops while it waits: a key waiting to list is not awaiting an answer.
    this.idle(signature, key);
    const blocked = () =>
      [...(this.#phases.get(signature) ?? [])].some(([other, state]) => other !== key && excluded.includes(state));
    while (blocked()) await this.#nextChange(signal);
    signal?.throwIfAborted();
    const keys = this.#phases.get(signature) ?? new Map<string, 'sending' | 'listing'>();
    keys.set(key, phase);
    this.#phases.set(signature, keys);
  }

  /** Resolves at the next change of any phase; rejects with the signal's reason when it aborts first. */
  #nextChange(signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        this.#wake.delete(wake);
        reject(signal?.reason);
      };
      const wake = () => {
        this.#wake.delete(wake);
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      this.#wake.add(wake);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
