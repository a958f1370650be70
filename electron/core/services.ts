import type { ConnectionService } from './connections/connection-service.ts';
import type { KeychainProbe } from './connections/secret-store.ts';
import type { DemoService } from './demo/demo-service.ts';
import type { EventHub } from './events/event-hub.ts';
import type { Logger } from './logging/logger.ts';
import type { JobManager } from './jobs/job-manager.ts';
import type { LocalFileGrants } from './manage/local-file-grants.ts';
import type { GatewayPool } from './openai/gateway-pool.ts';
import type { OrganizationService } from './organizations/organization-service.ts';

/** What the core is made of, wired once in createCore and handed to each capability's handlers. */
export interface CoreServices {
  shell: 'electron' | 'web' | 'cli';
  stateDir: string;
  keychain: KeychainProbe;
  logger: Logger;
  events: EventHub;
  connections: ConnectionService;
  /** Organization connections (admin keys) and the project connections opened from them. */
  organizations: OrganizationService;
  gateways: GatewayPool;
  jobs: JobManager;
  demo: DemoService;
  /** Files the desktop window granted for upload; empty in other shells. */
  localFiles: LocalFileGrants;
}
