import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { JsonRecordStore } from '../storage/json-store.ts';

/**
 * The partial files saves are writing, written down before their first byte: a save that Ferry finishes
 * or that fails removes its partial itself, but a killed Ferry cannot, so the next start removes whatever
 * this ledger still lists. Only the desktop shell saves, and it holds the state folder's single-instance
 * lock, so no other process is writing one of these while the purge runs.
 */
export class PartialDownloads {
  readonly #store: JsonRecordStore<true>;

  constructor(stateDir: string) {
    this.#store = new JsonRecordStore(join(stateDir, 'partial-downloads.json'));
  }

  record(path: string): void {
    this.#store.set(path, true);
    this.#store.flush();
  }

  forget(path: string): void {
    this.#store.delete([path]);
    this.#store.flush();
  }

  /** Removes the partials a killed process left behind; returns how many were listed. */
  purge(): number {
    const left = Object.keys(this.#store.all());
    for (const path of left) rmSync(path, { force: true });
    if (left.length > 0) {
      this.#store.delete(left);
      this.#store.flush();
    }
    return left.length;
  }
}
