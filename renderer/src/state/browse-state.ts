import { useCallback, useEffect, useMemo, useReducer } from 'react';
import type { ConnectionView } from '../../../shared/connection.ts';

export type Side = 'left' | 'right';
export type TabId = 'assistants' | 'agents' | 'vectorStores' | 'files';
export const TABS: readonly { id: TabId; label: string; singular: string }[] = [
  { id: 'assistants', label: 'Assistants', singular: 'assistant' },
  { id: 'vectorStores', label: 'Vector stores', singular: 'vector store' },
  { id: 'files', label: 'Files', singular: 'file' },
  // Shown only for connections whose server serves the Agents API (see paneTabs), which a pane learns after
  // its connection is picked. Last, so its arrival moves no other tab: a tab pressed or aimed at before
  // then stays under the pointer, and the click is not lost or taken by its new neighbour.
  { id: 'agents', label: 'Agents', singular: 'agent' },
];

/** The tabs a pane shows: Agents only where the server serves them, so no pane offers a tab that cannot load. */
export const paneTabs = (agentsServed: boolean | undefined) =>
  TABS.filter((t) => t.id !== 'agents' || agentsServed === true);

export const otherSide = (side: Side): Side => (side === 'left' ? 'right' : 'left');

export interface PaneState {
  connectionId: string | null;
  tab: TabId;
  /** Selected ids per tab, so switching tabs keeps each tab's selection. */
  selected: Record<TabId, string[]>;
  search: Record<TabId, string>;
  /** Bumped when something outside the list selects an object, so the list scrolls it into view. */
  reveal: number;
}

export type BrowseAction =
  | { type: 'connection'; side: Side; connectionId: string | null }
  | { type: 'tab'; side: Side; tab: TabId }
  | { type: 'select'; side: Side; tab: TabId; ids: string[] }
  | { type: 'search'; side: Side; tab: TabId; text: string }
  /** Shows one object: its connection, its tab, selected, search cleared if it would hide it. */
  | { type: 'open'; side: Side; connectionId: string; tab: TabId; id: string };

const emptyPane = (connectionId: string | null): PaneState => ({
  connectionId,
  tab: 'assistants',
  selected: { assistants: [], agents: [], vectorStores: [], files: [] },
  search: { assistants: '', agents: '', vectorStores: '', files: '' },
  reveal: 0,
});

export interface BrowseStateValue {
  left: PaneState;
  right: PaneState;
}

function reduce(state: BrowseStateValue, action: BrowseAction): BrowseStateValue {
  const pane = state[action.side];
  const put = (next: PaneState) => ({ ...state, [action.side]: next });
  switch (action.type) {
    case 'connection':
      return pane.connectionId === action.connectionId
        ? state
        : put({ ...emptyPane(action.connectionId), tab: pane.tab });
    case 'tab':
      return put({ ...pane, tab: action.tab });
    case 'select':
      return put({ ...pane, selected: { ...pane.selected, [action.tab]: action.ids } });
    case 'search':
      return put({ ...pane, search: { ...pane.search, [action.tab]: action.text } });
    case 'open': {
      const base = pane.connectionId === action.connectionId ? pane : emptyPane(action.connectionId);
      return put({
        ...base,
        tab: action.tab,
        selected: { ...base.selected, [action.tab]: [action.id] },
        search: { ...base.search, [action.tab]: '' },
        reveal: pane.reveal + 1,
      });
    }
  }
}

export interface BrowseState extends BrowseStateValue {
  dispatch: (action: BrowseAction) => void;
  /** Which pane shows a connection, if any (left first). */
  sideShowing: (connectionId: string) => Side | null;
  /** Opens an object in the pane that shows its connection, else in `fallback` (switching it over). */
  open: (connectionId: string, tab: TabId, id: string, fallback: Side) => void;
}

/**
 * Both panes' state in one reducer: Compare, drag-to-clone and the jobs panel all reach across panes.
 * Panes start on the first two connections and fall back when their connection is removed.
 */
export function useBrowseState(connections: readonly ConnectionView[]): BrowseState {
  const [state, dispatch] = useReducer(reduce, undefined, () => ({ left: emptyPane(null), right: emptyPane(null) }));

  useEffect(() => {
    const ids = connections.map((c) => c.id);
    const exists = (id: string | null) => id !== null && ids.includes(id);
    const leftId = exists(state.left.connectionId) ? state.left.connectionId : (ids[0] ?? null);
    if (leftId !== state.left.connectionId) dispatch({ type: 'connection', side: 'left', connectionId: leftId });
    if (!exists(state.right.connectionId)) {
      const rightId = ids.find((id) => id !== leftId) ?? null;
      if (rightId !== state.right.connectionId) dispatch({ type: 'connection', side: 'right', connectionId: rightId });
    }
  }, [connections, state.left.connectionId, state.right.connectionId]);

  const sideShowing = useCallback(
    (connectionId: string): Side | null =>
      state.left.connectionId === connectionId ? 'left' : state.right.connectionId === connectionId ? 'right' : null,
    [state.left.connectionId, state.right.connectionId],
  );
  const open = useCallback(
    (connectionId: string, tab: TabId, id: string, fallback: Side) =>
      dispatch({ type: 'open', side: sideShowing(connectionId) ?? fallback, connectionId, tab, id }),
    [sideShowing],
  );
  return useMemo(() => ({ ...state, dispatch, sideShowing, open }), [state, sideShowing, open]);
}
