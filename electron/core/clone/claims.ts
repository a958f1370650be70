import { wakeOrAbort } from '../openai/abort-fanout.ts';

/**
 * The destination ids a run has given to plan keys, one key per id. Claiming is synchronous (it happens in
 * the same tick as the choice), so two reconciles that list the destination at once never choose the same
 * object: the second sees the first's claim and takes the next candidate.
 *
 * That alone does not make claims exclusive when names and sizes repeat. A reconcile looks for a lost
 * upload's file by name and size, and when the bytes cannot be downloaded (assistants' files) name and
 * size are all it can see. Were two look-alikes on their way at once and both answers lost, each
 * reconcile would find two candidates it could not tell apart, and might take the other's file: each
 * source then has a copy, but of the other's bytes. So, per name and size (a "signature"), one key at a
 * time holds the signature ({@link take}): from before its upload is sent until its answer comes or its
 * reconcile has found the file, and while a resumed run lists look-alikes for what a dead run may have
 * made. A reconcile therefore only ever sees one look-alike that no key has claimed: its own.
 *
 * A key waits only while it holds no signature (holding one, it never waits: no other key can hold that
 * signature then), so there is no cycle: an upload ends by itself, an answer comes or fails.
 */
export class Claims {
  readonly #byId = new Map<string, string>();
  /** Which key holds each signature now; a signature absent is free. */
  readonly #holders = new Map<string, string>();
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
   * Before an upload of `signature` is sent, or look-alikes of it are listed: waits while another key holds
   * it, then holds it for `key` until {@link letGo}. Taking a signature `key` already holds returns at once.
   */
  async take(signature: string, key: string, signal?: AbortSignal): Promise<void> {
    for (let holder = this.#holders.get(signature); holder !== undefined && holder !== key;) {
      await this.#nextChange(signal);
      holder = this.#holders.get(signature);
    }
    signal?.throwIfAborted();
    this.#holders.set(signature, key);
  }

  /** `key` is done with `signature` (its answer came, its reconcile found the file, it gave up). */
  letGo(signature: string, key: string): void {
    if (this.#holders.get(signature) !== key) return;
    this.#holders.delete(signature);
    for (const wake of [...this.#wake]) wake();
  }

  /** Who holds `signature`, for tests and for a hang's report. */
  holderOf(signature: string): string | undefined {
    return this.#holders.get(signature);
  }

  /** Resolves at the next let-go; rejects with the signal's reason when it aborts first. */
  #nextChange(signal?: AbortSignal): Promise<void> {
    // Many keys may wait on one job's signal at once: one listener on it (see abort-fanout.ts).
    return wakeOrAbort(signal, (wake) => {
      const once = () => {
        this.#wake.delete(once);
        wake();
      };
      this.#wake.add(once);
      return () => this.#wake.delete(once);
    });
  }
}
