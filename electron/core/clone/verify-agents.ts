import type { ClonePlan } from '../../../shared/clone.ts';
import type { OrgGateway } from '../openai/org-gateway.ts';
import { AGENT_FIELDS, agentBodyFromAgent, agentBodyFromAssistant, CARRIED_FIELDS, diffAgent } from './agent-fields.ts';

type Differ = (key: string, label: string, field: string, source: unknown, destination: unknown) => void;

/**
 * Compares each agent a job was planned to write with its source, field by field: a cloned agent on every
 * field its create takes, a carried assistant on every field it has a home for in an agent (as the plan
 * computed them, from the source as it is now). A promised agent that is missing is a difference.
 * Answers how many agents it checked.
 */
export async function verifyAgents(
  plan: ClonePlan,
  resolved: Map<string, string>,
  source: OrgGateway,
  destination: OrgGateway,
  differ: Differ,
  signal?: AbortSignal,
): Promise<number> {
  const promised = (plan.agents ?? []).filter((a) => a.action === 'create' || a.action === 'update');
  await Promise.all(
    promised.map(async (planned) => {
      const copyId = resolved.get(planned.key);
      if (!copyId) return differ(planned.key, planned.name, 'exists', true, false);
      const [original, copy] = await Promise.all([
        (planned.from === 'agent'
          ? source.agents.retrieve(planned.sourceId, signal)
          : source.assistants.retrieve(planned.sourceId, signal)
        ).catch(() => undefined),
        destination.agents.retrieve(copyId, signal).catch(() => undefined),
      ]);
      if (!original || !copy) return differ(planned.key, planned.name, 'exists', Boolean(original), Boolean(copy));
      const body =
        planned.from === 'agent'
          ? agentBodyFromAgent(original as never, planned.model.destination).body
          : agentBodyFromAssistant(original as never, planned.model.destination, [], []).body;
      for (const diff of diffAgent(body, copy, planned.from === 'agent' ? AGENT_FIELDS : CARRIED_FIELDS))
        differ(planned.key, planned.name, diff.field, diff.source, diff.destination);
      return undefined;
    }),
  );
  return promised.length;
}
