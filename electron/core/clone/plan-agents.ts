import type { CloneRequestParsed, FieldDiff, PlanAgent, PlanFile, PlanVectorStore } from '../../../shared/clone.ts';
import { responsesTemplate } from '../../../shared/responses-request.ts';
import { FerryError } from '../errors.ts';
import type { Agent } from '../openai/agents-api.ts';
import type { Assistant } from '../openai/assistants-api.ts';
import type { Capabilities } from '../openai/capabilities.ts';
import { AGENT_FIELDS, agentBodyFromAgent, agentBodyFromAssistant, CARRIED_FIELDS, diffAgent } from './agent-fields.ts';
import type { DestinationSnapshot } from './destination-snapshot.ts';
import { MARKER_DROPPED_WARNING } from './marker.ts';
import { findClone, indexClones, type CloneIndex } from './plan-clones.ts';
import { fileKey, storeKey, type PlanContext } from './plan-context.ts';

/** Agents carry plan keys of their own: `agent:` and the source's id (an agent's, or a carried assistant's). */
export const agentKey = (sourceId: string) => `agent:${sourceId}`;

export interface AgentPlanInput {
  request: CloneRequestParsed;
  ctx: PlanContext;
  /** The source's assistants in the plan: carried into agents when the destination takes no assistants. */
  carried: Assistant[];
  /** What each side serves, asked once by the plan (the source's only when agents are wanted). */
  served: { source: Capabilities | undefined; destination: Capabilities };
  dst: DestinationSnapshot;
  files: PlanFile[];
  stores: PlanVectorStore[];
  warnings: string[];
  blockers: string[];
}

/**
 * The agents a plan writes: the source's agents (asked for by id, or all of them where the source serves
 * agents), and each assistant carried into an org that serves agents but not assistants. Where the
 * destination serves neither, a carried assistant gets no agent (its stores and files are still made), and
 * its Responses request is all that reproduces it. Nothing is written here.
 */
export async function planAgents(input: AgentPlanInput): Promise<PlanAgent[]> {
  const { request, ctx } = input;
  const { source, destination, signal } = ctx;
  const wantsAgents = request.agents.length > 0 || request.all;
  const sourceServes = wantsAgents ? input.served.source : undefined;
  const destinationServes = input.served.destination;
  if (request.agents.length > 0 && sourceServes && !sourceServes.agents) {
    throw new FerryError('bad_input', `"${source.name}" does not serve the Agents API, so it has no agents to clone.`, {
      field: 'agents',
    });
  }
  const listing = sourceServes?.agents ? await source.agents.list(signal) : undefined;
  const all = listing?.served ? listing.agents : [];
  const picked = request.all
    ? all
    : request.agents.map((id) => all.find((a) => a.id === id) ?? missingAgent(id, source.name));
  if (picked.length > 0 && !destinationServes.agents) {
    const why = `"${destination.name}" does not serve the Agents API${destinationServes.assistants ? '' : ' (nor assistants)'}, so agents cannot be cloned into it.`;
    if (request.agents.length > 0)
      throw new FerryError('bad_input', `${why} Pick a destination that serves agents.`, { field: 'to' });
    input.warnings.push(`${why} Its agents are left out.`);
  }
  const existing =
    destinationServes.agents && (picked.length > 0 || input.carried.length > 0)
      ? await destination.agents.list(signal)
      : undefined;
  const candidates = indexClones(existing?.served ? existing.agents : []);
  const agents = destinationServes.agents ? picked.map((agent) => cloneOfAgent(agent, candidates, input)) : [];
  for (const assistant of input.carried)
    agents.push(carryOfAssistant(assistant, candidates, destinationServes.agents, input));
  return agents;
}

function missingAgent(id: string, org: string): never {
  throw new FerryError(
    'bad_input',
    `"${org}" has no agent with the id ${id}. List them with \`ferry ls agents --conn "${org}"\`.`,
    { field: 'agents' },
  );
}

/** Create, update, skip or blocked, as for assistants: by model, by an existing clone and its differences. */
function decide(
  base: Omit<PlanAgent, 'action' | 'diff'>,
  body: Record<string, unknown>,
  found: Agent | undefined,
  fields: readonly string[],
  input: AgentPlanInput,
): PlanAgent {
  const { request, ctx } = input;
  if (!base.model.available) {
    const reason = `"${ctx.destination.name}" has no model "${base.model.destination}". Map it to a model it has.`;
    input.blockers.push(`Agent "${base.name}": ${reason}`);
    return { ...base, action: 'blocked', diff: [], reason, ...(found ? { destinationId: found.id } : {}) };
  }
  if (!found || request.onConflict === 'new') return { ...base, action: 'create', diff: [] };
  const diff: FieldDiff[] = diffAgent(body, found, fields);
  if (diff.length === 0)
    return {
      ...base,
      action: 'skip',
      destinationId: found.id,
      diff,
      upToDate: true,
      reason: 'Up to date: the agent matches its source.',
    };
  if (request.onConflict === 'skip')
    return {
      ...base,
      action: 'skip',
      destinationId: found.id,
      diff,
      reason: 'An agent made from it exists already and is left as it is (you chose not to update clones).',
    };
  return {
    ...base,
    action: 'update',
    destinationId: found.id,
    diff,
    reason: 'An agent made from it exists already; it is updated in place.',
  };
}

function modelFor(sourceModel: string, input: AgentPlanInput) {
  const destination = input.request.modelMap[sourceModel] ?? sourceModel;
  return { source: sourceModel, destination, available: input.dst.models.includes(destination) };
}

function cloneOfAgent(agent: Agent, candidates: CloneIndex<Agent>, input: AgentPlanInput): PlanAgent {
  const model = modelFor(agent.model, input);
  const { body, markerAdded } = agentBodyFromAgent(agent, model.destination);
  if (!markerAdded) input.warnings.push(MARKER_DROPPED_WARNING(`Agent "${agent.name ?? agent.id}"`));
  const base = {
    key: agentKey(agent.id),
    sourceId: agent.id,
    from: 'agent' as const,
    name: agent.name ?? '(unnamed)',
    model,
    markerAdded,
    body,
    fileSearchVectorStoreKeys: [],
    codeInterpreterFileKeys: [],
    notCarried: [],
  };
  return decide(base, body, findClone(agent.id, candidates, input.ctx), AGENT_FIELDS, input);
}

function carryOfAssistant(
  assistant: Assistant,
  candidates: CloneIndex<Agent>,
  agentsServed: boolean,
  input: AgentPlanInput,
): PlanAgent {
  const storeByKey = new Map(input.stores.map((s) => [s.key, s]));
  const fileByKey = new Map(input.files.map((f) => [f.key, f]));
  const storeKeys = (assistant.tool_resources?.file_search?.vector_store_ids ?? [])
    .map(storeKey)
    .filter((k) => storeByKey.has(k));
  const fileKeys = (assistant.tool_resources?.code_interpreter?.file_ids ?? [])
    .map(fileKey)
    .filter((k) => fileByKey.get(k)?.action !== 'skip');
  for (const key of storeKeys) storeByKey.get(key)?.usedBy.push(agentKey(assistant.id));
  for (const key of fileKeys) fileByKey.get(key)?.usedBy.push(agentKey(assistant.id));
  const model = modelFor(assistant.model, input);
  const storeNames = storeKeys.map((k) => storeByKey.get(k)?.name ?? k);
  const fileNames = fileKeys.map((k) => fileByKey.get(k)?.filename ?? k);
  const { body, markerAdded, notCarried } = agentBodyFromAssistant(assistant, model.destination, storeNames, fileNames);
  const name = assistant.name ?? '(unnamed)';
  if (agentsServed && !markerAdded) input.warnings.push(MARKER_DROPPED_WARNING(`Assistant "${name}"`));
  const base = {
    key: agentKey(assistant.id),
    sourceId: assistant.id,
    from: 'assistant' as const,
    name,
    model,
    markerAdded,
    body,
    fileSearchVectorStoreKeys: storeKeys,
    codeInterpreterFileKeys: fileKeys,
    notCarried,
    responses: responsesTemplate(assistant as never, model.destination, storeKeys, fileKeys),
  };
  if (!agentsServed) {
    const reason = `"${input.ctx.destination.name}" serves neither assistants nor agents: no agent is made; its vector stores and files are recreated, and the Responses request reproduces it.`;
    return { ...base, action: 'skip', diff: [], reason };
  }
  return decide(base, body, findClone(assistant.id, candidates, input.ctx), CARRIED_FIELDS, input);
}
