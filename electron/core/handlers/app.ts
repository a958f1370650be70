import type { appApi } from '../../../shared/contract/app.ts';
import type { AreaHandlers } from '../dispatch.ts';
import type { CoreServices } from '../services.ts';
import { FERRY_VERSION } from '../version.ts';

export function appHandlers(services: CoreServices): AreaHandlers<typeof appApi> {
  return {
    'app.info': async () => ({
      version: FERRY_VERSION,
      shell: services.shell === 'electron' ? 'electron' : 'web',
      keychain: { available: services.keychain.available, message: services.keychain.message },
      stateDir: services.stateDir,
    }),
  };
}
