import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ClonePlan } from '../../../shared/clone.ts';
import { JobView, type StateProblem } from '../../../shared/jobs.ts';
import { FerryError } from '../errors.ts';
import { writeFileAtomic } from '../storage/durable-file.ts';
import { initialJobView } from './job-view.ts';
import { foldJournal, readJournal } from '../storage/journal.ts';
import { DamagedStateError, readStateFile } from '../storage/state-file.ts';

const PLAN_FIX =
  'The job cannot be resumed without its plan; Clean up still removes what it made (its journal lists every object). Restore the file from a backup to resume instead.';
const VIEW_FIX = 'Ferry rebuilt the job from its plan and journal; nothing is lost (job.json only shows progress).';

/** What survives of a job on disk: each file that could be read, and a problem for each that could not. */
export interface JobSurvey {
  plan?: ClonePlan;
  view?: JobView;
  problems: StateProblem[];
}

/**
 * A job's folder under jobs/: plan.json (what to do), journal.jsonl (what was done: the record resume and
 * cleanup trust) and job.json (progress, for lists). Loading reports a damaged file by name instead of
 * hiding the job, and rebuilds what it can from the files that survive.
 */
export class JobFiles {
  readonly #root: string;

  constructor(stateDir: string) {
    this.#root = join(stateDir, 'jobs');
  }

  dir(jobId: string): string {
    if (!/^job-[A-Za-z0-9-]+$/.test(jobId))
      throw new FerryError(
        'bad_input',
        `"${jobId}" is not a job id (they look like job-20261121-230412-k3f9; see \`ferry jobs\`).`,
        { field: 'id' },
      );
    return join(this.#root, jobId);
  }

  journalPath(jobId: string): string {
    return join(this.dir(jobId), 'journal.jsonl');
  }

  ids(): string[] {
    return existsSync(this.#root) ? readdirSync(this.#root).filter((id) => id.startsWith('job-')) : [];
  }

  writePlan(jobId: string, plan: ClonePlan): void {
    mkdirSync(this.dir(jobId), { recursive: true });
    writeFileAtomic(join(this.dir(jobId), 'plan.json'), JSON.stringify(plan));
  }

  writeView(jobId: string, view: JobView): void {
    writeFileAtomic(join(this.dir(jobId), 'job.json'), JSON.stringify(view));
  }

  /** The plan, or a not_found / damaged-file error naming plan.json. */
  loadPlan(jobId: string): ClonePlan {
    const path = join(this.dir(jobId), 'plan.json');
    const plan = readStateFile(path, ClonePlan, PLAN_FIX);
    if (!plan)
      throw new FerryError('not_found', `There is no job ${jobId}. List jobs with \`ferry jobs\`.`, { field: 'id' });
    return plan;
  }

  /** Reads what it can; a damaged file becomes a problem, not an exception. */
  survey(jobId: string): JobSurvey {
    const dir = this.dir(jobId);
    const survey: JobSurvey = { problems: [] };
    const read = <T>(load: () => T | undefined): T | undefined => {
      try {
        return load();
      } catch (error) {
        if (!(error instanceof DamagedStateError)) throw error;
        survey.problems.push({ path: error.path, message: error.message });
        return undefined;
      }
    };
    const plan = read(() => readStateFile(join(dir, 'plan.json'), ClonePlan, PLAN_FIX));
    const view = read(() => readStateFile(join(dir, 'job.json'), JobView, VIEW_FIX));
    if (plan) survey.plan = plan;
    if (view) survey.view = view;
    return survey;
  }

  /**
   * The view of a job that runs nowhere, from whatever survives: job.json; else the plan with the
   * journal's verdicts; else a bare "damaged" entry, so `list` still shows the job and its problems.
   */
  viewOf(jobId: string, runsElsewhere: (view: JobView) => boolean = () => false): JobView {
    const survey = this.survey(jobId);
    const { plan, problems } = survey;
    if (!plan && !survey.view && problems.length === 0)
      throw new FerryError('not_found', `There is no job ${jobId}. List jobs with \`ferry jobs\`.`, { field: 'id' });
    const view = survey.view ?? (plan ? this.#rebuilt(jobId, plan) : this.#bare(jobId));
    // A job that says it runs but runs nowhere (its process died) was interrupted; Resume finishes it.
    if ((view.state === 'running' || view.state === 'cancelling' || view.state === 'queued') && !runsElsewhere(view))
      view.state = 'interrupted';
    if (!plan) {
      view.state = 'damaged';
      view.detail = 'Its plan cannot be read, so it cannot be resumed; Clean up removes what it made.';
    }
    if (problems.length > 0) view.problems = [...(view.problems ?? []), ...problems];
    return view;
  }

  #rebuilt(jobId: string, plan: ClonePlan): JobView {
    const view = initialJobView(jobId, plan);
    const state = foldJournal(readJournal(this.journalPath(jobId)).records);
    for (const item of view.items) {
      const id = state.created.get(item.key) ?? state.updated.get(item.key);
      if (id) item.destinationId = id;
      const finished = state.finished.get(item.key);
      if (finished) item.state = finished.state;
    }
    view.state = 'interrupted';
    view.detail = 'Rebuilt from its plan and journal; Resume finishes it.';
    const at = this.#createdAt(jobId);
    view.createdAt = at;
    view.updatedAt = at;
    return view;
  }

  #bare(jobId: string): JobView {
    const at = this.#createdAt(jobId);
    const unknown = { id: '', name: 'unknown' };
    return {
      id: jobId,
      kind: 'clone',
      title: `Job ${jobId} (its saved state is damaged)`,
      state: 'damaged',
      source: unknown,
      destination: unknown,
      createdAt: at,
      updatedAt: at,
      progress: 0,
      detail: '',
      counts: { total: 0, done: 0, failed: 0, skipped: 0, cancelled: 0 },
      items: [],
    };
  }

  #createdAt(jobId: string): string {
    try {
      return statSync(this.dir(jobId)).birthtime.toISOString();
    } catch {
      return new Date(0).toISOString();
    }
  }
}
