import type { browseApi } from '../../../shared/contract/browse.ts';
import type { AssistantCreate, AssistantUpdate } from '../openai/assistants-api.ts';
import type { AreaHandlers } from '../dispatch.ts';
import { deleteAssistants, updateAssistants } from '../manage/assistant-bulk.ts';
import type { CoreServices } from '../services.ts';

/**
 * The SDK's objects are the API's answers; the contract's view schemas are loose objects over the same
 * fields (unknown ones kept), which TypeScript cannot see are compatible. The renderer's bridge checks every
 * result against its schema, so a server that answers something else is caught there, with a message.
 */
const asView = <T>(value: unknown): T => value as T;

/** The panes' reads and the inspector's writes, straight through the connection's gateway (scheduled, guarded). */
export function browseHandlers({ gateways }: CoreServices): AreaHandlers<typeof browseApi> {
  const org = (id: string) => gateways.get(id);
  return {
    'assistants.list': async ({ connectionId }) => asView(await (await org(connectionId)).assistants.list()),
    'assistants.page': async ({ connectionId, after, pages }) =>
      asView(await (await org(connectionId)).assistants.pages(after, pages)),
    'assistants.get': async ({ connectionId, assistantId }) =>
      asView(await (await org(connectionId)).assistants.retrieve(assistantId)),
    'assistants.create': async ({ connectionId, body }) =>
      asView(await (await org(connectionId)).assistants.create(body as AssistantCreate)),
    // The patch schema holds the API's own limits; tools arrive as validated JSON objects.
    'assistants.update': async ({ connectionId, assistantId, patch }) =>
      asView(await (await org(connectionId)).assistants.update(assistantId, patch as AssistantUpdate)),
    'assistants.delete': async ({ connectionId, assistantId }) => ({
      deleted: await (await org(connectionId)).assistants.delete(assistantId),
    }),
    'assistants.deleteMany': async ({ connectionId, assistantIds }) =>
      deleteAssistants(await org(connectionId), assistantIds),
    'assistants.updateMany': async ({ connectionId, assistantIds, change }) =>
      updateAssistants(await org(connectionId), assistantIds, change),
    'vectorStores.list': async ({ connectionId }) => asView(await (await org(connectionId)).vectorStores.list()),
    'vectorStores.get': async ({ connectionId, vectorStoreId }) =>
      asView(await (await org(connectionId)).vectorStores.retrieve(vectorStoreId)),
    'vectorStores.files': async ({ connectionId, vectorStoreId }) =>
      asView(await (await org(connectionId)).vectorStores.listFiles(vectorStoreId)),
    'files.list': async ({ connectionId, purpose }) =>
      asView(await (await org(connectionId)).files.list(purpose ? { purpose } : {})),
    'models.list': async ({ connectionId }) => (await (await org(connectionId)).models()).map((m) => m.id).sort(),
  };
}
