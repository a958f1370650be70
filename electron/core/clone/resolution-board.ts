/**
 * Destination ids as they become known, by plan key. Work waits on exactly what it needs: a store's batch
 * waits for its files, an assistant for its files and stores (not for ingestion), so uploads, store
 * creation, ingestion and assistant creation overlap instead of running in strict phases.
 */
export class ResolutionBoard {
  readonly #ids = new Map<string, string>();
  readonly #waiting = new Map<
    string,
    { promise: Promise<string | undefined>; settle: (id: string | undefined) => void }
  >();
  readonly #settled = new Set<string>();

  /** Records a key's destination id (or that it will have none) and wakes whatever waits on it. */
  settle(key: string, id: string | undefined): void {
    if (id !== undefined) this.#ids.set(key, id);
    this.#settled.add(key);
    this.#waiting.get(key)?.settle(id);
  }

  get(key: string): string | undefined {
    return this.#ids.get(key);
  }

  has(key: string): boolean {
    return this.#ids.has(key);
  }

  /** Resolves with the key's id once it is settled (undefined when it failed or was skipped). */
  wait(key: string): Promise<string | undefined> {
    if (this.#settled.has(key)) return Promise.resolve(this.#ids.get(key));
    let entry = this.#waiting.get(key);
    if (!entry) {
      let settle!: (id: string | undefined) => void;
      const promise = new Promise<string | undefined>((resolve) => (settle = resolve));
      entry = { promise, settle };
      this.#waiting.set(key, entry);
    }
    return entry.promise;
  }

  /** Settles every key nobody settled (a cancelled run), so no waiter hangs. */
  settleRemaining(): void {
    for (const key of this.#waiting.keys()) if (!this.#settled.has(key)) this.settle(key, undefined);
  }

  entries(): Map<string, string> {
    return new Map(this.#ids);
  }
}
