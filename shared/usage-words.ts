import type { FileUsage, StoreUsage } from './contract/manage.ts';

/**
 * What uses a file or a store, in words, one line each: the window's delete confirmations and inspector,
 * and the CLI's, say it the same way.
 */

/** How an assistant uses a file: "(code interpreter)", or "(file search, through Support Knowledge Base)". */
export function assistantVia(usage: FileUsage, assistant: FileUsage['assistants'][number]): string {
  if (assistant.via === 'code_interpreter') return '(code interpreter)';
  return `(file search, through ${usage.vectorStores.find((s) => s.id === assistant.vectorStoreId)?.name ?? 'a vector store'})`;
}

/** A file's users: "Vector store Support Knowledge Base", "Assistant Support Triage (code interpreter)". */
export function fileUsers(usage: FileUsage): string[] {
  return [
    ...usage.vectorStores.map((s) => `Vector store ${s.name}`),
    ...usage.assistants.map((a) => `Assistant ${a.name} ${assistantVia(usage, a)}`),
  ];
}

/** A store's users: "Assistant Support Triage (file search)". */
export function storeUsers(usage: StoreUsage): string[] {
  return usage.assistants.map((a) => `Assistant ${a.name} (file search)`);
}
