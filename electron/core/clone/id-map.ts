import { join } from 'node:path';
import { z } from 'zod';
import { JsonRecordStore } from '../jobs/json-store.ts';

export interface IdMapEntry {
  kind: 'file' | 'vector_store' | 'assistant';
  destinationId: string;
  at: string;
  /** For files: the bytes were reconstructed from parsed text. */
  lossy?: boolean;
}

/** Loose, so fields added later do not make older files look damaged. */
const IdMapEntrySchema = z.looseObject({ kind: z.enum(['file', 'vector_store', 'assistant']), destinationId: z.string(), at: z.string(), lossy: z.boolean().optional() });
const ID_MAP_FIX = 'It links source objects to the ones Ferry made in the destination; without it the next clone would make them again. Restore it from a backup, or move it aside to start the links anew (objects cloned before may then be cloned twice).';

/**
 * Which destination object each source object became, per pair of connections. File objects carry no
 * metadata, so for files this map is the only link; for the others it backs up the `cloned_from` marker.
 */
export class IdMap {
  readonly #store: JsonRecordStore<IdMapEntry>;

  constructor(stateDir: string, sourceConnectionId: string, destinationConnectionId: string) {
    this.#store = new JsonRecordStore(join(stateDir, 'idmap', `${sourceConnectionId}--${destinationConnectionId}.json`), { entry: IdMapEntrySchema as z.ZodType<IdMapEntry>, fix: ID_MAP_FIX });
  }

  get(sourceId: string): IdMapEntry | undefined {
    return this.#store.get(sourceId);
  }

  /** The source id mapped to a destination id, if any (for reconciling lost creates). */
  sourceOf(destinationId: string): string | undefined {
    return Object.entries(this.#store.all()).find(([, entry]) => entry.destinationId === destinationId)?.[0];
  }

  set(sourceId: string, entry: IdMapEntry): void {
    this.#store.set(sourceId, entry);
  }

  delete(sourceIds: Iterable<string>): void {
    this.#store.delete(sourceIds);
  }

  flush(): void {
    this.#store.flush();
  }
}
