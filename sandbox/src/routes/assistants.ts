import { assistantFields, newAssistantRecord, parseAssistantBody } from '../assistant-input.ts';
import { ApiError } from '../errors.ts';
import { nowSeconds } from '../ids.ts';
import { ok, readJsonObject, rejectUnknown } from '../http-io.ts';
import { paginate } from '../pagination.ts';
import type { Route } from '../router.ts';
import type { AssistantRecord, TenantState } from '../types.ts';
import { renderAssistant } from '../views.ts';

function requireAssistant(tenant: TenantState, id: string): AssistantRecord {
  const assistant = tenant.assistants.get(id);
  if (!assistant) throw new ApiError(404, `No assistant found with id '${id}'.`);
  return assistant;
}

/** /assistants (the deprecated Assistants API, still served by compatible servers). */
export const assistantRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/v1/assistants',
    scope: 'api.assistants.read',
    handler: async ({ tenant, query }) =>
      ok(
        paginate(
          tenant.assistants.values(),
          query,
          { maxLimit: 100, defaultLimit: 20, allowBefore: true },
          renderAssistant,
        ),
      ),
  },
  {
    method: 'POST',
    pattern: '/v1/assistants',
    scope: 'api.assistants.write',
    handler: async ({ tenant, request }) => {
      const body = await readJsonObject(request);
      rejectUnknown(body, assistantFields);
      const assistant = newAssistantRecord(body, tenant, nowSeconds());
      tenant.assistants.set(assistant.id, assistant);
      return ok(renderAssistant(assistant));
    },
  },
  {
    method: 'GET',
    pattern: '/v1/assistants/{assistant_id}',
    scope: 'api.assistants.read',
    handler: async ({ tenant, params }) => ok(renderAssistant(requireAssistant(tenant, params.assistant_id ?? ''))),
  },
  {
    method: 'POST',
    pattern: '/v1/assistants/{assistant_id}',
    scope: 'api.assistants.write',
    handler: async ({ tenant, params, request }) => {
      const assistant = requireAssistant(tenant, params.assistant_id ?? '');
      const body = await readJsonObject(request);
      rejectUnknown(body, assistantFields);
      // Validate fully before touching the record, so a rejected update leaves nothing half-written.
      Object.assign(assistant, parseAssistantBody(body, tenant, false));
      return ok(renderAssistant(assistant));
    },
  },
  {
    method: 'DELETE',
    pattern: '/v1/assistants/{assistant_id}',
    scope: 'api.assistants.write',
    handler: async ({ tenant, params }) => {
      const assistant = requireAssistant(tenant, params.assistant_id ?? '');
      tenant.assistants.delete(assistant.id);
      return ok({ id: assistant.id, object: 'assistant.deleted', deleted: true });
    },
  },
];
