import { startSandboxServer, type Sandbox } from './start.ts';

/**
 * The demo organizations of Ferry's "Try with demo organizations", fresh on every start: the one narrow
 * interface a shell needs to offer the demo. It has no HTTP control plane, so the desktop bundle that
 * imports this carries none of it, and nothing on the port answers the demo's keys to a caller.
 */
export function startDemoSandbox(): Promise<Pick<Sandbox, 'url' | 'tenants' | 'stop'>> {
  return startSandboxServer({ seed: 'demo' });
}
