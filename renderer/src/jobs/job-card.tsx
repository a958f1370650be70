import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { JobItem, JobView } from '../../../shared/jobs.ts';
import { otherSide, type BrowseState, type TabId } from '../state/browse-state.ts';
import { useFerryMutation } from '../query/ferry-query.ts';
import { PANE_READS, upsertJob } from '../query/use-ferry-events.ts';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';
import { JobItemsTable } from './job-items-table.tsx';
import { JobTruth } from './job-verify.tsx';
import { saveJobReport } from './save-report.ts';

const STATE_LABEL: Record<JobView['state'], string> = {
  queued: 'Waiting',
  running: 'Running',
  cancelling: 'Cancelling',
  cancelled: 'Cancelled',
  done: 'Done',
  failed: 'Failed',
  interrupted: 'Interrupted',
  damaged: 'Damaged',
};
const KIND_LABEL: Record<JobItem['kind'], string> = {
  file: 'File',
  vector_store: 'Vector store',
  assistant: 'Assistant',
  agent: 'Agent',
};
const KIND_TAB: Record<JobItem['kind'], TabId> = {
  file: 'files',
  vector_store: 'vectorStores',
  assistant: 'assistants',
  agent: 'agents',
};

const isDeletable = (item: JobItem) =>
  item.action === 'create' && item.state === 'done' && Boolean(item.destinationId) && !item.cleanedUp;

/** One job: overall progress, what to do with it, and a row per object it works on (drawn while open). */
export function JobCard({ job, browse, initiallyOpen }: { job: JobView; browse: BrowseState; initiallyOpen: boolean }) {
  const queryClient = useQueryClient();
  const onJob = { onSuccess: (view: JobView) => upsertJob(queryClient, view) };
  const cancel = useFerryMutation('jobs.cancel');
  const resume = useFerryMutation('jobs.resume');
  const retry = useFerryMutation('jobs.retry');
  const verify = useFerryMutation('jobs.verify', { invalidates: ['jobs.list'] });
  // Clean up deletes whatever the job made (agents too): every list a pane shows may change.
  const cleanup = useFerryMutation('jobs.cleanup', { invalidates: ['jobs.list', ...PANE_READS] });
  const [confirmCleanup, setConfirmCleanup] = useState(false);
  // Open while the job runs (or when it failed) and then left as the admin sets it, not snapped shut at the end.
  const [itemsOpen, setItemsOpen] = useState(initiallyOpen);
  const active = job.state === 'queued' || job.state === 'running' || job.state === 'cancelling';
  const resumable = job.state === 'interrupted' || job.state === 'cancelled' || job.state === 'failed';
  const error = cancel.error ?? resume.error ?? retry.error ?? verify.error;
  const percent = Math.round(job.progress * 100);
  // What Clean up would delete, as the card knows it: the clones this job created that still exist. Only
  // an ended job offers Clean up, and only its open dialog lists them: a running job of thousands of items
  // neither scans nor draws them on each of its events.
  const deletable = active ? [] : job.items.filter(isDeletable);
  const cleanedAll = job.cleanup !== undefined && deletable.length === 0;

  const openItem = (item: JobItem) => {
    if (!item.destinationId) return;
    const sourceSide = browse.sideShowing(job.source.id);
    browse.open(
      job.destination.id,
      KIND_TAB[item.kind],
      item.destinationId,
      sourceSide ? otherSide(sourceSide) : 'right',
    );
  };

  return (
    <article className={`job job--${job.state}`} aria-label={job.title}>
      <div className="job__head">
        <div className="job__title-block">
          <p className="job__title">{job.title}</p>
          <p className="job__route">
            {job.source.name} → {job.destination.name} · started {new Date(job.createdAt).toLocaleTimeString()}
          </p>
        </div>
        <span className={`job-state job-state--${job.state}`}>{STATE_LABEL[job.state]}</span>
        <div className="job__actions">
          {active && (
            <button
              type="button"
              className="button button--small"
              disabled={job.state === 'cancelling' || cancel.isPending}
              onClick={() => cancel.mutate({ id: job.id }, onJob)}
            >
              Cancel job
            </button>
          )}
          {resumable && (
            <button
              type="button"
              className="button button--small button--primary"
              disabled={resume.isPending}
              onClick={() => resume.mutate({ id: job.id }, onJob)}
            >
              Resume
            </button>
          )}
          {!active && (
            <>
              <button
                type="button"
                className="button button--small"
                disabled={verify.isPending}
                onClick={() => verify.mutate({ id: job.id })}
              >
                {verify.isPending ? 'Verifying…' : 'Verify'}
              </button>
              <button
                type="button"
                className="button button--small button--danger-quiet"
                disabled={cleanedAll}
                title={cleanedAll ? 'Everything this job created has been deleted.' : undefined}
                onClick={() => setConfirmCleanup(true)}
              >
                {cleanedAll ? 'Cleaned up' : 'Clean up'}
              </button>
              <button type="button" className="button button--small" onClick={() => saveJobReport(job, 'json')}>
                Save report
              </button>
              <button type="button" className="button button--small" onClick={() => saveJobReport(job, 'text')}>
                Save summary
              </button>
            </>
          )}
        </div>
      </div>
      <div className="job__progress">
        <progress max={100} value={percent} aria-label={`Progress of ${job.title}`} />
        <span className="job__percent">{percent}%</span>
        <span className="job__detail" role="status">
          {job.detail}
        </span>
      </div>
      <p className="job__counts" role="note" aria-label="Counts">
        {job.counts.done} of {job.counts.total} done
        {job.counts.failed ? ` · ${job.counts.failed} failed` : ''}
        {job.counts.skipped ? ` · ${job.counts.skipped} skipped` : ''}
        {job.counts.cancelled ? ` · ${job.counts.cancelled} cancelled` : ''}
      </p>
      {!active && <JobTruth job={job} />}
      {job.error && <p className="job__error">{job.error}</p>}
      {job.problems?.map((problem) => (
        <p key={`${problem.path}:${problem.line ?? ''}`} className="job__error">
          {problem.message}
        </p>
      ))}
      {error && (
        <p className="job__error" role="alert">
          {error.message}
        </p>
      )}
      <details className="job__items" open={itemsOpen} onToggle={(event) => setItemsOpen(event.currentTarget.open)}>
        <summary>Items ({job.items.length})</summary>
        {itemsOpen && (
          <JobItemsTable
            title={job.title}
            items={job.items}
            active={active}
            retrying={retry.isPending}
            actions={{ retry: (item) => retry.mutate({ id: job.id, key: item.key }, onJob), open: openItem }}
          />
        )}
      </details>
      <ConfirmDialog
        open={confirmCleanup}
        destructive
        title={`Clean up “${job.title}” in ${job.destination.name}?`}
        confirmLabel="Delete what it created"
        busy={cleanup.isPending}
        error={cleanup.error?.message}
        onCancel={() => setConfirmCleanup(false)}
        onConfirm={() => cleanup.mutate({ id: job.id }, { onSuccess: () => setConfirmCleanup(false) })}
      >
        <p>
          Ferry deletes exactly the objects this job created in <strong>{job.destination.name}</strong>, and nothing
          else. Objects it reused or updated stay.
        </p>
        {!confirmCleanup ? null : deletable.length > 0 ? (
          <ul className="unused-list" tabIndex={0} aria-label="Will be deleted">
            {deletable.map((item) => (
              <li key={item.key}>
                {KIND_LABEL[item.kind]} {item.label} <span className="muted">({item.destinationId})</span>
              </li>
            ))}
          </ul>
        ) : (
          <p>The job lists no finished clone; Ferry still looks for anything it began to create and deletes that.</p>
        )}
      </ConfirmDialog>
    </article>
  );
}
