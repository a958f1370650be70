import type { demoApi } from '../../../shared/contract/demo.ts';
import type { AreaHandlers } from '../dispatch.ts';
import type { CoreServices } from '../services.ts';

export function demoHandlers({ demo, connections }: CoreServices): AreaHandlers<typeof demoApi> {
  return {
    'demo.start': async () => {
      const ids = new Set(await demo.start());
      return { connections: (await connections.list()).filter((c) => ids.has(c.id)) };
    },
  };
}
