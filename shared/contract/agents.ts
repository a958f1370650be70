import { z } from 'zod';
import { AgentPatch, AgentsListing, AgentView, CapabilitiesView } from '../agents.ts';
import { method } from './define.ts';

const OnConnection = z.object({
  connectionId: z.string().min(1, { error: 'connectionId is required: the connection to read.' }),
});
const AgentRef = OnConnection.extend({
  agentId: z.string().min(1, { error: 'agentId is required: the agent (agent_…).' }),
});

export const agentsApi = {
  /**
   * What the connection's server serves (assistants, agents, neither): the pane shows it, and a drag uses
   * it to say what a drop does. The core remembers the answer for a minute; `fresh` (Refresh) asks now.
   */
  'connections.capabilities': method({
    params: OnConnection.extend({ fresh: z.boolean().optional() }),
    result: CapabilitiesView,
  }),

  /** A pane's agents, or the not-served answer (404 on /agents), so a pane can say so instead of failing. */
  'agents.list': method({ params: OnConnection, result: AgentsListing }),

  /** One agent, every field as the server sent it (the inspector's raw JSON). */
  'agents.get': method({ params: AgentRef, result: AgentView }),

  /** Saves edited fields, checked against the API's limits first. Refused in the core on read-only connections. */
  'agents.update': method({ params: AgentRef.extend({ patch: AgentPatch }), result: AgentView }),

  /**
   * For an agent Ferry carried from an assistant: the Responses request that reproduces the whole assistant
   * (file_search on the recreated stores, code_interpreter with the recreated files, temperature, top_p),
   * from the latest job that made or updated it, as JSON and as TypeScript. Null for any other agent.
   */
  'agents.responses': method({
    params: AgentRef,
    result: z.object({
      carried: z
        .object({
          name: z.string(),
          source: z.string(),
          agent: z.string().optional(),
          request: z.record(z.string(), z.unknown()),
          typescript: z.string(),
          job: z.string(),
        })
        .nullable(),
    }),
  }),

  /** Deletes an agent. The UI confirms first, naming the agent and the org. */
  'agents.delete': method({ params: AgentRef, result: z.object({ deleted: z.boolean() }) }),
} as const;
