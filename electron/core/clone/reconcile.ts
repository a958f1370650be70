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

/** What a config object (assistant, agent, store) shows a reconcile. */
interface ConfigObject {
  id: string;
  created_at: number;
  name: string | null;
  metadata: unknown;
}

/**
 * How far apart the server's own clocks may be: the `created_at` of two objects it made one after the
 * other (seconds, from machines kept in step) is trusted to that much.
 */
const SERVER_SKEW_S = 2;

/**
 * What the run knew when it sent the create, which bounds where its object can be.
 * - `newest`: the newest `created_at` among the objects the run had seen of that kind (its index) when it
 *   sent the create. What the create made was made after those, by the server's own clock, so a
 *   newest-first listing stops just below it. Without it the bound is the attempt's time less two minutes
 *   of clock skew between Ferry and the server, which at scale is every object the run has made: each lost
 *   answer listed them all again.
 * - `index`: the run's index of the kind (one listing, kept current). An attempt of an earlier run made
 *   its object before this run listed, so a marked object is looked up there first, not listed again.
 */
export interface Known<T> {
  newest?: number | undefined;
  index?: { marked(sourceId: string): Promise<T[]> } | undefined;
}

/** The newest `created_at` an index holds, caught up with what it gained since last asked (its list only grows). */
export async function newestCreated<T extends { created_at: number }>(index: { all(): Promise<T[]> }): Promise<number> {
  const all = await index.all();
  let seen = newestSeen.get(all);
  if (!seen) {
    seen = { count: 0, newest: 0 };
    newestSeen.set(all, seen);
  }
  for (; seen.count < all.length; seen.count += 1) seen.newest = Math.max(seen.newest, all[seen.count]!.created_at);
  return seen.newest;
}

const newestSeen = new WeakMap<object, { count: number; newest: number }>();

/**
 * A lost create's config object: made since the job asked, linked to no other source, and marked with this
 * source, else unmarked with its name. Looked for in the run's index first when that can hold it, then in
 * a newest-first listing down to the first page that reaches below the object's earliest possible time,
 * where the clone is (it carries its marker, nearly always, and was made moments ago).
 */
async function findConfigClone<T extends ConfigObject>(
  pages: () => AsyncIterable<T[] | null>,
  sourceId: string,
  name: string | null,
  since: number,
  idMap: IdMap,
  claimant: Claimant | undefined,
  known: Known<T> = {},
): Promise<T | undefined> {
  const floor = Math.max(since - CLOCK_SKEW_S, known.newest === undefined ? -Infinity : known.newest - SERVER_SKEW_S);
  const free = (a: T) => a.created_at >= floor && !idMap.sourceOf(a.id);
  if (known.index) {
    const found = claimFirst((await known.index.marked(sourceId)).filter(free), claimant, () => true);
    if (found) return found;
  }
  const listed: T[] = [];
  for await (const page of pages()) {
    if (page === null) return undefined;
    const recent = page.filter((a) => a.created_at >= floor);
    // Oldest first within the page: with two marked look-alikes, the earlier attempt's comes first.
    const found = claimFirst(recent.filter(free).reverse(), claimant, (a) => markerOf(a.metadata) === sourceId);
    if (found) return found;
    listed.push(...recent);
    if (recent.length < page.length) break;
  }
  return claimFirst(
    listed.reverse().filter(free),
    claimant,
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
  known?: Known<Assistant>,
): Promise<Assistant | undefined> {
  const pages = async function* () {
    for await (const page of dst.assistants.newestFirst(signal)) yield page.served ? page.assistants : null;
  };
  return findConfigClone(pages, sourceId, name, since, idMap, claimant, known);
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
  known?: Known<Agent>,
): Promise<Agent | undefined> {
  return findConfigClone(() => dst.agents.newestFirst(signal), sourceId, name, since, idMap, claimant, known);
}

export async function findStoreClone(
  dst: OrgGateway,
  sourceId: string,
  name: string,
  since: number,
  idMap: IdMap,
  signal?: AbortSignal,
  claimant?: Claimant,
  known?: Known<VectorStore>,
): Promise<VectorStore | undefined> {
  return findConfigClone(() => dst.vectorStores.newestFirst(signal), sourceId, name, since, idMap, claimant, known);
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
