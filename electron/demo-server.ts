import type { StartDemoServer } from './core/demo/demo-service.ts';
import { startDemoSandbox } from 'ferry-sandbox/demo';

/**
 * The demo organizations of "Try with demo organizations": Ferry's sandbox with its demo seed, fresh on
 * every start, through the sandbox package's one narrow demo entry (no control plane). Shells that offer
 * the demo (the desktop window, browser mode) hand this to the core; the core never imports the sandbox.
 */
export const startDemoServer: StartDemoServer = () => startDemoSandbox();
