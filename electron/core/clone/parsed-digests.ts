import { createHash } from 'node:crypto';
import type { ClonePlan } from '../../../shared/clone.ts';
import { UNDOWNLOADABLE_PURPOSES } from '../../../shared/file-purposes.ts';
import type { OrgGateway } from '../openai/org-gateway.ts';

/**
 * The sha256 of a vector store's parsed text of a file, read once per run. Verify compares the parsed text
 * of an original and of its copy when neither side can be downloaded; a clone job reads the source's
 * texts while its uploads run and each copy's text as soon as its store has indexed it, so the verify at
 * the end of the job finds them read (on a busy machine, 600 reads after the job cost seconds). Only the
 * digests are kept, not the texts. An empty digest means no text (not indexed, or the read was refused).
 */
export class ParsedDigests {
  readonly #cache = new Map<string, Promise<string>>();

  get(gateway: OrgGateway, vectorStoreId: string, fileId: string, signal?: AbortSignal): Promise<string> {
    const key = `${gateway.connectionId}\u0000${vectorStoreId}\u0000${fileId}`;
    let digest = this.#cache.get(key);
    if (!digest) {
      digest = gateway.vectorStores.parsedText(vectorStoreId, fileId, signal).then(
        (text) => (text === '' ? '' : createHash('sha256').update(text).digest('hex')),
        () => '',
      );
      this.#cache.set(key, digest);
      // A miss is not kept: the file may be indexed by the time verify asks again.
      void digest.then((value) => {
        if (value === '') this.#cache.delete(key);
      });
    }
    return digest;
  }

  /** Starts reading now, for a later {@link get}; nothing waits on it. */
  prefetch(gateway: OrgGateway, vectorStoreId: string, fileId: string, signal?: AbortSignal): void {
    void this.get(gateway, vectorStoreId, fileId, signal);
  }
}

const textual = new WeakMap<ClonePlan, Set<string>>();

/** The files verify will compare by parsed text: promised, not downloadable, not reconstructed. */
export function comparedByText(ctx: { plan: ClonePlan }, fileKey: string): boolean {
  let keys = textual.get(ctx.plan);
  if (!keys) {
    keys = new Set(
      ctx.plan.files
        .filter(
          (f) => !f.lossy && (f.action === 'create' || f.action === 'reuse') && UNDOWNLOADABLE_PURPOSES.has(f.purpose),
        )
        .map((f) => f.key),
    );
    textual.set(ctx.plan, keys);
  }
  return keys.has(fileKey);
}

/** Reads the source's parsed text of each such file, once, from the first planned store that holds it. */
export function prefetchSourceTexts(ctx: {
  plan: ClonePlan;
  source: OrgGateway;
  digests: ParsedDigests;
  signal: AbortSignal;
}): void {
  const sourceIds = new Map(ctx.plan.files.map((f) => [f.key, f.sourceId]));
  const seen = new Set<string>();
  for (const store of ctx.plan.vectorStores) {
    if (store.action !== 'create' && store.action !== 'reuse') continue;
    for (const planned of store.files) {
      if (seen.has(planned.fileKey) || !comparedByText(ctx, planned.fileKey)) continue;
      seen.add(planned.fileKey);
      ctx.digests.prefetch(ctx.source, store.sourceId, sourceIds.get(planned.fileKey) ?? '', ctx.signal);
    }
  }
}
