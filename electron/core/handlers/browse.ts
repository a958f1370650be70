import type { browseApi } from '../../../shared/contract/browse.ts';
import type { AreaHandlers } from '../dispatch.ts';
import type { CoreServices } from '../services.ts';

/** The panes' reads and the inspector's writes, straight through the connection's gateway (scheduled, guarded). */
export function browseHandlers({ gateways }: CoreServices): AreaHandlers<typeof browseApi> {
  const org = (id: string) => gateways.get(id);
  return {
    'assistants.list': async ({ connectionId }) => (await org(connectionId)).assistants.list() as never,
    'assistants.get': async ({ connectionId, assistantId }) => (await org(connectionId)).assistants.retrieve(assistantId) as never,
    'assistants.update': async ({ connectionId, assistantId, patch }) => (await org(connectionId)).assistants.update(assistantId, patch as never) as never,
    'assistants.delete': async ({ connectionId, assistantId }) => ({ deleted: await (await org(connectionId)).assistants.delete(assistantId) }),
    'vectorStores.list': async ({ connectionId }) => (await org(connectionId)).vectorStores.list() as never,
    'vectorStores.get': async ({ connectionId, vectorStoreId }) => (await org(connectionId)).vectorStores.retrieve(vectorStoreId) as never,
    'vectorStores.files': async ({ connectionId, vectorStoreId }) => (await org(connectionId)).vectorStores.listFiles(vectorStoreId) as never,
    'files.list': async ({ connectionId, purpose }) => (await org(connectionId)).files.list(purpose ? { purpose } : {}) as never,
    'models.list': async ({ connectionId }) => (await (await org(connectionId)).models()).map((m) => m.id).sort(),
  };
}
