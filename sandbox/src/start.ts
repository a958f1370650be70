import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { applySeedLinks, createControl, type SandboxControl } from './control.ts';
import { Faults, type FaultConfig } from './faults.ts';
import { Link, type LinkConfig } from './link.ts';
import { RateLimiter } from './rate-limit.ts';
import { Router } from './router.ts';
import { agentRoutes } from './routes/agents.ts';
import { assistantRoutes } from './routes/assistants.ts';
import { fileBatchRoutes } from './routes/file-batches.ts';
import { fileRoutes } from './routes/files.ts';
import { modelRoutes } from './routes/models.ts';
import { organizationRoutes, type AdminRoute } from './routes/organization.ts';
import { uploadRoutes } from './routes/uploads.ts';
import { vectorStoreFileRoutes } from './routes/vector-store-files.ts';
import { vectorStoreRoutes } from './routes/vector-stores.ts';
import { applySeed, resolveSeed, type SeedInput } from './seed/apply.ts';
import { createSandboxServer, RequestCounts } from './server.ts';
import { SandboxStore } from './store.ts';
import type { SeedObject } from './seed/types.ts';
import type { PublicOrganization, PublicTenant } from './types.ts';

export interface SandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** 'demo' (default), 'empty' (one tenant "Sandbox"), a seed object, or a path to a seed JSON file. */
  seed?: SeedInput;
  /** Fixed latency added to every API answer. */
  latencyMs?: number;
  jitterMs?: number;
  /** Requests per minute per tenant (default 10000). */
  rateLimitRpm?: number;
  /** Chance of a 500/502/503 on any API request. */
  faultRate?: number;
  /** Further global fault rates (reset, timeout, lost response). */
  faults?: FaultConfig;
  /** How long a vector-store file stays in_progress before its outcome shows (default 1500). */
  ingestionMs?: number;
  /** Upload size limit for POST /files (default 512 MB, as upstream); lower it to test the 413 cheaply. */
  maxFileBytes?: number;
  /** Every tenant's network unless a seed or the control says otherwise (slow uplink, no rate-limit headers…). */
  link?: LinkConfig;
  /** Purposes every tenant refuses to download besides assistants and user_data (e.g. ['fine-tune', 'evals']). */
  refuseDownloadPurposes?: string[];
  /** The dice behind fault rates and jitter (Math.random by default): a seeded one makes a soak replayable. */
  random?: () => number;
  /**
   * How long an idle keep-alive connection stays open (ms; Node's default of 5 s, announced in each answer's
   * `Keep-Alive: timeout=` as the real API's front end announces its own). A test lowers it to meet a
   * connection the server has just closed without waiting for the default.
   */
  keepAliveMs?: number;
}

export interface Sandbox {
  /** Base URL ending in /v1, ready for `new OpenAI({ baseURL })`. */
  url: string;
  /** The tenants as they are now (a reseed can change them). */
  readonly tenants: PublicTenant[];
  /** The organizations the Admin API serves, with their admin keys and projects (tenants by name). */
  readonly organizations: PublicOrganization[];
  control: SandboxControl;
  stop(): Promise<void>;
}

/** Serves one HTTP control route, or answers false for a path that is not one (see control-http.ts). */
export type HttpControlPlane = (
  control: SandboxControl,
) => (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<boolean>;

/** Without an HTTP control plane no control path exists: every request goes to the API routes (a 404). */
const noHttpControl = async (): Promise<boolean> => false;

/**
 * Starts a sandbox: a stateful OpenAI-compatible server on loopback with its own temp dir. `httpControl`
 * adds the control routes (control-http.ts); the demo leaves it out, so a bundle that only runs the demo carries none of
 * the control plane (whose GET /tenants answers every key).
 */
export async function startSandboxServer(
  options: SandboxOptions = {},
  httpControl?: HttpControlPlane,
): Promise<Sandbox> {
  const store = new SandboxStore(options.ingestionMs ?? 1500);
  if (options.maxFileBytes !== undefined) store.maxFileBytes = options.maxFileBytes;
  const seed = withRefusedDownloads(resolveSeed(options.seed ?? 'demo'), options.refuseDownloadPurposes ?? []);
  try {
    await applySeed(store, seed);
  } catch (error) {
    store.destroy();
    throw error;
  }
  const faults = new Faults(
    {
      ...options.faults,
      ...(options.latencyMs === undefined ? {} : { latencyMs: options.latencyMs }),
      ...(options.jitterMs === undefined ? {} : { jitterMs: options.jitterMs }),
      ...(options.faultRate === undefined ? {} : { errorRate: options.faultRate }),
    },
    options.random,
  );
  const limiter = new RateLimiter(options.rateLimitRpm ?? 10_000);
  const requestCounts = new RequestCounts();
  const link = new Link(options.link);
  applySeedLinks(link, seed);
  const control = createControl({ store, faults, limiter, requestCounts, link, initialSeed: seed });
  const router = new Router();
  for (const routes of [
    modelRoutes,
    assistantRoutes,
    agentRoutes,
    fileRoutes,
    uploadRoutes,
    vectorStoreRoutes,
    vectorStoreFileRoutes,
    fileBatchRoutes,
  ])
    router.add(routes);
  const adminRouter = new Router<AdminRoute>();
  adminRouter.add(organizationRoutes);
  const server = createSandboxServer({
    store,
    router,
    adminRouter,
    limiter,
    faults,
    requestCounts,
    link,
    control: httpControl ? httpControl(control) : noHttpControl,
    ...(options.keepAliveMs !== undefined ? { keepAliveMs: options.keepAliveMs } : {}),
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let stopped = false;
  return {
    url: `http://${urlHost}:${port}/v1`,
    get tenants() {
      return store.publicTenants();
    },
    get organizations() {
      return store.publicOrganizations();
    },
    control,
    async stop() {
      if (stopped) return;
      stopped = true;
      // Timeout faults hold sockets open on purpose; close them all rather than wait.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      store.destroy();
    },
  };
}

/** A sandbox-wide refusal is a seed field on every tenant, so a reset keeps it. */
function withRefusedDownloads(seed: SeedObject, purposes: string[]): SeedObject {
  if (purposes.length === 0) return seed;
  return {
    ...seed,
    tenants: seed.tenants.map((t) => ({
      ...t,
      refuseDownloadPurposes: [...new Set([...(t.refuseDownloadPurposes ?? []), ...purposes])],
    })),
  };
}
