import { newAgentRecord, parseAgentBody } from '../agent-input.ts';
import { ApiError } from '../errors.ts';
import { nowSeconds } from '../ids.ts';
import { ok, readJsonObject } from '../http-io.ts';
import { paginate } from '../pagination.ts';
import type { Route } from '../router.ts';
import type { AgentRecord, TenantState } from '../types.ts';
import { renderAgent } from '../views.ts';

function requireAgent(tenant: TenantState, id: string): AgentRecord {
  const agent = tenant.agents.get(id);
  if (!agent) throw new ApiError(404, `No agent found with id '${id}'.`, { param: 'agent_id' });
  return agent;
}

/** /agents (the Agents API, beta), for tenants that serve it; the server checks the beta header first. */
export const agentRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/v1/agents',
    scope: 'api.agents.read',
    handler: async ({ tenant, query }) =>
      ok(paginate(tenant.agents.values(), query, { maxLimit: 100, defaultLimit: 20, allowBefore: false }, renderAgent)),
  },
  {
    method: 'POST',
    pattern: '/v1/agents',
    scope: 'api.agents.write',
    handler: async ({ tenant, request }) => {
      const agent = newAgentRecord(await readJsonObject(request), tenant, nowSeconds());
      tenant.agents.set(agent.id, agent);
      return ok(renderAgent(agent));
    },
  },
  {
    method: 'GET',
    pattern: '/v1/agents/{agent_id}',
    scope: 'api.agents.read',
    handler: async ({ tenant, params }) => ok(renderAgent(requireAgent(tenant, params.agent_id ?? ''))),
  },
  {
    method: 'POST',
    pattern: '/v1/agents/{agent_id}',
    scope: 'api.agents.write',
    handler: async ({ tenant, params, request }) => {
      const agent = requireAgent(tenant, params.agent_id ?? '');
      // Validate fully before touching the record, so a rejected update leaves nothing half-written.
      const patch = parseAgentBody(await readJsonObject(request), tenant, false);
      Object.assign(agent, patch, { updated_at: Math.max(nowSeconds(), agent.updated_at) });
      return ok(renderAgent(agent));
    },
  },
  {
    method: 'DELETE',
    pattern: '/v1/agents/{agent_id}',
    scope: 'api.agents.write',
    handler: async ({ tenant, params }) => {
      const agent = requireAgent(tenant, params.agent_id ?? '');
      tenant.agents.delete(agent.id);
      return ok({ id: agent.id, object: 'agent.deleted', deleted: true });
    },
  },
];
