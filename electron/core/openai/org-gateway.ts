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
 * What a folder connection adds to an org: it holds any model (a bundle keeps what it is given), and it
 * is told which org its objects come from, so its manifest can name it.
 */
export interface FolderTarget {
  readonly root: string;
  /** `alive` tells a dead writer from a live one, for the leftovers of a run that was killed. */
  noteExport(note: ExportNote, alive: (pid: number) => boolean): void;
  /**
   * Records a source file whose bytes Ferry could not obtain (name, size and purpose) as a file of the
   * folder, so the stores and assistants that use it keep the reference and a later import can take the
   * original from a folder of originals. Answers its id in the folder; the same source file, the same id.
   */
  recordMissing(file: MissingFile): string;
}

/** A source file whose bytes Ferry could not obtain, as a folder records it. */
export interface MissingFile {
  source_id: string;
  filename: string;
  bytes: number;
  purpose: string;
}

/** What a clone into a folder tells it: where the objects came from, and which bytes are not originals. */
export interface ExportNote {
  source: { name: string; organization?: string };
  /** Folder file ids whose bytes were reconstructed from parsed text. */
  lossy: string[];
}

/**
 * One organization (connection) as the rest of the core sees it: typed calls per resource, every one
 * through the connection's scheduler and behind its read-only guard.
 */
export class OrgGateway {
  readonly connectionId: string;
  readonly name: string;
  readonly readOnly: boolean;
  /** The org id the connection names (OpenAI-Organization), if it names one. */
  readonly organization: string | undefined;
  readonly scheduler: RequestScheduler;
  readonly assistants: AssistantsApi;
  readonly vectorStores: VectorStoresApi;
  readonly files: FilesApi;
  readonly agents: AgentsApi;
  /** What this server serves (assistants, agents), asked once per connection. */
  readonly capabilities: CapabilityProbe;
  /** Set for a folder connection (a bundle), absent for an org. */
  readonly folder: FolderTarget | undefined;
  readonly #ctx: GatewayContext;

  constructor(options: {
    connectionId: string;
    name: string;
    readOnly: boolean;
    organization?: string | undefined;
    client: OpenAI;
    scheduler: RequestScheduler;
    uploadLimits?: UploadLimits;
    downloads?: DownloadPolicy;
    /** The connection's clock (its scheduler's): how old a remembered answer is. */
    now?: () => number;
    folder?: FolderTarget;
  }) {
    this.connectionId = options.connectionId;
    this.name = options.name;
    this.readOnly = options.readOnly;
    this.organization = options.organization;
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
    this.folder = options.folder;
  }

  async models(signal?: AbortSignal): Promise<Model[]> {
    const page = await this.#ctx.read('Listing models', (s) => this.#ctx.client.models.list({ signal: s }), { signal });
    return page.data;
  }

  assertWritable(doing: string): void {
    this.#ctx.assertWritable(doing);
  }
}
