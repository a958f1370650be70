import type OpenAI from 'openai';
import { AgentsApi } from './agents-api.ts';
import { AssistantsApi } from './assistants-api.ts';
import { CapabilityProbe } from './capabilities.ts';
import type { DownloadPolicy } from './download-policy.ts';
import { FilesApi, type UploadLimits } from './files-api.ts';
import { GatewayContext } from './gateway-context.ts';
import type { RequestScheduler } from './scheduler.ts';
import { VectorStoresApi } from './vector-stores-api.ts';

export type Model = OpenAI.Model;

/**
 * One organization (connection) as the rest of the core sees it: typed calls per resource, every one
 * through the connection's scheduler and behind its read-only guard.
 */
export class OrgGateway {
  readonly connectionId: string;
  readonly name: string;
  readonly readOnly: boolean;
  readonly scheduler: RequestScheduler;
  readonly assistants: AssistantsApi;
  readonly vectorStores: VectorStoresApi;
  readonly files: FilesApi;
  readonly agents: AgentsApi;
  /** What this server serves (assistants, agents), asked once per connection. */
  readonly capabilities: CapabilityProbe;
  readonly #ctx: GatewayContext;

  constructor(options: {
    connectionId: string;
    name: string;
    readOnly: boolean;
    client: OpenAI;
    scheduler: RequestScheduler;
    uploadLimits?: UploadLimits;
    downloads?: DownloadPolicy;
    /** The connection's clock (its scheduler's): how old a remembered answer is. */
    now?: () => number;
  }) {
    this.connectionId = options.connectionId;
    this.name = options.name;
    this.readOnly = options.readOnly;
    this.scheduler = options.scheduler;
    this.#ctx = new GatewayContext({
      client: options.client,
      scheduler: options.scheduler,
      name: options.name,
      readOnly: options.readOnly,
    });
    this.assistants = new AssistantsApi(this.#ctx);
    this.vectorStores = new VectorStoresApi(this.#ctx);
    this.files = new FilesApi(this.#ctx, options.uploadLimits, options.downloads);
    this.agents = new AgentsApi(this.#ctx);
    this.capabilities = new CapabilityProbe(this.#ctx, options.now);
  }

  async models(signal?: AbortSignal): Promise<Model[]> {
    const page = await this.#ctx.read('Listing models', (s) => this.#ctx.client.models.list({ signal: s }), { signal });
    return page.data;
  }

  assertWritable(doing: string): void {
    this.#ctx.assertWritable(doing);
  }
}
