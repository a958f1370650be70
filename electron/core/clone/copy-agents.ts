import type { PlanAgent } from '../../../shared/clone.ts';
import type { AgentCreate } from '../openai/agents-api.ts';
import { adoptByMarker } from './apply-recheck.ts';
import { describeFailure } from '../errors.ts';
import { epochSeconds, inScope, now, type ExecutionContext } from './execution-context.ts';
import { OBJECTS_AT_ONCE } from './fan-out.ts';
import { inPool } from '../pool.ts';
import { findAgentClone, newestCreated } from './reconcile.ts';

/** As assistants: nothing waits on agents, so their requests yield to files, stores and batches. */
const BACKGROUND = -1;

/**
 * Creates or updates each planned agent, exactly once per source per destination: the id map, the
 * `cloned_from` marker and the journal's intents are consulted before any create, as for assistants. A
 * carried assistant's agent waits for its stores and files (its Responses request names them), though the
 * agent itself holds neither.
 */
export async function copyAgents(ctx: ExecutionContext): Promise<void> {
  const planned = ctx.plan.agents ?? [];
  for (const agent of planned) {
    if ((agent.action === 'skip' || agent.action === 'blocked') && inScope(ctx, agent.key)) {
      ctx.recorder.update(agent.key, { state: 'skipped', ...(agent.reason ? { error: agent.reason } : {}) });
    }
  }
  const work = planned.filter((a) => (a.action === 'create' || a.action === 'update') && inScope(ctx, a.key));
  await inPool(work, OBJECTS_AT_ONCE, (agent) => copyOne(ctx, agent));
}

async function copyOne(ctx: ExecutionContext, agent: PlanAgent): Promise<void> {
  await ctx.uploadsDone;
  await Promise.all(
    [...agent.fileSearchVectorStoreKeys, ...agent.codeInterpreterFileKeys].map((key) => ctx.board.wait(key)),
  );
  if (ctx.signal.aborted) return ctx.recorder.update(agent.key, { state: 'cancelled' });
  ctx.recorder.update(agent.key, { state: 'running' });
  const body = agent.body as unknown as AgentCreate;
  try {
    let destinationId: string;
    const target = agent.destinationId ?? ctx.previous.created.get(agent.key) ?? ctx.previous.updated.get(agent.key);
    if (agent.action === 'update' || target) {
      destinationId = (
        await ctx.destination.agents.update(target ?? '', body, { signal: ctx.signal, priority: BACKGROUND })
      ).id;
      await ctx.journal.append({ t: 'updated', key: agent.key, destinationId, at: now() });
    } else {
      destinationId = await createOnce(ctx, agent, body);
    }
    if (ctx.idMap.get(agent.sourceId)?.destinationId !== destinationId)
      await ctx.idMap.set(agent.sourceId, { kind: 'agent', destinationId, at: now() });
    ctx.board.settle(agent.key, destinationId);
    await ctx.journal.append({ t: 'item', key: agent.key, state: 'done', at: now() });
    ctx.recorder.update(agent.key, { state: 'done', destinationId });
  } catch (error) {
    if (ctx.signal.aborted) return ctx.recorder.update(agent.key, { state: 'cancelled' });
    const message = describeFailure(error);
    ctx.logger.log('warn', 'Agent copy failed', { key: agent.key, error });
    await ctx.journal.append({ t: 'item', key: agent.key, state: 'failed', error: message, at: now() });
    ctx.recorder.update(agent.key, { state: 'failed', error: message });
  }
}

async function createOnce(ctx: ExecutionContext, agent: PlanAgent, body: AgentCreate): Promise<string> {
  const claimant = { key: agent.key, claims: ctx.claims };
  const name = body.name ?? null;
  // Made meanwhile by another job (the plan is stale): bring that one in line instead of making another.
  const adopted = await adoptByMarker(ctx, agent.key, agent.sourceId, 'agent');
  if (adopted) {
    await ctx.destination.agents.update(adopted.id, body, { signal: ctx.signal, priority: BACKGROUND });
    await ctx.journal.append({
      t: adopted.own ? 'created' : 'updated',
      key: agent.key,
      destinationId: adopted.id,
      at: now(),
    });
    return adopted.id;
  }
  const earlier = ctx.previous.intents.get(agent.key);
  if (earlier) {
    const found = await findAgentClone(
      ctx.destination,
      agent.sourceId,
      name,
      epochSeconds(earlier.at),
      ctx.idMap,
      ctx.signal,
      claimant,
      { index: ctx.recheck.agents },
    );
    if (found) {
      await ctx.destination.agents.update(found.id, body, { signal: ctx.signal, priority: BACKGROUND });
      await ctx.journal.append({ t: 'created', key: agent.key, destinationId: found.id, at: now() });
      return found.id;
    }
  }
  // What a lost answer's reconcile need not look past (reconcile.ts): taken before the create is sent.
  const known = { newest: await newestCreated(ctx.recheck.agents) };
  const at = now();
  await ctx.journal.append({ t: 'intent', key: agent.key, at });
  const find = (signal: AbortSignal) =>
    findAgentClone(ctx.destination, agent.sourceId, name, epochSeconds(at), ctx.idMap, signal, claimant, known);
  ctx.inFlight.set(agent.key, { at, find: async (signal) => (await find(signal))?.id });
  const created = await ctx.destination.agents.create(body, {
    signal: ctx.signal,
    priority: BACKGROUND,
    reconcile: () => find(ctx.signal),
  });
  ctx.claims.claim(created.id, agent.key);
  // Later creates' marker lookups see it without listing the destination again.
  ctx.recheck.agents.note(created);
  await ctx.journal.append({ t: 'created', key: agent.key, destinationId: created.id, at: now() });
  ctx.inFlight.delete(agent.key);
  return created.id;
}
