/** Metadata key that links a clone to its source (the seed guide's convention for idempotent re-clones). */
export const MARKER_KEY = 'cloned_from';
export const METADATA_MAX_PAIRS = 16;

/**
 * The metadata a clone gets: the source's, plus `cloned_from`. When the source already holds 16 pairs
 * (and no marker to overwrite) the marker cannot be added; the id map is then the only link, and the plan
 * says so.
 */
export function withMarker(
  metadata: Record<string, string> | null | undefined,
  sourceId: string,
): { metadata: Record<string, string>; markerAdded: boolean } {
  const base = { ...(metadata ?? {}) };
  if (MARKER_KEY in base || Object.keys(base).length < METADATA_MAX_PAIRS) {
    return { metadata: { ...base, [MARKER_KEY]: sourceId }, markerAdded: true };
  }
  return { metadata: base, markerAdded: false };
}

/** The source id a destination object says it was cloned from, if any. */
export function markerOf(metadata: unknown): string | undefined {
  if (!metadata || typeof metadata !== 'object') return undefined;
  const value = (metadata as Record<string, unknown>)[MARKER_KEY];
  return typeof value === 'string' ? value : undefined;
}

export const MARKER_DROPPED_WARNING = (what: string) =>
  `${what} already has 16 metadata pairs, so its clone cannot carry the "${MARKER_KEY}" marker; Ferry's id map is the only link between them.`;
