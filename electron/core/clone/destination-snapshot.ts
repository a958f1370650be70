import type { Assistant } from '../openai/assistants-api.ts';
import type { FileObject } from '../openai/files-api.ts';
import type { OrgGateway } from '../openai/org-gateway.ts';
import type { VectorStore } from '../openai/vector-stores-api.ts';

/** What the destination already holds that a plan must know: models, earlier clones, files. */
export interface DestinationSnapshot {
  models: string[];
  assistantsServed: boolean;
  assistants: Assistant[];
  vectorStores: VectorStore[];
  files: Map<string, FileObject>;
}

export async function readDestination(destination: OrgGateway, options: { needAssistants: boolean; needFiles: boolean }, signal?: AbortSignal): Promise<DestinationSnapshot> {
  const models = (await destination.models(signal)).map((model) => model.id);
  let assistants: Assistant[] = [];
  let assistantsServed = true;
  if (options.needAssistants) {
    const listing = await destination.assistants.list(signal);
    assistantsServed = listing.served;
    if (listing.served) assistants = listing.assistants;
  }
  const vectorStores = await destination.vectorStores.list(signal);
  const files = new Map<string, FileObject>();
  if (options.needFiles) for (const file of await destination.files.list({ ...(signal ? { signal } : {}) })) files.set(file.id, file);
  return { models, assistantsServed, assistants, vectorStores, files };
}
