import { Journal } from '../storage/journal.ts';
import { UNDOWNLOADABLE_PURPOSES } from '../../../shared/file-purposes.ts';
import type { FileObject } from '../openai/files-api.ts';
import type { ExecutionContext } from './execution-context.ts';
import { intentHashes } from './intent-hashes.ts';
import { epochSeconds } from './execution-context.ts';
import { markerOf } from './marker.ts';
import type { Adopted } from './recheck-state.ts';
import { siblingJobs } from './sibling-jobs.ts';
import { downloadDigest } from './verify-content.ts';

/** How far a server's clock may run behind ours when matching by creation time (as reconcile allows). */
const CLOCK_SKEW_S = 120;

/**
 * Terraform's stale-plan rule, at the start of apply (under the destination's lock): the plan was made
 * earlier, and since then another job may have made what it means to create, an interrupted job may have
 * left objects it never recorded, and objects this job made may have been deleted (by hand, or by a
 * cleanup). So: what is gone is forgotten and made again; what another job recorded is reused; what an
 * interrupted job asked for and never saw answered is looked for and taken over (it becomes this job's, so
 * its cleanup removes it). The checks before each create ({@link adoptExisting}, {@link adoptByMarker})
 * catch what appears later.
 */
export async function recheckPlan(ctx: ExecutionContext): Promise<void> {
  const { plan, previous, idMap, recheck } = ctx;
  idMap.refresh();
  for (const [key, sha] of intentHashes(Journal.read(ctx.journal.path))) recheck.hashes.set(key, sha);
  // What a cleanup removed is not there any more: made again, like anything deleted by hand.
  for (const key of previous.cleaned) forget(ctx, key);
  const creates = [
    ...plan.files
      .filter((f) => f.action === 'create')
      .map((f) => ({ key: f.key, sourceId: f.sourceId, kind: 'file' as const })),
    ...plan.vectorStores
      .filter((s) => s.action === 'create')
      .map((s) => ({ key: s.key, sourceId: s.sourceId, kind: 'vector_store' as const })),
    ...plan.assistants
      .filter((a) => a.action === 'create')
      .map((a) => ({ key: a.key, sourceId: a.sourceId, kind: 'assistant' as const })),
    ...(plan.agents ?? [])
      .filter((a) => a.action === 'create')
      .map((a) => ({ key: a.key, sourceId: a.sourceId, kind: 'agent' as const })),
  ];
  const fresh = previous.created.size === 0 && previous.updated.size === 0;
  // Nothing this job made before to look for, and nothing to create that another job may have made
  // meanwhile: nothing to re-check (a re-run of an unchanged clone lists nothing here).
  if (fresh && creates.length === 0) return;
  const siblings =
    ctx.jobsDir && ctx.jobId ? siblingJobs(ctx.jobsDir, ctx.jobId, plan.source.id, plan.destination.id) : [];
  const planned = [...plan.files, ...plan.vectorStores, ...plan.assistants, ...(plan.agents ?? [])].map(
    (item) => item.key,
  );
  const mapped = creates.some((c) => idMap.get(c.sourceId));
  const touched = siblings.some((s) => planned.some((key) => s.state.created.has(key) || s.state.intents.has(key)));
  if (fresh && !mapped && !touched) return;

  const needs = {
    files: plan.files.length > 0,
    assistants: plan.assistants.length > 0,
    agents: (plan.agents ?? []).some((a) => a.action !== 'skip' && a.action !== 'blocked'),
  };
  const [files, stores, assistants, agents] = await Promise.all([
    needs.files ? ctx.destination.files.list({ signal: ctx.signal }) : Promise.resolve([]),
    recheck.stores.all(),
    needs.assistants ? recheck.assistants.all() : Promise.resolve([]),
    needs.agents ? recheck.agents.all() : Promise.resolve([]),
  ]);
  const live = new Set<string>([...files, ...stores, ...assistants, ...agents].map((o) => o.id));
  for (const [key, id] of [...previous.created, ...previous.updated]) {
    if (live.has(id)) ctx.claims.claim(id, key);
    else {
      recheck.gone.add(id);
      forget(ctx, key);
    }
  }
  for (const c of creates) {
    const entry = idMap.get(c.sourceId);
    if (entry && !live.has(entry.destinationId)) recheck.gone.add(entry.destinationId);
  }
  // A store whose files are made again is not done: the new copies must be attached to it.
  const createdFiles = new Set(plan.files.filter((f) => f.action === 'create').map((f) => f.key));
  for (const store of plan.vectorStores) {
    if (
      store.files.some(
        (f) => createdFiles.has(f.fileKey) && !previous.created.has(f.fileKey) && !previous.updated.has(f.fileKey),
      )
    )
      previous.finished.delete(store.key);
  }

  const since = (at: string) => epochSeconds(at) - CLOCK_SKEW_S;
  // An object the id map gives to this very source may still be the dead job's unrecorded create (its link
  // reached the disk, its journal record did not): taken over, so that a cleanup finds it.
  const mine = (id: string, sourceId: string) => (idMap.sourceOf(id) ?? sourceId) === sourceId;
  // What other jobs recorded as made is a fact, claimed for its key before any unanswered create is
  // guessed at: else a look-alike's guess (same name and size) could take a file whose maker is known,
  // and that file's own key would then upload it again.
  for (const sibling of siblings)
    for (const [key, id] of sibling.state.created)
      if (!sibling.state.cleaned.has(key) && live.has(id)) ctx.claims.claim(id, key);
  for (const c of creates) {
    if (previous.created.has(c.key) || previous.updated.has(c.key)) continue;
    for (const sibling of siblings) {
      const made = sibling.state.created.get(c.key);
      if (made && !sibling.state.cleaned.has(c.key) && live.has(made) && ctx.claims.claim(made, c.key)) {
        recheck.adoptable.set(c.key, { id: made, own: false });
        break;
      }
      const intent = sibling.state.intents.get(c.key);
      if (!intent || made) continue;
      // Asked for by a job that died before the answer: look for it as that job's resume would.
      const found =
        c.kind === 'file'
          ? await fileOfIntent(
              ctx,
              files.filter(
                (f) =>
                  f.filename === intent.filename &&
                  f.bytes === intent.bytes &&
                  f.created_at >= since(intent.at) &&
                  mine(f.id, c.sourceId) &&
                  ctx.claims.free(f.id, c.key) &&
                  !recheck.gone.has(f.id),
              ),
              sibling.hashes.get(c.key),
            )
          : (c.kind === 'vector_store' ? stores : c.kind === 'agent' ? agents : assistants).find(
              (o) =>
                markerOf(o.metadata) === c.sourceId &&
                o.created_at >= since(intent.at) &&
                mine(o.id, c.sourceId) &&
                ctx.claims.free(o.id, c.key) &&
                !recheck.gone.has(o.id),
            );
      if (found && ctx.claims.claim(found.id, c.key)) {
        recheck.adoptable.set(c.key, { id: found.id, own: true });
        break;
      }
    }
  }
}

/**
 * The file an unanswered upload made, among candidates of its name and size (oldest first): with the
 * bytes' hash known and a downloadable candidate, only one holding those bytes; otherwise the oldest.
 */
async function fileOfIntent(
  ctx: ExecutionContext,
  candidates: FileObject[],
  sha256: string | undefined,
): Promise<FileObject | undefined> {
  const ordered = [...candidates].sort((a, b) => a.created_at - b.created_at);
  if (!sha256) return ordered[0];
  for (const candidate of ordered) {
    if (UNDOWNLOADABLE_PURPOSES.has(candidate.purpose)) return candidate;
    const held = await downloadDigest(ctx.destination, candidate.id, ctx.signal);
    if (held === undefined || held === sha256) return candidate;
  }
  return undefined;
}

/**
 * Before a create: was it made meanwhile? Found by the re-check at the start, or by a link another job
 * (or process) has since written to the id map. Claimed in the same tick, so no other key takes it.
 */
export function adoptExisting(ctx: ExecutionContext, key: string, sourceId: string): Adopted | undefined {
  const found = ctx.recheck.adoptable.get(key);
  if (found) return found;
  ctx.idMap.refresh();
  const entry = ctx.idMap.get(sourceId);
  if (entry && !ctx.recheck.gone.has(entry.destinationId) && ctx.claims.claim(entry.destinationId, key))
    return { id: entry.destinationId, own: false };
  return undefined;
}

/** Before creating a store or an assistant: the id map, then its marker in the run's listing (recheck-state.ts). */
export async function adoptByMarker(
  ctx: ExecutionContext,
  key: string,
  sourceId: string,
  kind: 'vector_store' | 'assistant' | 'agent',
): Promise<Adopted | undefined> {
  const known = adoptExisting(ctx, key, sourceId);
  if (known) return known;
  const listed =
    kind === 'vector_store'
      ? await ctx.recheck.stores.marked(sourceId)
      : kind === 'agent'
        ? await ctx.recheck.agents.marked(sourceId)
        : await ctx.recheck.assistants.marked(sourceId);
  const found = listed.find(
    (o) =>
      markerOf(o.metadata) === sourceId &&
      !ctx.recheck.gone.has(o.id) &&
      ctx.claims.free(o.id, key) &&
      (ctx.idMap.sourceOf(o.id) ?? sourceId) === sourceId,
  );
  if (found && ctx.claims.claim(found.id, key)) return { id: found.id, own: false };
  return undefined;
}

/** This job's record of `key` no longer stands: the object is gone, so it is made again. */
function forget(ctx: ExecutionContext, key: string): void {
  ctx.previous.created.delete(key);
  ctx.previous.updated.delete(key);
  ctx.previous.intents.delete(key);
  ctx.previous.finished.delete(key);
  ctx.previous.batches.delete(key);
}
