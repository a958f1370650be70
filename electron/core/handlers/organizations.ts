import type { organizationsApi } from '../../../shared/contract/organizations.ts';
import type { AreaHandlers } from '../dispatch.ts';
import type { CoreServices } from '../services.ts';

export function organizationsHandlers({
  organizations,
  gateways,
}: CoreServices): AreaHandlers<typeof organizationsApi> {
  return {
    'organizations.list': () => organizations.list(),
    'organizations.add': (params) => organizations.add(params),
    'organizations.test': ({ id }) => organizations.test(id),
    'organizations.projects': ({ id, includeArchived }) => organizations.projects(id, includeArchived),
    'organizations.openProject': ({ id, project, readOnly, replace }) =>
      organizations.openProject(id, project, readOnly, replace),
    'organizations.removeProject': async ({ connectionId, deleteServiceAccount }) => ({
      removed: true as const,
      ...(await organizations.removeProject(connectionId, deleteServiceAccount)),
    }),
    'organizations.inventory': ({ id }) => organizations.inventory(id, gateways),
    'organizations.remove': async ({ id, deleteServiceAccounts }) => ({
      removedConnections: await organizations.remove(id, deleteServiceAccounts),
    }),
  };
}
