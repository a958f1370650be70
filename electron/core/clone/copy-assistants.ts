import type { PlanAssistant } from '../../../shared/clone.ts';
import type { AssistantCreate } from '../openai/assistants-api.ts';
import {
  dependencyMayRecover,
  epochSeconds,
  failurePatch,
  inScope,
  now,
  type ExecutionContext,
} from './execution-context.ts';
import { adoptByMarker } from './apply-recheck.ts';
import { findAssistantClone, newestCreated } from './reconcile.ts';
import { inPool } from '../pool.ts';
import { OBJECTS_AT_ONCE } from './fan-out.ts';

/** Nothing waits on assistants, so their requests yield to files, stores and batches (the critical path). */
const BACKGROUND = -1;

/** Creates or updates each planned assistant as soon as its files and stores exist (ingestion need not be done). */
export async function copyAssistants(ctx: ExecutionContext): Promise<void> {
  for (const assistant of ctx.plan.assistants) {
    if ((assistant.action === 'skip' || assistant.action === 'blocked') && inScope(ctx, assistant.key)) {
      ctx.recorder.update(assistant.key, {
        state: 'skipped',
        ...(assistant.reason ? { error: assistant.reason } : {}),
      });
    }
  }
  const work = ctx.plan.assistants.filter(
    (a) => (a.action === 'create' || a.action === 'update') && inScope(ctx, a.key),
  );
  // Each waits only for what it needs; once the uploads are done (where every one starts) its stores
  // exist, so a place in the pool is seldom held waiting.
  await inPool(work, OBJECTS_AT_ONCE, (assistant) => copyOne(ctx, assistant));
}

async function copyOne(ctx: ExecutionContext, assistant: PlanAssistant): Promise<void> {
  await ctx.uploadsDone;
  const [fileIds, storeIds] = await Promise.all([
    Promise.all(assistant.codeInterpreterFileKeys.map((key) => ctx.board.wait(key))),
    Promise.all(assistant.fileSearchVectorStoreKeys.map((key) => ctx.board.wait(key))),
  ]);
  if (ctx.signal.aborted) return ctx.recorder.update(assistant.key, { state: 'cancelled' });
  ctx.recorder.update(assistant.key, { state: 'running' });
  const missing = [
    ...assistant.codeInterpreterFileKeys.filter((_, i) => !fileIds[i]),
    ...assistant.fileSearchVectorStoreKeys.filter((_, i) => !storeIds[i]),
  ];
  const toolResources: AssistantCreate['tool_resources'] = {};
  if (assistant.codeInterpreterFileKeys.length > 0)
    toolResources.code_interpreter = { file_ids: fileIds.filter((id): id is string => Boolean(id)) };
  if (assistant.fileSearchVectorStoreKeys.length > 0)
    toolResources.file_search = { vector_store_ids: storeIds.filter((id): id is string => Boolean(id)) };
  const body = { ...(assistant.body as unknown as AssistantCreate), tool_resources: toolResources };
  try {
    let destinationId: string;
    const target =
      assistant.destinationId ?? ctx.previous.created.get(assistant.key) ?? ctx.previous.updated.get(assistant.key);
    if (assistant.action === 'update' || target) {
      const updated = await ctx.destination.assistants.update(target ?? '', body, {
        signal: ctx.signal,
        priority: BACKGROUND,
      });
      destinationId = updated.id;
      await ctx.journal.append({ t: 'updated', key: assistant.key, destinationId, at: now() });
    } else {
      destinationId = await createOnce(ctx, assistant, body);
    }
    if (ctx.idMap.get(assistant.sourceId)?.destinationId !== destinationId)
      await ctx.idMap.set(assistant.sourceId, { kind: 'assistant', destinationId, at: now() });
    ctx.board.settle(assistant.key, destinationId);
    if (missing.length > 0) {
      const error = `Saved, but without ${missing.length} of its resources, which could not be copied: ${missing.join(', ')}. Retry them, then this assistant.`;
      await ctx.journal.append({ t: 'item', key: assistant.key, state: 'failed', error, at: now() });
      // Retrying it helps once its missing resources can be made: not when each of them failed for good.
      ctx.recorder.update(assistant.key, {
        state: 'failed',
        destinationId,
        error,
        retryable: missing.some((key) => dependencyMayRecover(ctx, key)),
      });
      return;
    }
    await ctx.journal.append({ t: 'item', key: assistant.key, state: 'done', at: now() });
    ctx.recorder.update(assistant.key, { state: 'done', destinationId });
  } catch (error) {
    if (ctx.signal.aborted) return ctx.recorder.update(assistant.key, { state: 'cancelled' });
    const failure = failurePatch(error);
    ctx.logger.log('warn', 'Assistant copy failed', { key: assistant.key, error });
    await ctx.journal.append({ t: 'item', key: assistant.key, state: 'failed', error: failure.error, at: now() });
    ctx.recorder.update(assistant.key, failure);
  }
}

async function createOnce(ctx: ExecutionContext, assistant: PlanAssistant, body: AssistantCreate): Promise<string> {
  const claimant = { key: assistant.key, claims: ctx.claims };
  // What the re-check found in other jobs' journals comes first (it knows whose the assistant is), then
  // this job's own earlier attempt: an assistant it asked for and never saw answered is its own (its
  // cleanup removes it), though it carries the marker an assistant of another job would.
  const planned = ctx.recheck.adoptable.get(assistant.key);
  const earlier = planned ? undefined : ctx.previous.intents.get(assistant.key);
  if (earlier) {
    const found = await findAssistantClone(
      ctx.destination,
      assistant.sourceId,
      (assistant.body['name'] as string | undefined) ?? null,
      epochSeconds(earlier.at),
      ctx.idMap,
      ctx.signal,
      claimant,
      { index: ctx.recheck.assistants },
    );
    if (found) {
      // Found from a run that died after creating it: bring it in line with the plan.
      await ctx.destination.assistants.update(found.id, body, { signal: ctx.signal, priority: BACKGROUND });
      await ctx.journal.append({ t: 'created', key: assistant.key, destinationId: found.id, at: now() });
      return found.id;
    }
  }
  // Made meanwhile by another job (the plan is stale): bring that one in line instead of making another.
  const adopted = await adoptByMarker(ctx, assistant.key, assistant.sourceId, 'assistant');
  if (adopted) {
    await ctx.destination.assistants.update(adopted.id, body, { signal: ctx.signal, priority: BACKGROUND });
    await ctx.journal.append({
      t: adopted.own ? 'created' : 'updated',
      key: assistant.key,
      destinationId: adopted.id,
      at: now(),
    });
    return adopted.id;
  }
  // What a lost answer's reconcile need not look past (reconcile.ts): taken before the create is sent.
  const known = { newest: await newestCreated(ctx.recheck.assistants) };
  const at = now();
  await ctx.journal.append({ t: 'intent', key: assistant.key, at });
  const find = (signal: AbortSignal) =>
    findAssistantClone(
      ctx.destination,
      assistant.sourceId,
      body.name ?? null,
      epochSeconds(at),
      ctx.idMap,
      signal,
      claimant,
      known,
    );
  ctx.inFlight.set(assistant.key, { at, find: async (signal) => (await find(signal))?.id });
  const created = await ctx.destination.assistants.create(body, {
    signal: ctx.signal,
    priority: BACKGROUND,
    reconcile: () => find(ctx.signal),
  });
  ctx.claims.claim(created.id, assistant.key);
  ctx.recheck.assistants.note(created);
  await ctx.journal.append({ t: 'created', key: assistant.key, destinationId: created.id, at: now() });
  ctx.inFlight.delete(assistant.key);
  return created.id;
}
