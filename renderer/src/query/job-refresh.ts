import type { JobUpdate } from '../../../shared/job-updates.ts';
import type { JobItem, JobItemPatch, JobView } from '../../../shared/jobs.ts';

type Kind = JobItem['kind'];

/**
 * The pane reads a finished item of each kind can change in the job's destination: the new object's own
 * list and inspector, and what says which stores and assistants use a file or a store.
 */
export const READS_BY_KIND = {
  file: ['files.list', 'files.usedBy'],
  vector_store: ['vectorStores.list', 'vectorStores.get', 'vectorStores.files', 'vectorStores.usedBy', 'files.usedBy'],
  assistant: ['assistants.list', 'assistants.get', 'vectorStores.usedBy', 'files.usedBy'],
  agent: ['agents.list', 'agents.get', 'agents.responses', 'vectorStores.usedBy', 'files.usedBy'],
} as const satisfies Record<Kind, readonly string[]>;

export type KindRead = (typeof READS_BY_KIND)[Kind][number];

const SETTLED = new Set<JobItem['state']>(['done', 'failed', 'skipped', 'cancelled']);

/** Per kind of item in one job: how many there are, how many have settled, and how many had when its lists were read. */
interface KindMark {
  total: number;
  settled: number;
  settledAtRefresh: number;
}

/** What is kept of one job: its kinds' marks, each item's kind and whether it has settled, the last event seen. */
interface JobMarks {
  kinds: Map<Kind, KindMark>;
  items: Map<string, { kind: Kind; settled: boolean }>;
  seq: number | undefined;
}

/**
 * Decides when a running job's destination lists are read again: when the first item of a kind settles
 * (the admin sees the clone begin to appear) and when the last one does (the kind is all there). Not on a
 * timer: every read lists a whole side again (thousands of rows, each read and drawn on the page, each
 * page of it a request against the org's rate limit the job is using), so a clone of thousands of files
 * would otherwise have its pane re-read dozens of times for nothing the pane could not say in two. The
 * pane says how old its list is; the job's end reads everything on both sides again.
 *
 * Counts follow the events' patches (a few items each), not a pass over the job's thousands of items per
 * event; a view that is not the last one plus this event (a snapshot after a gap) is counted afresh.
 */
export function createJobRefreshes(): {
  /** The lists to read again now that `view` is the job's newest, `update` the event just applied; marks them read. */
  readsAfter(view: JobView, update: JobUpdate): KindRead[];
  /** Forgets a job (it ended; its end refreshes everything). */
  forget(id: string): void;
} {
  const jobs = new Map<string, JobMarks>();
  return {
    readsAfter(view, update) {
      const held = jobs.get(view.id);
      const follows =
        held !== undefined &&
        !update.all &&
        view.seq === update.job.seq &&
        held.seq !== undefined &&
        held.seq >= update.after;
      const marks = follows ? held : countAfresh(view, held);
      if (follows) for (const patch of update.items) settle(marks, patch);
      marks.seq = view.seq;
      jobs.set(view.id, marks);
      const reads = new Set<KindRead>();
      for (const [kind, mark] of marks.kinds) {
        // An item retried is unsettled again: when it settles once more, the kind is whole again, and read.
        mark.settledAtRefresh = Math.min(mark.settledAtRefresh, mark.settled);
        const first = mark.settledAtRefresh === 0 && mark.settled > 0;
        const last = mark.settled === mark.total && mark.settledAtRefresh < mark.total;
        if (!first && !last) continue;
        mark.settledAtRefresh = mark.settled;
        for (const read of READS_BY_KIND[kind]) reads.add(read);
      }
      return [...reads];
    },
    forget(id) {
      jobs.delete(id);
    },
  };
}

/** One pass over a view's items; what was read already (per kind) carries over from `before`. */
function countAfresh(view: JobView, before: JobMarks | undefined): JobMarks {
  const marks: JobMarks = { kinds: new Map(), items: new Map(), seq: view.seq };
  for (const item of view.items) {
    const settled = SETTLED.has(item.state);
    marks.items.set(item.key, { kind: item.kind, settled });
    let mark = marks.kinds.get(item.kind);
    if (!mark) {
      mark = { total: 0, settled: 0, settledAtRefresh: before?.kinds.get(item.kind)?.settledAtRefresh ?? 0 };
      marks.kinds.set(item.kind, mark);
    }
    mark.total += 1;
    if (settled) mark.settled += 1;
  }
  return marks;
}

function settle(marks: JobMarks, patch: JobItemPatch): void {
  if (patch.state === undefined) return;
  const item = marks.items.get(patch.key);
  if (!item) return;
  const settled = SETTLED.has(patch.state);
  if (settled === item.settled) return;
  item.settled = settled;
  marks.kinds.get(item.kind)!.settled += settled ? 1 : -1;
}
