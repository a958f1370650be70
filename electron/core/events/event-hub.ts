import type { FerryEvent } from '../../../shared/events.ts';

export type EventListener = (event: FerryEvent) => void;

/** One channel for every event the core emits; each shell forwards it (IPC, SSE) unchanged. */
export class EventHub {
  readonly #listeners = new Set<EventListener>();

  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(event: FerryEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch {
        // A broken subscriber (a closed window, a dropped SSE stream) must not stop the others.
      }
    }
  }
}
