import { useDeferredValue, useEffect, useId, useMemo, useRef, useState, type DragEvent, type ReactNode } from 'react';
import type { ConnectionView } from '../../../shared/connection.ts';
import { AgentInspector } from './agent-inspector.tsx';
import { ConnectionPicker } from './connection-picker.tsx';
import { AssistantInspector } from './assistant-inspector.tsx';
import { NewAssistant } from './new-assistant.tsx';
import { otherSide, paneTabs, TABS, type BrowseState, type Side, type TabId } from '../state/browse-state.ts';
import { beginDrag, dragFromOtherPane, endDrag, readDrop, type ClonePayload } from './drag.ts';
import { FileInspector } from './file-inspector.tsx';
import { rowFilter } from './list-filter.ts';
import { sortedRows, SORTS, type SortId } from './list-model.ts';
import { PaneFreshness } from './pane-freshness.tsx';
import { ResourceList } from './resource-list.tsx';
import { STORE_ROW_HEIGHT, storeRowContent } from './store-row.tsx';
import { usePaneData } from './use-pane-data.ts';
import { VectorStoreInspector } from './vector-store-inspector.tsx';
import { BulkAssistants } from './bulk-assistants.tsx';
import { BulkDeleteFiles } from '../manage/bulk-delete-files.tsx';
import { BulkDeleteStores } from '../manage/bulk-delete-stores.tsx';
import { FilesTools } from '../manage/files-tools.tsx';
import { carriesDesktopFiles } from '../manage/file-picker-button.tsx';
import { useUploads } from '../manage/use-uploads.ts';
import { StoreFormDialog } from '../manage/store-form-dialog.tsx';
import { confirmDiscard } from '../ui/unsaved-guard.ts';
import { useFerryQuery } from '../query/ferry-query.ts';

export interface PaneProps {
  side: Side;
  browse: BrowseState;
  connections: readonly ConnectionView[];
  /** Asks for a clone plan from this pane's selection (or a drop's payload) into the other pane. */
  onClone: (payload: ClonePayload, to: string) => void;
}

/** One org browser: connection picker, tabs, search and sort, a virtualized list and an inspector. */
export function Pane({ side, browse, connections, onClone }: PaneProps) {
  const state = browse[side];
  const other = browse[otherSide(side)];
  const connection = connections.find((c) => c.id === state.connectionId) ?? null;
  const otherConnection = connections.find((c) => c.id === other.connectionId) ?? null;
  // What the server serves decides the tabs: Agents only where it serves them (asked once per connection).
  const capabilities = useFerryQuery(
    'connections.capabilities',
    { connectionId: state.connectionId ?? '' },
    { enabled: state.connectionId !== null },
  ).data;
  const tabs = paneTabs(capabilities?.agents);
  const tab = tabs.some((t) => t.id === state.tab) ? state.tab : 'assistants';
  const data = usePaneData(state.connectionId, tab);
  const [sorts, setSorts] = useState<Record<TabId, SortId>>({
    assistants: 'name',
    agents: 'name',
    vectorStores: 'name',
    files: 'name',
  });
  // What a drag over the pane would do: plan a clone (a row from the other pane) or upload (desktop files, Files tab).
  const [dropping, setDropping] = useState<'clone' | 'upload' | 'refused' | null>(null);
  const [refusedWhy, setRefusedWhy] = useState<string | null>(null);
  const [cloneWords, setCloneWords] = useState('');
  const fileUploads = useUploads(`${state.connectionId ?? ''}:files`);
  const [purpose, setPurpose] = useState('');
  const [creating, setCreating] = useState(false);
  const [newAssistant, setNewAssistant] = useState(false);
  // A cancelled New assistant form gives the focus back to its button (enabled again once the form is gone).
  const newAssistantButton = useRef<HTMLButtonElement>(null);
  const refocusNew = useRef(false);
  useEffect(() => {
    if (newAssistant || !refocusNew.current) return;
    refocusNew.current = false;
    newAssistantButton.current?.focus();
  }, [newAssistant]);
  // The New assistant form takes the inspector's place until it is saved or cancelled.
  const showingNew = newAssistant && state.tab === 'assistants' && connection !== null;
  const baseId = useId();
  const label = side === 'left' ? 'Left pane' : 'Right pane';
  const tabInfo = TABS.find((t) => t.id === tab) ?? TABS[0]!;
  const selected = state.selected[tab];
  const search = state.search[tab];
  const paneRef = useRef<HTMLElement>(null);
  // A delete takes its object's inspector (and the button that was pressed) away: focus lands on the list,
  // where the admin was, not on <body>.
  const hadSelection = useRef(selected.length > 0);
  useEffect(() => {
    const lost = document.activeElement === null || document.activeElement === document.body;
    // With nothing left to list (the last one deleted), the pane's current tab.
    const pane = paneRef.current;
    if (hadSelection.current && lost && pane)
      (
        pane.querySelector<HTMLElement>('[role="listbox"]') ??
        pane.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]')
      )?.focus();
    hadSelection.current = selected.length > 0;
  }, [selected]);

  const files = data.files;
  const purposeRows = useMemo(() => {
    if (tab !== 'files' || !purpose || !data.rows) return data.rows;
    const ofPurpose = new Set(files.filter((f) => f.purpose === purpose).map((f) => f.id));
    return data.rows.filter((r) => ofPurpose.has(r.id));
  }, [tab, purpose, data.rows, files]);
  const sorted = useMemo(
    () => (purposeRows ? sortedRows(purposeRows, sorts[tab]) : undefined),
    [purposeRows, sorts, tab],
  );
  // The search box answers each keystroke at once; the list follows as soon as the filter has run, in a
  // render React may put off (and drop for the next keystroke), so typing never waits for 100,000 rows.
  const shownSearch = useDeferredValue(search);
  // One filter per sorted list: it remembers its last answer, so typing narrows that, not the whole list.
  const filter = useMemo(() => (sorted ? rowFilter(sorted) : undefined), [sorted]);
  const visible = useMemo(() => filter?.(shownSearch), [filter, shownSearch]);
  const filtering = search !== shownSearch;

  // A confirmation lists the selected objects in the order the admin sees them, not the API's.
  const inListOrder = <T extends { id: string }>(objects: readonly T[]): T[] => {
    const position = new Map((sorted ?? []).map((row, index) => [row.id, index]));
    return objects
      .filter((o) => selected.includes(o.id))
      .sort((a, b) => (position.get(a.id) ?? 0) - (position.get(b.id) ?? 0));
  };

  const cloneable = tab === 'assistants' || tab === 'agents' || tab === 'vectorStores';
  const cloneBlocked = !otherConnection
    ? 'Pick a connection in the other pane to clone into.'
    : otherConnection.id === connection?.id
      ? 'Both panes show the same connection; pick another one in the other pane.'
      : otherConnection.readOnly
        ? `${otherConnection.name} is read-only: Ferry will not write to it.`
        : selected.length === 0
          ? `Select one or more ${tabInfo.label.toLowerCase()} to clone.`
          : null;
  const payload = (ids: string[]): ClonePayload | null =>
    connection && (tab === 'assistants' || tab === 'agents' || tab === 'vectorStores')
      ? { side, connectionId: connection.id, kind: tab, ids }
      : null;

  // Desktop files dropped on the Files tab are uploaded into a writable connection.
  const takesFiles = (event: DragEvent) =>
    tab === 'files' && connection !== null && !connection.readOnly && carriesDesktopFiles(event);
  // Why this pane cannot take what is being dragged, said while dragging (and the drop is refused).
  const refusal = (incoming: ClonePayload | null): string | null => {
    if (!incoming || !connection) return null;
    if (incoming.connectionId === connection.id)
      return `These come from ${connection.name}: pick another connection here to clone into.`;
    if (connection.readOnly) return `${connection.name} is read-only: Ferry will not write to it.`;
    // Assistants go anywhere: where the Assistants API is retired they are carried as agents (or, where
    // agents are not served either, as their stores, files and a Responses request). Agents need agents.
    if (incoming.kind === 'agents' && capabilities && !capabilities.agents)
      return `${connection.name} does not serve agents: only assistants and vector stores can go there.`;
    return null;
  };
  // What a drop will make, said before the mouse is let go.
  const dropWords = (incoming: ClonePayload | null): string => {
    if (!connection) return '';
    if (incoming?.kind === 'assistants' && capabilities && !capabilities.assistants) {
      return capabilities.agents
        ? `Drop to plan carrying it into ${connection.name} as an agent`
        : `Drop to plan its vector stores, files and a Responses request in ${connection.name}`;
    }
    return `Drop to plan a clone into ${connection.name}`;
  };
  const dragOver = (event: DragEvent) => {
    if (!connection) return;
    const incoming = dragFromOtherPane(side);
    const kind = incoming ? 'clone' : takesFiles(event) ? 'upload' : null;
    if (!kind) return;
    const why = refusal(incoming);
    if (why) {
      // Not preventing the default refuses the drop; the hint says why before the mouse is let go.
      event.dataTransfer.dropEffect = 'none';
      if (dropping !== 'refused' || refusedWhy !== why) {
        setDropping('refused');
        setRefusedWhy(why);
      }
      return;
    }
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    if (dropping !== kind) setDropping(kind);
    if (kind === 'clone' && cloneWords !== dropWords(incoming)) setCloneWords(dropWords(incoming));
  };
  const drop = (event: DragEvent) => {
    const wasRefused = dropping === 'refused';
    setDropping(null);
    if (wasRefused) {
      endDrag();
      return;
    }
    if (connection && takesFiles(event)) {
      event.preventDefault();
      fileUploads.start(Array.from(event.dataTransfer.files), {
        connectionId: connection.id,
        purpose: purpose || 'assistants',
      });
      return;
    }
    const dropped = readDrop(event, side);
    if (!dropped || !connection) return;
    event.preventDefault();
    onClone(dropped, connection.id);
  };

  return (
    <section
      ref={paneRef}
      className={dropping === 'refused' ? 'pane pane--drop pane--drop-refused' : dropping ? 'pane pane--drop' : 'pane'}
      aria-label={label}
      onDragOver={dragOver}
      onDragEnter={dragOver}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDropping(null);
      }}
      onDrop={drop}
    >
      <header className="pane__header">
        <ConnectionPicker
          connections={connections}
          value={state.connectionId}
          onChange={(connectionId) => browse.dispatch({ type: 'connection', side, connectionId })}
        />
        {connection?.readOnly && <span className="badge badge--warn">Read-only</span>}
        {connection?.demo && <span className="badge badge--neutral">Demo</span>}
        {/* What the server serves, asked once per connection: whether an assistant can live here, or an agent. */}
        {connection && capabilities && (
          <span className="pane__serves" title="What this server serves">
            {capabilities.summary}
          </span>
        )}
      </header>
      {connection?.readOnly && (
        <p className="pane__notice" id={`${baseId}-ro`}>
          {connection.name} is read-only: editing, deleting and cloning into it are turned off (change it on the
          Connections screen).
        </p>
      )}

      <div className="pane__tabs" role="tablist" aria-label={`${label} object types`}>
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`${baseId}-tab-${t.id}`}
            aria-selected={t.id === tab}
            aria-controls={`${baseId}-panel`}
            tabIndex={t.id === tab ? 0 : -1}
            className="pane__tab"
            onClick={() => browse.dispatch({ type: 'tab', side, tab: t.id })}
            onKeyDown={(event) => {
              if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
              const index = tabs.findIndex((x) => x.id === tab);
              const next = tabs[(index + (event.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length]!;
              browse.dispatch({ type: 'tab', side, tab: next.id });
              document.getElementById(`${baseId}-tab-${next.id}`)?.focus();
            }}
          >
            {t.label}
          </button>
        ))}
      </div>

      <div className="pane__panel" role="tabpanel" id={`${baseId}-panel`} aria-labelledby={`${baseId}-tab-${tab}`}>
        <div className="pane__toolbar">
          <input
            type="search"
            className="field__input pane__search"
            aria-label={`Search ${tabInfo.label.toLowerCase()}`}
            placeholder={`Search ${tabInfo.label.toLowerCase()} by name or id`}
            value={search}
            onChange={(event) => browse.dispatch({ type: 'search', side, tab, text: event.target.value })}
          />
          <select
            className="field__input pane__sort"
            aria-label="Sort by"
            value={sorts[tab]}
            onChange={(event) => setSorts((s) => ({ ...s, [tab]: event.target.value as SortId }))}
          >
            {SORTS[tab].map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </select>
          {cloneable && (
            <button
              type="button"
              className="button"
              disabled={cloneBlocked !== null}
              title={
                cloneBlocked ??
                `Clone the selected ${tabInfo.label.toLowerCase()} into ${otherConnection?.name ?? 'the other pane'}`
              }
              onClick={() => {
                const p = payload(selected);
                if (p && otherConnection) onClone(p, otherConnection.id);
              }}
            >
              Clone to other pane
            </button>
          )}
          {tab === 'assistants' && connection && data.assistantsServed !== false && (
            <button
              ref={newAssistantButton}
              type="button"
              className="button"
              disabled={connection.readOnly || newAssistant}
              title={
                connection.readOnly ? `${connection.name} is read-only.` : `Create an assistant in ${connection.name}`
              }
              onClick={() => {
                if (confirmDiscard()) setNewAssistant(true);
              }}
            >
              New assistant
            </button>
          )}
          {tab === 'vectorStores' && connection && (
            <button
              type="button"
              className="button"
              disabled={connection.readOnly}
              title={
                connection.readOnly ? `${connection.name} is read-only.` : `Create a vector store in ${connection.name}`
              }
              onClick={() => setCreating(true)}
            >
              New vector store
            </button>
          )}
        </div>
        {tab === 'files' && connection && (
          <FilesTools connection={connection} files={files} purpose={purpose} onPurpose={setPurpose} />
        )}
        {creating && connection && (
          <StoreFormDialog
            connection={connection}
            files={files}
            onDone={(created) => {
              setCreating(false);
              if (created)
                browse.dispatch({
                  type: 'open',
                  side,
                  connectionId: connection.id,
                  tab: 'vectorStores',
                  id: created.id,
                });
            }}
          />
        )}
        <div className={tab === 'vectorStores' ? 'pane__body pane__body--wide-list' : 'pane__body'}>
          <div className="pane__list">
            <ListArea
              connection={connection}
              data={data}
              tabLabel={tabInfo.label}
              visibleCount={visible?.length ?? 0}
              total={sorted?.length ?? 0}
              search={shownSearch}
            >
              {visible && visible.length > 0 && connection && (
                <ResourceList
                  label={`${tabInfo.label} in ${connection.name}`}
                  rows={visible}
                  busy={filtering}
                  selected={selected}
                  reveal={state.reveal}
                  onSelect={(ids) => {
                    // Unsaved edits in the inspector are not lost silently by selecting another row.
                    if (!confirmDiscard()) return;
                    setNewAssistant(false);
                    browse.dispatch({ type: 'select', side, tab, ids });
                  }}
                  onDragStart={
                    cloneable
                      ? (ids, event) => {
                          const p = payload(ids);
                          if (p) beginDrag(p, event);
                        }
                      : undefined
                  }
                  onDragEnd={endDrag}
                  rowHeight={tab === 'vectorStores' ? STORE_ROW_HEIGHT : undefined}
                  rowContent={tab === 'vectorStores' ? storeRowContent : undefined}
                />
              )}
            </ListArea>
            {connection && (
              <PaneFreshness
                updatedAt={data.updatedAt}
                refreshing={data.refreshing}
                failed={data.error !== null}
                onRefresh={data.refresh}
              />
            )}
            {/* A failed read replaces the count: a stale figure beside an error would say more than is true. */}
            {sorted && sorted.length > 0 && !data.error && (
              <p className="pane__count" aria-live="polite">
                {shownSearch ? `${visible?.length ?? 0} of ${sorted.length}` : `${sorted.length}`}{' '}
                {sorted.length === 1 ? tabInfo.singular : tabInfo.label.toLowerCase()}
                {data.loadingMore ? ' so far, reading more…' : ''}
                {selected.length > 1 ? ` · ${selected.length} selected` : ''}
              </p>
            )}
          </div>
          <div className="pane__inspector">
            {connection && showingNew && (
              <NewAssistant
                connection={connection}
                data={data}
                onDone={(created) => {
                  setNewAssistant(false);
                  refocusNew.current = !created;
                  if (created)
                    browse.dispatch({
                      type: 'open',
                      side,
                      connectionId: connection.id,
                      tab: 'assistants',
                      id: created.id,
                    });
                }}
              />
            )}
            {connection && !showingNew && selected.length === 1 && tab === 'assistants' && (
              <AssistantInspector
                key={selected[0]}
                side={side}
                connection={connection}
                assistantId={selected[0]!}
                data={data}
                browse={browse}
              />
            )}
            {connection && selected.length === 1 && tab === 'agents' && (
              <AgentInspector
                key={selected[0]}
                side={side}
                connection={connection}
                agentId={selected[0]!}
                data={data}
                browse={browse}
              />
            )}
            {connection && selected.length === 1 && tab === 'vectorStores' && (
              <VectorStoreInspector
                key={selected[0]}
                side={side}
                connection={connection}
                otherConnection={otherConnection}
                vectorStoreId={selected[0]!}
                data={data}
                browse={browse}
              />
            )}
            {connection && selected.length === 1 && tab === 'files' && (
              <FileInspector
                key={selected[0]}
                fileId={selected[0]!}
                data={data}
                connection={connection}
                onDeleted={() => browse.dispatch({ type: 'select', side, tab, ids: [] })}
                onOpen={(target, id) =>
                  browse.dispatch({ type: 'open', side, connectionId: connection.id, tab: target, id })
                }
              />
            )}
            {!showingNew && selected.length > 1 && (
              <div className="inspector-empty">
                <p>
                  {selected.length} {tabInfo.label.toLowerCase()} selected.
                </p>
                {cloneable && (
                  <p>Drag them onto the other pane, or use “Clone to other pane”, to clone them together.</p>
                )}
                {tab === 'assistants' && connection && (
                  <BulkAssistants
                    connection={connection}
                    assistants={inListOrder(data.assistants)}
                    onDeleted={() => browse.dispatch({ type: 'select', side, tab, ids: [] })}
                  />
                )}
                {tab === 'vectorStores' && connection && (
                  <BulkDeleteStores
                    connection={connection}
                    stores={inListOrder(data.vectorStores)}
                    onDeleted={() => browse.dispatch({ type: 'select', side, tab, ids: [] })}
                  />
                )}
                {tab === 'files' && connection && (
                  <BulkDeleteFiles
                    connection={connection}
                    files={inListOrder(files)}
                    onDeleted={() => browse.dispatch({ type: 'select', side, tab, ids: [] })}
                  />
                )}
              </div>
            )}
            {!showingNew && selected.length === 0 && connection && (
              <p className="inspector-empty">
                Select {/^[aeiou]/.test(tabInfo.singular) ? 'an' : 'a'} {tabInfo.singular} to inspect it.
                {cloneable ? ' Drag it to the other pane to clone it.' : ''}
              </p>
            )}
          </div>
        </div>
      </div>
      {dropping && connection && (
        <div className="pane__drop-hint">
          <p className="pane__drop-text" role="status" aria-label="Drop target">
            {dropping === 'refused'
              ? refusedWhy
              : dropping === 'clone'
                ? cloneWords
                : `Drop to upload into ${connection.name} as ${purpose || 'assistants'} files`}
          </p>
          {/* What the destination serves, so the admin knows what a drop can make there before letting go. */}
          {dropping !== 'upload' && capabilities && (
            <p className="pane__drop-serves" aria-label="What the destination serves">
              {capabilities.summary}
            </p>
          )}
        </div>
      )}
    </section>
  );
}

function ListArea({
  connection,
  data,
  tabLabel,
  visibleCount,
  total,
  search,
  children,
}: {
  connection: ConnectionView | null;
  data: ReturnType<typeof usePaneData>;
  tabLabel: string;
  visibleCount: number;
  total: number;
  search: string;
  children: ReactNode;
}) {
  if (!connection) return <p className="pane-message">Pick a connection to browse.</p>;
  if (data.loading)
    return (
      <p className="pane-message" role="status">
        Loading {tabLabel.toLowerCase()}…
      </p>
    );
  if (data.error)
    return (
      <div className="pane-message pane-message--error" role="alert">
        <p>
          Could not load {tabLabel.toLowerCase()} from {connection.name}. {data.error.message}
        </p>
        <button type="button" className="button" onClick={data.error.retry}>
          Try again
        </button>
      </div>
    );
  if (tabLabel === 'Assistants' && data.retiredMessage)
    return (
      <div className="pane-message pane-message--retired" role="note">
        <p className="pane-message__title">No Assistants API here</p>
        <p>{data.retiredMessage}</p>
        <p>Vector stores and files still work: see the other tabs.</p>
      </div>
    );
  if (total === 0)
    return (
      <p className="pane-message">
        {connection.name} has no {tabLabel.toLowerCase()} yet.
      </p>
    );
  if (visibleCount === 0)
    return (
      <p className="pane-message">
        No {tabLabel.toLowerCase()} match “{search}”.
      </p>
    );
  return <>{children}</>;
}
