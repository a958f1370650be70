import type { Manifest, ManifestFile } from './bundle-format.ts';

/** A bundle as held in memory: what the reader reads and the Bundle writes through. */

/** Bytes `start` to `end` (exclusive) of a file on disk: an upload part, as it came off the wire. */
export interface ByteRange {
  path: string;
  start: number;
  end: number;
}

export interface BundleAssistant {
  id: string;
  body: Record<string, unknown>;
  path: string;
}

export interface StoreFileEntry {
  file_id: string;
  attributes: Record<string, unknown>;
  chunking_strategy: unknown;
}

export interface BundleStore {
  id: string;
  name: string | null;
  metadata: Record<string, string>;
  expires_after?: unknown;
  files: Map<string, StoreFileEntry>;
  dir: string;
}

export interface BundleState {
  source?: Manifest['source'];
  missing?: NonNullable<Manifest['missing']>;
  createdAt: string;
  assistants: Map<string, BundleAssistant>;
  stores: Map<string, BundleStore>;
  files: Map<string, ManifestFile>;
}
