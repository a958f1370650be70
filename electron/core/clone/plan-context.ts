import type { OrgGateway } from '../openai/org-gateway.ts';
import type { FileCache } from './file-cache.ts';
import type { IdMap } from './id-map.ts';
import type { LocalFolder } from './local-folder.ts';

/** Plan keys: the kind of object and its source id, so a journal alone says what each entry was. */
export const fileKey = (id: string) => `file:${id}`;
export const storeKey = (id: string) => `vs:${id}`;
export const assistantKey = (id: string) => `asst:${id}`;

/** What planning reads from: both sides, the id map, Ferry's file cache and a folder of originals. */
export interface PlanContext {
  source: OrgGateway;
  destination: OrgGateway;
  idMap: IdMap;
  cache: FileCache;
  folder: LocalFolder | undefined;
  signal?: AbortSignal | undefined;
}
