import type { ClonePlan } from '../../../shared/clone.ts';
import type { Journal, JournalState } from '../storage/journal.ts';
import type { OrgGateway } from '../openai/org-gateway.ts';
import type { IdMap } from './id-map.ts';
import { epochSeconds, now } from './execution-context.ts';
import { markerOf } from './marker.ts';
import { Claims } from './claims.ts';
import { findAgentClone, findAssistantClone, findFileClone, findStoreClone, type Claimant } from './reconcile.ts';

export interface CleanupReport {
  deleted: { key: string; kind: string; destinationId: string }[];
  alreadyGone: string[];
  failed: { key: string; error: string }[];
}

/**
 * Deletes exactly what a job created, as its journal records it, and nothing else: objects it only updated
 * or reused are left alone. A create the journal shows asked for but not answered (the process died in
 * between) is looked for first, the way resume would, so its object is removed too. Assistants go first,
 * then stores, then files, so nothing points at a deleted object in between. Each deletion is journalled,
 * so an interrupted cleanup can be run again.
 */
export async function cleanupJob(
  plan: ClonePlan,
  state: JournalState,
  destination: OrgGateway,
  journal: Journal,
  idMap: IdMap,
  signal?: AbortSignal,
): Promise<CleanupReport> {
  const report: CleanupReport = { deleted: [], alreadyGone: [], failed: [] };
  const sourceIdByKey = new Map<string, string>([
    ...plan.files.map((f) => [f.key, f.sourceId] as const),
    ...plan.vectorStores.map((s) => [s.key, s.sourceId] as const),
    ...plan.assistants.map((a) => [a.key, a.sourceId] as const),
    ...(plan.agents ?? []).map((a) => [a.key, a.sourceId] as const),
  ]);
  const order = (key: string) =>
    key.startsWith('asst:') || key.startsWith('agent:') ? 0 : key.startsWith('vs:') ? 1 : 2;
  const made = new Map(state.created);
  // Two unrecorded uploads of one name and size must find two files, not one file twice.
  const claims = new Claims();
  for (const [key, id] of made) claims.claim(id, key);
  for (const [key, intent] of state.intents) {
    if (made.has(key) || state.cleaned.has(key)) continue;
    const found = await findUnrecorded(plan, key, intent, destination, idMap, signal, { key, claims });
    if (found) made.set(key, found);
  }
  const created = [...made.entries()]
    .filter(([key]) => !state.cleaned.has(key))
    .sort(([a], [b]) => order(a) - order(b));
  for (const [key, destinationId] of created) {
    const kind = key.startsWith('asst:')
      ? 'assistant'
      : key.startsWith('agent:')
        ? 'agent'
        : key.startsWith('vs:')
          ? 'vector_store'
          : 'file';
    try {
      const deleted =
        kind === 'assistant'
          ? await destination.assistants.delete(destinationId, signal)
          : kind === 'agent'
            ? await destination.agents.delete(destinationId, signal)
            : kind === 'vector_store'
              ? await destination.vectorStores.delete(destinationId, signal)
              : await destination.files.delete(destinationId, signal);
      await journal.append({ t: 'cleanup', key, destinationId, at: now() });
      // A key is `kind:sourceId`, so a plan that could not be read (cleanup from the journal alone) still names it.
      const sourceId = sourceIdByKey.get(key) ?? key.slice(key.indexOf(':') + 1);
      if (sourceId && idMap.get(sourceId)?.destinationId === destinationId) idMap.delete([sourceId]);
      if (deleted) report.deleted.push({ key, kind, destinationId });
      else report.alreadyGone.push(key);
    } catch (error) {
      report.failed.push({ key, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return report;
}

async function findUnrecorded(
  plan: ClonePlan,
  key: string,
  intent: { at: string; filename?: string; bytes?: number },
  destination: OrgGateway,
  idMap: IdMap,
  signal: AbortSignal | undefined,
  claimant: Claimant,
): Promise<string | undefined> {
  const since = epochSeconds(intent.at);
  const assistant = plan.assistants.find((a) => a.key === key);
  if (assistant)
    return (
      await findAssistantClone(
        destination,
        assistant.sourceId,
        (assistant.body['name'] as string | undefined) ?? null,
        since,
        idMap,
        signal,
        claimant,
      )
    )?.id;
  const agent = (plan.agents ?? []).find((a) => a.key === key);
  if (agent)
    return (
      await findAgentClone(
        destination,
        agent.sourceId,
        (agent.body['name'] as string | undefined) ?? null,
        since,
        idMap,
        signal,
        claimant,
      )
    )?.id;
  const store = plan.vectorStores.find((s) => s.key === key);
  if (store) return (await findStoreClone(destination, store.sourceId, store.name, since, idMap, signal, claimant))?.id;
  // Not in the plan (it could not be read): only an object carrying this source's cloned_from marker counts.
  const sourceId = key.slice(key.indexOf(':') + 1);
  const found = key.startsWith('asst:')
    ? await findAssistantClone(destination, sourceId, null, since, idMap, signal, claimant)
    : key.startsWith('agent:')
      ? await findAgentClone(destination, sourceId, null, since, idMap, signal, claimant)
      : key.startsWith('vs:')
        ? await findStoreClone(destination, sourceId, '', since, idMap, signal, claimant)
        : undefined;
  if (found && markerOf(found.metadata) === sourceId) return found.id;
  if (intent.filename !== undefined && intent.bytes !== undefined)
    return (await findFileClone(destination, intent.filename, intent.bytes, since, idMap, signal, claimant))?.id;
  return undefined;
}
