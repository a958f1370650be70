import { join } from 'node:path';
import { tuneHeap } from './heap-tuning.ts';
import type { MethodName, ParamsOf, ResultOf } from '../../shared/api.ts';
import type { CallOutcome } from '../../shared/errors.ts';
import type { ClientOptions } from './connections/client-factory.ts';
import { ConnectionService } from './connections/connection-service.ts';
import { loadHttpFetch } from './connections/http-fetch.ts';
import { KeyVault } from './connections/key-vault.ts';
import { ConnectionRegistry } from './connections/registry.ts';
import {
  KeychainSecretStore,
  probeKeychain,
  type KeychainProbe,
  type SecretStore,
} from './connections/secret-store.ts';
import type { UploadLimits } from './openai/files-api.ts';
import { GatewayPool } from './openai/gateway-pool.ts';
import type { SchedulerOptions } from './openai/scheduler.ts';
import { callThrough, createDispatch, type Dispatch, type Handlers } from './dispatch.ts';
import { withInteractiveRetries } from './openai/retry-budget.ts';
import { EventHub, type EventListener } from './events/event-hub.ts';
import { createFileLogger, type Logger } from './logging/logger.ts';
import { Redactor } from './logging/redactor.ts';
import { securePrivateStateDir, tightenedNotice } from './settings/private-state.ts';
import { openSettings, type SettingsStore } from './settings/settings-store.ts';
import { FERRY_VERSION } from './version.ts';
import { agentsHandlers } from './handlers/agents.ts';
import { appHandlers } from './handlers/app.ts';
import { browseHandlers } from './handlers/browse.ts';
import { cloneHandlers } from './handlers/clone.ts';
import { demoHandlers } from './handlers/demo.ts';
import { manageHandlers } from './handlers/manage.ts';
import { DemoService, type StartDemoServer } from './demo/demo-service.ts';
import { connectionsHandlers } from './handlers/connections.ts';
import { organizationsHandlers } from './handlers/organizations.ts';
import { OrganizationRegistry } from './organizations/organization-registry.ts';
import { OrganizationService } from './organizations/organization-service.ts';
import { JobManager } from './jobs/job-manager.ts';
import type { CoreServices } from './services.ts';
import { desktopAccess, type DesktopAccess } from './desktop-access.ts';
import { transfers, type Transfers } from './transfers.ts';
import { LocalFileGrants } from './manage/local-file-grants.ts';

/** Tries a request gets at a failing server while an admin waits on the screen (backoff under a second). */
const INTERACTIVE_ATTEMPTS = 3;

export interface CoreOptions {
  /** Starts the demo organizations' server ("Try with demo organizations"); shells without a demo pass none. */
  demoServer?: StartDemoServer;
  stateDir: string;
  shell: 'electron' | 'web' | 'cli';
  /** The Electron shell passes electron-store; plain Node opens settings.json with conf. */
  settings?: SettingsStore;
  /** Watch settings.json for changes made by other processes (long-running shells). */
  watchSettings?: boolean;
  /** Defaults to the OS keychain, probed once at start; pass a store to override (tests). */
  keychain?: SecretStore | null;
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
  clientOptions?: ClientOptions;
  /** The request scheduler's retry timing (chaos tests shorten the backoff and seed its jitter). */
  schedulerOptions?: SchedulerOptions;
  /** How long clone jobs wait for vector store ingestion before reporting files still in progress. */
  ingestDeadlineMs?: number;
  /** How often a clone first polls ingestion (150 ms); tests against a sandbox that ingests in 50 ms set it lower. */
  ingestPollMs?: number;
  /** When uploads switch to /uploads parts, and the part size (tests make these small). */
  uploadLimits?: UploadLimits;
  /** The name of the service accounts Ferry creates in projects (default ferry-<user>@<host>). */
  serviceAccountName?: () => string;
  /** Where a one-line notice for the admin goes (the state folder was tightened); stderr by default. */
  notice?: (line: string) => void;
}

/**
 * What a shell (the desktop window, browser mode, the CLI) holds of the core: the contract, its events,
 * and the two byte-moving interfaces. Shells are typed against this, so the compiler refuses one that
 * reaches past the contract into gateways or the job manager.
 */
export interface ShellCore {
  /** The contract's entry point for shells: unknown in, validated, outcome out. */
  dispatch(method: unknown, params: unknown): Promise<CallOutcome<unknown>>;
  /** Typed, throwing variant for in-process callers such as the CLI. */
  call<M extends MethodName>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>>;
  subscribe(listener: EventListener): () => void;
  readonly keychain: KeychainProbe;
  readonly logger: Logger;
  readonly stateDir: string;
  /**
   * Access to the admin's own disk, for the shells whose paths come from the admin: the desktop window (its
   * OS dialogs and drops) and the CLI (paths typed on its command line). Browser mode never wires it.
   */
  readonly desktop: DesktopAccess;
  /** Browser mode's uploads and downloads: bytes that do not fit a contract call. */
  readonly transfers: Transfers;
  dispose(): Promise<void>;
}

/** The whole core: a shell's view plus the parts tests drive and inspect directly. */
export interface Core extends ShellCore {
  readonly redactor: Redactor;
  /** Per-connection API access (scheduled, read-only guarded), for jobs and tests. */
  readonly gateways: GatewayPool;
  readonly jobs: JobManager;
}

/**
 * Builds the core every shell runs: settings, keychain, logger and services, wired once. Shells only
 * translate their transport to `dispatch` and forward events.
 */
export async function createCore(options: CoreOptions): Promise<Core> {
  tuneHeap();
  // Before anything is written: the folder is made 0700, and whatever an older Ferry left looser is tightened.
  const privacy = tightenedNotice(options.stateDir, securePrivateStateDir(options.stateDir));
  if (privacy) (options.notice ?? ((line) => process.stderr.write(`${line}\n`)))(privacy);
  const redactor = new Redactor();
  const logger = options.logger ?? createFileLogger(join(options.stateDir, 'logs', 'ferry.log'), redactor);
  const settings = options.settings ?? openSettings(options.stateDir, { watch: options.watchSettings ?? false });
  const events = new EventHub();
  // FERRY_NO_KEYCHAIN=1 keeps Ferry away from the OS keychain (a shared host, a container whose keychain
  // prompts): keys are then session-only, exactly as where no keychain exists.
  const env = options.env ?? process.env;
  const keychainOff = env['FERRY_NO_KEYCHAIN'] === '1';
  const keychain = keychainOff ? null : options.keychain === undefined ? new KeychainSecretStore() : options.keychain;
  const probe: KeychainProbe = keychain
    ? await probeKeychain(keychain)
    : {
        available: false,
        message: keychainOff
          ? 'The OS keychain is turned off (FERRY_NO_KEYCHAIN=1): keys you enter are kept in memory for this session only.'
          : 'No keychain was configured; keys are kept in memory for this session only.',
      };
  if (!probe.available)
    logger.log('warn', 'Keychain unavailable; keys will be session-only', { reason: probe.message });

  const vault = new KeyVault({ keychain, status: probe, env, redactor, logger });
  const registry = new ConnectionRegistry(settings);
  // The HTTP client (undici: a few hundred ms to read and compile) is loaded while the core starts, not
  // inside the first request, where it would stall the admin's first clone or pane.
  await loadHttpFetch();
  const gateways = new GatewayPool({
    registry,
    vault,
    adHocFolders: options.shell === 'cli',
    ...(options.clientOptions ? { clientOptions: options.clientOptions } : {}),
    ...(options.uploadLimits ? { uploadLimits: options.uploadLimits } : {}),
    ...(options.schedulerOptions ? { schedulerOptions: options.schedulerOptions } : {}),
  });
  const connections = new ConnectionService({
    registry,
    vault,
    logger,
    onChanged: () => events.emit({ type: 'connections.changed' }),
    ...(options.clientOptions ? { clientOptions: options.clientOptions } : {}),
  });
  const organizations = new OrganizationService({
    registry: new OrganizationRegistry(settings),
    connectionRegistry: registry,
    connections,
    vault,
    logger,
    onChanged: () => events.emit({ type: 'connections.changed' }),
    ...(options.clientOptions ? { clientOptions: options.clientOptions } : {}),
    ...(options.serviceAccountName ? { serviceAccountName: options.serviceAccountName } : {}),
  });
  const unwatch = settings.onDidAnyChange(() => events.emit({ type: 'connections.changed' }));

  const jobs = new JobManager({
    stateDir: options.stateDir,
    gateways,
    events,
    logger,
    ...(options.ingestDeadlineMs ? { ingestDeadlineMs: options.ingestDeadlineMs } : {}),
    ...(options.ingestPollMs ? { ingestPollMs: options.ingestPollMs } : {}),
  });
  const demo = new DemoService({
    registry,
    vault,
    logger,
    onChanged: () => events.emit({ type: 'connections.changed' }),
    startServer: options.demoServer,
  });
  // Long-running shells bring the demo organizations back; a one-shot CLI command has no use for them.
  if (options.shell !== 'cli') await demo.resumeIfConfigured();
  const services: CoreServices = {
    shell: options.shell,
    stateDir: options.stateDir,
    keychain: probe,
    logger,
    events,
    connections,
    organizations,
    gateways,
    jobs,
    demo,
    localFiles: new LocalFileGrants(),
  };
  const handlers: Handlers = {
    ...appHandlers(services),
    ...connectionsHandlers(services),
    ...organizationsHandlers(services),
    ...browseHandlers(services),
    ...cloneHandlers(services),
    ...demoHandlers(services),
    ...manageHandlers(services),
    ...agentsHandlers(services),
  };
  const handled = createDispatch(handlers, logger, {
    checkResults: (options.env ?? process.env)['FERRY_CHECK_RESULTS'] === '1',
  });
  // The window and the browser tab have an admin waiting on every call: a failing server is reported after
  // a few quick tries rather than a job's half-minute of backoff (openai/retry-budget.ts). The CLI stays patient.
  const dispatch: Dispatch =
    options.shell === 'cli'
      ? handled
      : (method, params) => withInteractiveRetries(INTERACTIVE_ATTEMPTS, () => handled(method, params));
  logger.log('info', 'Core started', { shell: options.shell, version: FERRY_VERSION, keychain: probe.available });

  return {
    dispatch,
    call: (method, params) => callThrough(dispatch, method, params),
    subscribe: (listener) => events.subscribe(listener),
    keychain: probe,
    logger,
    redactor,
    stateDir: options.stateDir,
    gateways,
    jobs,
    desktop: desktopAccess(services),
    transfers: transfers(services),
    async dispose() {
      await jobs.dispose();
      await demo.stop();
      unwatch();
      settings.close();
    },
  };
}
