import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { AgentView, CapabilitiesView } from '../../../shared/agents.ts';
import type { AssistantView, FileView, VectorStoreView } from '../../../shared/resources.ts';
import { useBridge } from '../bridge/index.ts';
import { useAssistantPages } from '../query/assistant-pages.ts';
import { useFerryQuery } from '../query/ferry-query.ts';
import { askCapabilitiesAgain } from '../query/use-refresh.ts';
import type { TabId } from '../state/browse-state.ts';
import { agentRows, assistantRows, fileRows, vectorStoreRows, type Row } from './list-model.ts';

export interface PaneData {
  rows: Row[] | undefined;
  loading: boolean;
  error: { message: string; retry: () => void } | null;
  /** Set when the server no longer serves the Assistants API (the Assistants tab says so). */
  retiredMessage: string | null;
  /** False when the server no longer serves assistants (known once the list is read): nothing can be cloned in. */
  assistantsServed: boolean | undefined;
  /** When the active tab's list was last read (ms since the epoch), 0 before the first answer. */
  updatedAt: number;
  /** True while any of the three lists is being read again. */
  refreshing: boolean;
  /** True while a big org's assistants are still arriving, page by page, after the first rows are shown. */
  loadingMore: boolean;
  /** Reads the three lists again (Refresh, Ctrl/Cmd+R, F5). */
  refresh: () => void;
  assistants: readonly AssistantView[];
  /** Empty where the server does not serve the Agents API. */
  agents: readonly AgentView[];
  /** What the server serves (assistants, agents, neither), once known; asked again on Refresh. */
  capabilities: CapabilitiesView | undefined;
  vectorStores: readonly VectorStoreView[];
  files: readonly FileView[];
}

/** A connection's three lists and the active tab's rows. */
export function usePaneData(connectionId: string | null, tab: TabId): PaneData {
  const queryClient = useQueryClient();
  const bridge = useBridge();
  const params = { connectionId: connectionId ?? '' };
  const enabled = connectionId !== null;
  // All three load together: the inspector resolves tool resources to store and file names, and
  // Compare and "cloned from" links look across panes.
  // Anything may have changed behind Ferry's back while the admin was in another window: read again on focus.
  const options = { enabled, refetchOnWindowFocus: 'always' as const };
  // Assistants arrive a page at a time: a big org's pane shows its first rows before the last page is in.
  const assistants = useAssistantPages(params.connectionId, options);
  const vectorStores = useFerryQuery('vectorStores.list', params, options);
  const files = useFerryQuery('files.list', params, options);
  // What the server serves changes rarely (the core remembers it a minute); Refresh asks the server again.
  const capabilities = useFerryQuery('connections.capabilities', params, { enabled });
  const agentsServed = capabilities.data?.agents === true;
  const agents = useFerryQuery('agents.list', params, { ...options, enabled: enabled && agentsServed });

  const listing = assistants.data;
  /** The first read of a big org's assistants, still arriving page by page. */
  const arriving = listing?.served === true && !listing.complete;
  const assistantList = useMemo(() => (listing?.served ? listing.assistants : []), [listing]);
  const agentListing = agents.data;
  const agentList = useMemo(() => (agentListing?.served ? agentListing.agents : []), [agentListing]);
  const rows = useMemo(() => {
    switch (tab) {
      case 'assistants':
        return listing ? (listing.served ? assistantRows(listing.assistants) : []) : undefined;
      case 'agents':
        return agentListing ? agentRows(agentList) : undefined;
      case 'vectorStores':
        return vectorStores.data ? vectorStoreRows(vectorStores.data) : undefined;
      case 'files':
        return files.data ? fileRows(files.data) : undefined;
    }
  }, [tab, listing, agentListing, agentList, vectorStores.data, files.data]);

  const query =
    tab === 'assistants' ? assistants : tab === 'agents' ? agents : tab === 'vectorStores' ? vectorStores : files;
  return {
    rows,
    loading: enabled && query.isPending,
    error: query.isError ? { message: query.error.message, retry: () => void query.refetch() } : null,
    retiredMessage: listing && !listing.served ? listing.message : null,
    assistantsServed: listing?.served,
    updatedAt: query.dataUpdatedAt || query.errorUpdatedAt,
    loadingMore: tab === 'assistants' && arriving,
    // A first read still arriving page by page is not a refresh: its rows say so themselves.
    refreshing:
      (assistants.isFetching && !arriving) || agents.isFetching || vectorStores.isFetching || files.isFetching,
    refresh: () => {
      void assistants.refetch();
      if (agentsServed) void agents.refetch();
      void vectorStores.refetch();
      void files.refetch();
      if (connectionId !== null) askCapabilitiesAgain(bridge, queryClient, connectionId);
      // What the inspector says uses a file or a store is read from the same lists.
      for (const method of ['files.usedBy', 'vectorStores.usedBy'] as const)
        void queryClient.invalidateQueries({ queryKey: [method, { connectionId: params.connectionId }] });
    },
    assistants: assistantList,
    agents: agentList,
    capabilities: capabilities.data,
    vectorStores: vectorStores.data ?? [],
    files: files.data ?? [],
  };
}
