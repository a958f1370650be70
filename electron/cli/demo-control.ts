import type { StartDemoServer } from '../core/demo/demo-service.ts';

/**
 * The demo organizations with the sandbox's HTTP control plane on (stuck files, faults, extra keys), for
 * browser mode under test only: `FERRY_DEMO_CONTROL=1 ferry web`. The e2e suite drives the demo through
 * it; a user's `ferry web` and the desktop window start the demo without it (electron/demo-server.ts).
 */
export const startDemoServerWithControl: StartDemoServer = async () => {
  const { startSandbox } = await import('ferry-sandbox');
  return startSandbox({ seed: 'demo' });
};
