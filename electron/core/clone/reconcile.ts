import type { Agent } from '../openai/agents-api.ts';
import type { Assistant } from '../openai/assistants-api.ts';
import { UNDOWNLOADABLE_PURPOSES } from '../../../shared/file-purposes.ts';
import type { FileObject } from '../openai/files-api.ts';
import type { OrgGateway } from '../openai/org-gateway.ts';
import type { VectorStore } from '../openai/vector-stores-api.ts';
import type { IdMap } from './id-map.ts';
import type { Claims } from './claims.ts';
import { markerOf } from './marker.ts';
import { downloadDigest } from './verify-content.ts';

/**
 * Looking for what a create may have made when its answer was lost, the process died before the journal
 * recorded it, or a cancel aborted it after the server had it. Each looks by the strongest evidence the
 * object can carry (the marker, else name, and size for files), only among objects created since the
 * attempt, and never at an object the id map already gives to a source: that is an earlier clone, which
 * this attempt did not make (and which cleanup must not delete). Nor at one another key of this run has
 * claimed: with repeated names and sizes, two lost uploads must not both take one file.
 */
const CLOCK_SKEW_S = 120;

/** Who is asking: the plan key (claims are by key) and the run's claims. */
export interface Claimant {
  key: string;
  claims: Claims;
}

/** The first candidate `pick` accepts that the claimant may take, claimed in the same tick. */
function claimFirst<T extends { id: string }>(
  candidates: T[],
  claimant: Claimant | undefined,
  ...picks: Array<(item: T) => boolean>
): T | undefined {
  for (const pick of picks) {
    const found = candidates.find((item) => pick(item) && (!claimant || claimant.claims.free(item.id, claimant.key)));
    if (found) {
      claimant?.claims.claim(found.id, claimant.key);
      return found;
    }
  }
  return undefined;
}

/**
 * Among a config object's listing (assistants, agents), the clone a lost create made: made since the job
 * asked, linked to no other source, and marked with this source, else unmarked with its name.
 */
function claimConfigClone<T extends { id: string; created_at: number; name: string | null; metadata: unknown }>(
  listed: T[],
  sourceId: string,
  name: string | null,
  since: number,
  idMap: IdMap,
  claimant: Claimant | undefined,
): T | undefined {
  const candidates = listed.filter((a) => a.created_at >= since - CLOCK_SKEW_S && !idMap.sourceOf(a.id));
  return claimFirst(
    candidates,
    claimant,
    (a) => markerOf(a.metadata) === sourceId,
    (a) => a.name === name && markerOf(a.metadata) === undefined,
  );
}

export async function findAssistantClone(
  dst: OrgGateway,
  sourceId: string,
  name: string | null,
  since: number,
  idMap: IdMap,
  signal?: AbortSignal,
  claimant?: Claimant,
): Promise<Assistant | undefined> {
  // Newest first: the clone carries its marker (nearly always) and was made moments ago, so the first page
  // or two hold it. Without a marker match down to the attempt's time, the name decides as before.
  const listed: Assistant[] = [];
  for await (const page of dst.assistants.newestFirst(signal)) {
    if (!page.served) return undefined;
    const recent = page.assistants.filter((a) => a.created_at >= since - CLOCK_SKEW_S);
    const marked = recent.filter((a) => markerOf(a.metadata) === sourceId).reverse();
    const found = claimConfigClone(marked, sourceId, null, since, idMap, claimant);
    if (found) return found;
    listed.push(...recent);
    if (recent.length < page.assistants.length) break;
  }
  return claimConfigClone(listed.reverse(), sourceId, name, since, idMap, claimant);
}

/** An agent a lost create made: its marker names the source (an agent's id, or a carried assistant's), else its name. */
export async function findAgentClone(
  dst: OrgGateway,
  sourceId: string,
  name: string | null,
  since: number,
  idMap: IdMap,
  signal?: AbortSignal,
  claimant?: Claimant,
): Promise<Agent | undefined> {
  const listing = await dst.agents.list(signal);
  return listing.served ? claimConfigClone(listing.agents, sourceId, name, since, idMap, claimant) : undefined;
}

export async function findStoreClone(
  dst: OrgGateway,
  sourceId: string,
  name: string,
  since: number,
  idMap: IdMap,
  signal?: AbortSignal,
  claimant?: Claimant,
): Promise<VectorStore | undefined> {
  const candidates = (await dst.vectorStores.list(signal)).filter(
    (vs) => vs.created_at >= since - CLOCK_SKEW_S && !idMap.sourceOf(vs.id),
  );
  return claimFirst(
    candidates,
    claimant,
    (vs) => markerOf(vs.metadata) === sourceId,
    (vs) => vs.name === name && markerOf(vs.metadata) === undefined,
  );
}

/**
 * A lost upload's file: same name and size, made since the attempt. When the bytes' sha256 is known and
 * the purpose lets the copy be downloaded, a candidate must hold those bytes too: with repeated names and
 * sizes, two lost uploads then each find their own file, not merely one of the right shape.
 */
export async function findFileClone(
  dst: OrgGateway,
  filename: string,
  bytes: number,
  since: number,
  idMap: IdMap,
  signal?: AbortSignal,
  claimant?: Claimant,
  sha256?: string,
): Promise<FileObject | undefined> {
  const files = await dst.files.list({ ...(signal ? { signal } : {}) });
  // Oldest first: with repeated names and sizes, lost uploads are matched in the order they were made.
  const candidates = files
    .filter(
      (f) =>
        f.created_at >= since - CLOCK_SKEW_S && !idMap.sourceOf(f.id) && f.filename === filename && f.bytes === bytes,
    )
    .sort((a, b) => a.created_at - b.created_at);
  if (!sha256) return claimFirst(candidates, claimant, () => true);
  // A download that is refused or keeps failing cannot tell the bytes: such a candidate is taken only when
  // none is shown to hold them (a wrong pick shows in verify; giving up would upload the file twice).
  let unknown: FileObject | undefined;
  for (const candidate of candidates) {
    // Claimed before the download, so no other reconcile weighs the same file meanwhile.
    if (claimant && !claimant.claims.claim(candidate.id, claimant.key)) continue;
    const held: string | undefined = UNDOWNLOADABLE_PURPOSES.has(candidate.purpose)
      ? sha256
      : await digestWithRetries(dst, candidate.id, signal);
    if (held === sha256) return candidate;
    if (claimant && claimant.claims.ownerOf(candidate.id) === claimant.key) claimant.claims.release(candidate.id);
    if (held === undefined) unknown ??= candidate;
  }
  if (unknown && (!claimant || claimant.claims.claim(unknown.id, claimant.key))) return unknown;
  return undefined;
}

/** A candidate's bytes by hash, tried a few times: a download cut short says nothing about the bytes. */
async function digestWithRetries(dst: OrgGateway, fileId: string, signal?: AbortSignal): Promise<string | undefined> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    signal?.throwIfAborted();
    const digest = await downloadDigest(dst, fileId, signal);
    if (digest !== undefined) return digest;
  }
  return undefined;
}
