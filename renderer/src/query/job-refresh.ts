import type { JobItem, JobView } from '../../../shared/jobs.ts';

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

/** Per kind of item in one job: how many settled when its lists were last read again, and of how many. */
interface KindMark {
  total: number;
  settledAtRefresh: number;
}

/**
 * Decides when a running job's destination lists are read again: when the first item of a kind settles
 * (the admin sees the clone begin to appear) and when the last one does (the kind is all there). Not on a
 * timer: every read lists a whole side again (thousands of rows, each read and drawn on the page, each
 * page of it a request against the org's rate limit the job is using), so a clone of thousands of files
 * would otherwise have its pane re-read dozens of times for nothing the pane could not say in two. The
 * pane says how old its list is; the job's end reads everything on both sides again.
 */
export function createJobRefreshes(): {
  /** The lists to read again now that `view` is the job's newest; marks them read. */
  readsAfter(view: JobView): KindRead[];
  /** Forgets a job (it ended; its end refreshes everything). */
  forget(id: string): void;
} {
  const jobs = new Map<string, Map<Kind, KindMark>>();
  return {
    readsAfter(view) {
      const settled = new Map<Kind, number>();
      const totals = new Map<Kind, number>();
      // One pass over the items: a job of thousands costs well under a millisecond per event (at most 10 a second).
      for (const item of view.items) {
        totals.set(item.kind, (totals.get(item.kind) ?? 0) + 1);
        if (SETTLED.has(item.state)) settled.set(item.kind, (settled.get(item.kind) ?? 0) + 1);
      }
      let marks = jobs.get(view.id);
      if (!marks) jobs.set(view.id, (marks = new Map()));
      const reads = new Set<KindRead>();
      for (const [kind, total] of totals) {
        const now = settled.get(kind) ?? 0;
        const mark = marks.get(kind) ?? { total, settledAtRefresh: 0 };
        marks.set(kind, mark);
        const first = mark.settledAtRefresh === 0 && now > 0;
        const last = now === total && mark.settledAtRefresh < total;
        if (!first && !last) continue;
        mark.settledAtRefresh = now;
        for (const read of READS_BY_KIND[kind]) reads.add(read);
      }
      return [...reads];
    },
    forget(id) {
      jobs.delete(id);
    },
  };
}
