import type { connectionsApi } from '../../../shared/contract/connections.ts';
import type { AreaHandlers } from '../dispatch.ts';
import type { CoreServices } from '../services.ts';

export function connectionsHandlers({ connections }: CoreServices): AreaHandlers<typeof connectionsApi> {
  return {
    'connections.list': () => connections.list(),
    'connections.add': (params) => connections.add(params),
    'connections.addFolder': (params) => connections.addFolder(params),
    'connections.update': ({ id, patch }) => connections.update(id, patch),
    'connections.remove': async ({ id }) => {
      await connections.remove(id);
      return { removed: true as const };
    },
    'connections.test': ({ id }) => connections.test(id),
  };
}
