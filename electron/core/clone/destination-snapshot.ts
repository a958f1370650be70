import type { Assistant } from '../openai/assistants-api.ts';
import type { FileObject } from '../openai/files-api.ts';
import type { OrgGateway } from '../openai/org-gateway.ts';
import type { VectorStore } from '../openai/vector-stores-api.ts';

/** What the destination already holds that a plan must know: models, earlier clones, files. */
export interface DestinationSnapshot {
  models: string[];
  /** A folder (a bundle) keeps whatever model it is given, so no model blocks a clone into it. */
  anyModel: boolean;
  assistantsServed: boolean;
  assistants: Assistant[];
  vectorStores: VectorStore[];
  files: Map<string, FileObject>;
}

export async function readDestination(
  destination: OrgGateway,
  options: {
    needAssistants: boolean;
    needFiles: boolean;
    /** Told the destination's stores as soon as their list is in. */
    onStores?: (stores: VectorStore[]) => void;
  },
  signal?: AbortSignal,
): Promise<DestinationSnapshot> {
  const [models, listing, vectorStores, fileList] = await Promise.all([
    destination.models(signal),
    options.needAssistants ? destination.assistants.list(signal) : Promise.resolve(undefined),
    destination.vectorStores.list(signal).then((stores) => {
      options.onStores?.(stores);
      return stores;
    }),
    options.needFiles ? destination.files.list({ ...(signal ? { signal } : {}) }) : Promise.resolve([]),
  ]);
  return {
    models: models.map((model) => model.id),
    anyModel: destination.folder !== undefined,
    assistantsServed: listing?.served ?? true,
    assistants: listing?.served ? listing.assistants : [],
    vectorStores,
    files: new Map(fileList.map((file) => [file.id, file])),
  };
}
