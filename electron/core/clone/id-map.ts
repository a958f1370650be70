import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../jobs/durable-file.ts';

export interface IdMapEntry {
  kind: 'file' | 'vector_store' | 'assistant';
  destinationId: string;
  at: string;
  /** For files: the bytes were reconstructed from parsed text. */
  lossy?: boolean;
}

/**
 * Which destination object each source object became, per pair of connections. File objects carry no
 * metadata, so for files this map is the only link; for the others it backs up the `cloned_from` marker.
 * It is re-read before each write so two processes (the app and the CLI) add to it rather than overwrite.
 */
export class IdMap {
  readonly #path: string;

  constructor(stateDir: string, sourceConnectionId: string, destinationConnectionId: string) {
    const dir = join(stateDir, 'idmap');
    mkdirSync(dir, { recursive: true });
    this.#path = join(dir, `${sourceConnectionId}--${destinationConnectionId}.json`);
  }

  all(): Record<string, IdMapEntry> {
    try {
      const parsed = JSON.parse(readFileSync(this.#path, 'utf8')) as { entries?: Record<string, IdMapEntry> };
      return parsed.entries ?? {};
    } catch {
      return {};
    }
  }

  get(sourceId: string): IdMapEntry | undefined {
    return this.all()[sourceId];
  }

  /** The source id mapped to a destination id, if any (for reconciling lost creates). */
  sourceOf(destinationId: string): string | undefined {
    return Object.entries(this.all()).find(([, entry]) => entry.destinationId === destinationId)?.[0];
  }

  set(sourceId: string, entry: IdMapEntry): void {
    const entries = { ...this.all(), [sourceId]: entry };
    writeFileAtomic(this.#path, JSON.stringify({ entries }, null, 1));
  }

  delete(sourceIds: Iterable<string>): void {
    const entries = this.all();
    for (const id of sourceIds) delete entries[id];
    writeFileAtomic(this.#path, JSON.stringify({ entries }, null, 1));
  }
}
