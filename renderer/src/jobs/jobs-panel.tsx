import type { JobView } from '../../../shared/jobs.ts';
import type { BrowseState } from '../state/browse-state.ts';
import { useFerryQuery } from '../query/ferry-query.ts';
import { JobCard } from './job-card.tsx';

/**
 * Docked under the panes: every clone job, newest first, live from `job.updated` events (written into
 * the jobs list by useFerryEvents, so progress keeps moving whatever the panes show). Collapsed, it still
 * says how many jobs run and how far the newest one is.
 */
export function JobsPanel({
  open,
  onToggle,
  browse,
  heightPercent,
}: {
  open: boolean;
  onToggle: () => void;
  browse: BrowseState;
  heightPercent: number;
}) {
  const jobs = useFerryQuery('jobs.list', {});
  const list = jobs.data ?? [];
  const running = list.filter((j) => j.state === 'queued' || j.state === 'running' || j.state === 'cancelling');
  const newest = running[0];
  return (
    <section
      className={open ? 'jobs jobs--open' : 'jobs'}
      aria-label="Jobs"
      style={open ? { maxHeight: `${heightPercent}%` } : undefined}
    >
      <header className="jobs__bar">
        <button
          type="button"
          className="jobs__toggle"
          aria-expanded={open}
          aria-controls="jobs-list"
          onClick={onToggle}
        >
          <span className="jobs__chevron" aria-hidden="true">
            {open ? '▾' : '▸'}
          </span>
          Jobs
        </button>
        <span className="jobs__summary">
          {list.length === 0
            ? 'No clone jobs yet'
            : running.length > 0
              ? `${running.length} running`
              : `${list.length} job${list.length === 1 ? '' : 's'}, none running`}
        </span>
        {!open && newest && <MiniProgress job={newest} />}
      </header>
      {open && (
        <div className="jobs__list" id="jobs-list">
          {jobs.isError && (
            <p className="pane-message--error" role="alert">
              Could not list jobs. {jobs.error.message}
            </p>
          )}
          {jobs.isSuccess && list.length === 0 && (
            <p className="jobs__empty">
              Drag assistants or vector stores onto the other pane; the clone’s progress shows here.
            </p>
          )}
          {list.map((job, index) => (
            <JobCard
              key={job.id}
              job={job}
              browse={browse}
              initiallyOpen={index === 0 && (job.state === 'running' || job.counts.failed > 0)}
            />
          ))}
        </div>
      )}
    </section>
  );
}

function MiniProgress({ job }: { job: JobView }) {
  return (
    <span className="jobs__mini">
      <progress max={1} value={job.progress} aria-label={`Progress of ${job.title}`} /> {Math.round(job.progress * 100)}
      %
    </span>
  );
}
