import { controlHandler } from './control-http.ts';
import { startSandboxServer, type Sandbox, type SandboxOptions } from './start.ts';

export type { SandboxControl, TenantSnapshot } from './control.ts';
export type { FaultConfig, FaultInjection, FaultKind } from './faults.ts';
export type { InFlightCounts, LinkConfig } from './link.ts';
export type { SeedAssistant, SeedFile, SeedObject, SeedOrganization, SeedTenant } from './seed/types.ts';
export type { SeedInput } from './seed/apply.ts';
export type { PublicOrganization, PublicTenant } from './types.ts';
export { demoFineTunedModel } from './seed/demo.ts';

export type { Sandbox, SandboxOptions } from './start.ts';
export { ApiError } from './errors.ts';
export { resolveSeed } from './seed/apply.ts';

/** Starts a sandbox with its HTTP control plane (/__sandbox/*, loopback callers only): tests, benchmarks, the CLI. */
export function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  return startSandboxServer(options, controlHandler);
}
