import { useMemo } from 'react';
import type { AssistantView, FileView, VectorStoreView } from '../../../shared/resources.ts';
import { useFerryQuery } from '../query/ferry-query.ts';
import type { TabId } from './browse-state.ts';
import { assistantRows, fileRows, vectorStoreRows, type Row } from './list-model.ts';

export interface PaneData {
  rows: Row[] | undefined;
  loading: boolean;
  error: { message: string; retry: () => void } | null;
  /** Set when the server no longer serves the Assistants API (the Assistants tab says so). */
  retiredMessage: string | null;
  assistants: readonly AssistantView[];
  vectorStores: readonly VectorStoreView[];
  files: readonly FileView[];
}

/** A connection's three lists and the active tab's rows. */
export function usePaneData(connectionId: string | null, tab: TabId): PaneData {
  const params = { connectionId: connectionId ?? '' };
  const enabled = connectionId !== null;
  // All three load together: the inspector resolves tool resources to store and file names, and
  // Compare and "cloned from" links look across panes.
  const assistants = useFerryQuery('assistants.list', params, { enabled });
  const vectorStores = useFerryQuery('vectorStores.list', params, { enabled });
  const files = useFerryQuery('files.list', params, { enabled });

  const listing = assistants.data;
  const assistantList = useMemo(() => (listing?.served ? listing.assistants : []), [listing]);
  const rows = useMemo(() => {
    switch (tab) {
      case 'assistants':
        return listing ? (listing.served ? assistantRows(listing.assistants) : []) : undefined;
      case 'vectorStores':
        return vectorStores.data ? vectorStoreRows(vectorStores.data) : undefined;
      case 'files':
        return files.data ? fileRows(files.data) : undefined;
    }
  }, [tab, listing, vectorStores.data, files.data]);

  const query = tab === 'assistants' ? assistants : tab === 'vectorStores' ? vectorStores : files;
  return {
    rows,
    loading: enabled && query.isPending,
    error: query.isError ? { message: query.error.message, retry: () => void query.refetch() } : null,
    retiredMessage: listing && !listing.served ? listing.message : null,
    assistants: assistantList,
    vectorStores: vectorStores.data ?? [],
    files: files.data ?? [],
  };
}
