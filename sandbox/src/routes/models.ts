import { ApiError } from '../errors.ts';
import { ok } from '../http-io.ts';
import type { Route } from '../router.ts';
import { renderModel } from '../views.ts';

/** /models is per tenant: a fine-tuned model exists only in the organization that trained it. */
export const modelRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/v1/models',
    scope: 'api.model.read',
    handler: async ({ tenant }) => ok({ object: 'list', data: [...tenant.models.values()].map(renderModel) }),
  },
  {
    method: 'GET',
    pattern: '/v1/models/{model}',
    scope: 'api.model.read',
    handler: async ({ tenant, params }) => {
      const model = tenant.models.get(params.model ?? '');
      if (!model) {
        throw new ApiError(404, `The model '${params.model}' does not exist or you do not have access to it.`, {
          param: 'model',
          code: 'model_not_found',
        });
      }
      return ok(renderModel(model));
    },
  },
];
