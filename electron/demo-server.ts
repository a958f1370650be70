import type { StartDemoServer } from './core/demo/demo-service.ts';
import { startSandbox } from './core/sandbox/index.ts';

/**
 * The demo organizations of "Try with demo organizations": Ferry's sandbox with its demo seed, fresh on
 * every start. Shells that offer the demo (the desktop window, browser mode) hand this to the core; the
 * core itself never imports the sandbox.
 */
export const startDemoServer: StartDemoServer = () => startSandbox({ seed: 'demo' });
