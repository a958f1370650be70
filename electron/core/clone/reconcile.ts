import type { Assistant } from '../openai/assistants-api.ts';
import type { FileObject } from '../openai/files-api.ts';
import type { OrgGateway } from '../openai/org-gateway.ts';
import type { VectorStore } from '../openai/vector-stores-api.ts';
import type { IdMap } from './id-map.ts';
import { markerOf } from './marker.ts';

/**
 * Looking for what a create may have made when its answer was lost (or the process died between the
 * request and the journal). Each looks by the strongest evidence the object can carry: the marker, else
 * name (and size for files) among objects created since the attempt and not already claimed by another
 * source object in the id map.
 */
const CLOCK_SKEW_S = 120;

export async function findAssistantClone(dst: OrgGateway, sourceId: string, name: string | null, since: number, idMap: IdMap, signal?: AbortSignal): Promise<Assistant | undefined> {
  const listing = await dst.assistants.list(signal);
  if (!listing.served) return undefined;
  const byMarker = listing.assistants.find((a) => markerOf(a.metadata) === sourceId);
  if (byMarker) return byMarker;
  return listing.assistants.find((a) => a.name === name && a.created_at >= since - CLOCK_SKEW_S && !claimedByOther(idMap, a.id, sourceId));
}

export async function findStoreClone(dst: OrgGateway, sourceId: string, name: string, since: number, idMap: IdMap, signal?: AbortSignal): Promise<VectorStore | undefined> {
  const stores = await dst.vectorStores.list(signal);
  return stores.find((vs) => markerOf(vs.metadata) === sourceId) ?? stores.find((vs) => vs.name === name && vs.created_at >= since - CLOCK_SKEW_S && !claimedByOther(idMap, vs.id, sourceId));
}

export async function findFileClone(dst: OrgGateway, sourceId: string, filename: string, bytes: number, since: number, idMap: IdMap, signal?: AbortSignal): Promise<FileObject | undefined> {
  const mapped = idMap.get(sourceId)?.destinationId;
  const files = await dst.files.list({ ...(signal ? { signal } : {}) });
  if (mapped) {
    const known = files.find((f) => f.id === mapped);
    if (known) return known;
  }
  return files.find((f) => f.filename === filename && f.bytes === bytes && f.created_at >= since - CLOCK_SKEW_S && !claimedByOther(idMap, f.id, sourceId));
}

function claimedByOther(idMap: IdMap, destinationId: string, sourceId: string): boolean {
  const owner = idMap.sourceOf(destinationId);
  return owner !== undefined && owner !== sourceId;
}
