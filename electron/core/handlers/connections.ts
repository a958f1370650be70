import type { connectionsApi } from '../../../shared/contract/connections.ts';
import type { AreaHandlers } from '../dispatch.ts';
import { FerryError } from '../errors.ts';
import type { CoreServices } from '../services.ts';

export function connectionsHandlers({
  connections,
  shell,
  localFiles,
}: CoreServices): AreaHandlers<typeof connectionsApi> {
  return {
    'connections.list': () => connections.list(),
    'connections.add': (params) => connections.add(params),
    'connections.addFolder': ({ folderGrantId, folder, ...rest }) => {
      if (folderGrantId !== undefined)
        return connections.addFolder({ ...rest, folder: localFiles.folder(folderGrantId) });
      // The desktop window's page is not the admin: only a folder the OS dialog granted is opened there.
      if (shell === 'electron') {
        throw new FerryError(
          'bad_input',
          'Choose the folder with "Choose folder…"; a path sent by the page is not opened.',
          {
            field: 'folder',
          },
        );
      }
      return connections.addFolder({ ...rest, folder: folder ?? '' });
    },
    'connections.update': ({ id, patch }) => connections.update(id, patch),
    'connections.remove': async ({ id }) => {
      await connections.remove(id);
      return { removed: true as const };
    },
    'connections.test': ({ id }) => connections.test(id),
  };
}
