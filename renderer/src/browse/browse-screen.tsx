import { useRef, useState } from 'react';
import { Splitter, useRemembered } from '../ui/splitter.tsx';
import type { CloneRequest } from '../../../shared/clone.ts';
import { useFerryQuery } from '../query/ferry-query.ts';
import type { ScreenId } from '../state/navigation.ts';
import { DemoButton } from '../connections/demo-button.tsx';
import { PlanDialog } from '../clone/plan-dialog.tsx';
import { JobsPanel } from '../jobs/jobs-panel.tsx';
import type { BrowseState } from '../state/browse-state.ts';
import { CompareDialog } from './compare-dialog.tsx';
import type { ClonePayload } from './drag.ts';
import { Pane } from './pane.tsx';

/** The main screen: two org browsers side by side, Compare between them, and the jobs panel docked below. */
export function BrowseScreen({ state, onNavigate }: { state: BrowseState; onNavigate: (screen: ScreenId) => void }) {
  const connections = useFerryQuery('connections.list', {});
  const [request, setRequest] = useState<CloneRequest | null>(null);
  const [comparing, setComparing] = useState(false);
  const [jobsOpen, setJobsOpen] = useState(true);
  // Both remembered: an admin who made the left pane wider, or the Jobs panel taller, finds it so next time.
  const [leftPercent, setLeftPercent] = useRemembered('ferry.layout.leftPane', 50, 25, 75);
  const [jobsPercent, setJobsPercent] = useRemembered('ferry.layout.jobsPanel', 30, 12, 70);
  const browseRef = useRef<HTMLDivElement>(null);
  const panesRef = useRef<HTMLDivElement>(null);
  const list = connections.data ?? [];

  const leftAssistant =
    state.left.tab === 'assistants' && state.left.selected.assistants.length === 1
      ? state.left.selected.assistants[0]
      : undefined;
  const rightAssistant =
    state.right.tab === 'assistants' && state.right.selected.assistants.length === 1
      ? state.right.selected.assistants[0]
      : undefined;
  const canCompare = Boolean(leftAssistant && rightAssistant && state.left.connectionId && state.right.connectionId);

  const clone = (payload: ClonePayload, to: string) =>
    setRequest({
      from: payload.connectionId,
      to,
      assistants: payload.kind === 'assistants' ? payload.ids : [],
      vectorStores: payload.kind === 'vectorStores' ? payload.ids : [],
      agents: payload.kind === 'agents' ? payload.ids : [],
    });

  if (connections.isSuccess && list.length === 0) {
    return (
      <div className="browse-empty">
        <h1 className="pane-header__title">Nothing to browse yet</h1>
        <p className="empty-state__text">
          Add a connection for each organization you manage, or try Ferry with its built-in demo organizations.
        </p>
        <div className="empty-state__actions">
          <button type="button" className="button button--primary" onClick={() => onNavigate('connections')}>
            Add connection
          </button>
          <DemoButton />
        </div>
      </div>
    );
  }

  return (
    <div className="browse" ref={browseRef}>
      <h1 className="visually-hidden">Browse</h1>
      <div className="browse__toolbar" role="toolbar" aria-label="Browse actions">
        <p className="browse__hint">Drag assistants or vector stores from one pane onto the other to clone them.</p>
        <button
          type="button"
          className="button"
          disabled={!canCompare}
          title={
            canCompare
              ? 'Compare the assistants selected in the two panes, field by field'
              : 'Select one assistant in each pane to compare them.'
          }
          onClick={() => setComparing(true)}
        >
          Compare
        </button>
      </div>
      <div
        className="browse__panes"
        ref={panesRef}
        style={{ gridTemplateColumns: `minmax(0, ${leftPercent}fr) auto minmax(0, ${100 - leftPercent}fr)` }}
      >
        <Pane side="left" browse={state} connections={list} onClone={clone} />
        <Splitter
          label="Resize the panes"
          orientation="vertical"
          percent={leftPercent}
          onChange={setLeftPercent}
          container={() => panesRef.current}
        />
        <Pane side="right" browse={state} connections={list} onClone={clone} />
      </div>
      {jobsOpen && (
        <Splitter
          label="Resize the Jobs panel"
          orientation="horizontal"
          inverted
          percent={jobsPercent}
          onChange={setJobsPercent}
          container={() => browseRef.current}
        />
      )}
      <JobsPanel open={jobsOpen} onToggle={() => setJobsOpen((o) => !o)} browse={state} heightPercent={jobsPercent} />
      {request && (
        <PlanDialog
          request={request}
          connections={list}
          onClose={() => setRequest(null)}
          onStarted={() => {
            setRequest(null);
            setJobsOpen(true);
          }}
        />
      )}
      {comparing && canCompare && (
        <CompareDialog
          left={{ connectionId: state.left.connectionId!, assistantId: leftAssistant! }}
          right={{ connectionId: state.right.connectionId!, assistantId: rightAssistant! }}
          connections={list}
          onClose={() => setComparing(false)}
        />
      )}
    </div>
  );
}
