import type { Assistant } from '../openai/assistants-api.ts';
import type { FileObject } from '../openai/files-api.ts';
import type { OrgGateway } from '../openai/org-gateway.ts';
import type { VectorStore } from '../openai/vector-stores-api.ts';
import type { IdMap } from './id-map.ts';
import { markerOf } from './marker.ts';

/**
 * Looking for what a create may have made when its answer was lost, the process died before the journal
 * recorded it, or a cancel aborted it after the server had it. Each looks by the strongest evidence the
 * object can carry (the marker, else name, and size for files), only among objects created since the
 * attempt, and never at an object the id map already gives to a source: that is an earlier clone, which
 * this attempt did not make (and which cleanup must not delete).
 */
const CLOCK_SKEW_S = 120;

export async function findAssistantClone(dst: OrgGateway, sourceId: string, name: string | null, since: number, idMap: IdMap, signal?: AbortSignal): Promise<Assistant | undefined> {
  const listing = await dst.assistants.list(signal);
  if (!listing.served) return undefined;
  const candidates = listing.assistants.filter((a) => a.created_at >= since - CLOCK_SKEW_S && !idMap.sourceOf(a.id));
  return candidates.find((a) => markerOf(a.metadata) === sourceId) ?? candidates.find((a) => a.name === name && markerOf(a.metadata) === undefined);
}

export async function findStoreClone(dst: OrgGateway, sourceId: string, name: string, since: number, idMap: IdMap, signal?: AbortSignal): Promise<VectorStore | undefined> {
  const candidates = (await dst.vectorStores.list(signal)).filter((vs) => vs.created_at >= since - CLOCK_SKEW_S && !idMap.sourceOf(vs.id));
  return candidates.find((vs) => markerOf(vs.metadata) === sourceId) ?? candidates.find((vs) => vs.name === name && markerOf(vs.metadata) === undefined);
}

export async function findFileClone(dst: OrgGateway, filename: string, bytes: number, since: number, idMap: IdMap, signal?: AbortSignal): Promise<FileObject | undefined> {
  const files = await dst.files.list({ ...(signal ? { signal } : {}) });
  return files.find((f) => f.filename === filename && f.bytes === bytes && f.created_at >= since - CLOCK_SKEW_S && !idMap.sourceOf(f.id));
}
