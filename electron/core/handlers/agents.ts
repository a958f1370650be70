import { describeCapabilities } from '../../../shared/agents.ts';
import type { agentsApi } from '../../../shared/contract/agents.ts';
import { carriedRequests } from '../../../shared/responses-request.ts';
import type { AgentUpdate } from '../openai/agents-api.ts';
import type { AreaHandlers } from '../dispatch.ts';
import type { CoreServices } from '../services.ts';

/** See browse.ts: the SDK's objects are the API's answers; the bridge checks each against its view schema. */
const asView = <T>(value: unknown): T => value as T;

/** Agents and what a server serves, straight through the connection's gateway (scheduled, guarded). */
export function agentsHandlers({ gateways, jobs }: CoreServices): AreaHandlers<typeof agentsApi> {
  const org = (id: string) => gateways.get(id);
  return {
    'connections.capabilities': async ({ connectionId, fresh }) => {
      const capabilities = await (await org(connectionId)).capabilities.get({ fresh });
      return { ...capabilities, summary: describeCapabilities(capabilities) };
    },
    'agents.list': async ({ connectionId }) => asView(await (await org(connectionId)).agents.list()),
    'agents.get': async ({ connectionId, agentId }) => asView(await (await org(connectionId)).agents.retrieve(agentId)),
    // The patch schema holds the API's own limits; tools arrive as validated JSON objects.
    'agents.update': async ({ connectionId, agentId, patch }) =>
      asView(await (await org(connectionId)).agents.update(agentId, patch as AgentUpdate)),
    // Jobs are listed newest first: the latest carry names the stores and files the agent goes with now.
    'agents.responses': async ({ connectionId, agentId }) => {
      for (const job of jobs.list()) {
        if (job.destination.id !== connectionId || !job.carried) continue;
        const found = carriedRequests(job).find((c) => c.agent === agentId);
        if (found) return { carried: { ...found, job: job.id } };
      }
      return { carried: null };
    },
    'agents.delete': async ({ connectionId, agentId }) => ({
      deleted: await (await org(connectionId)).agents.delete(agentId),
    }),
  };
}
