import type { ClonePlan } from '../../../shared/clone.ts';
import type { JobItem, JobView } from '../../../shared/jobs.ts';
import { countItems } from './job-recorder.ts';

/** The first view of a job: one item per object the plan touches, nothing done yet. */
export function initialJobView(jobId: string, plan: ClonePlan): JobView {
  const items: JobItem[] = [
    ...plan.files.map((f): JobItem => ({
      key: f.key,
      kind: 'file',
      label: f.filename,
      action: f.action,
      state: f.action === 'skip' ? 'skipped' : 'pending',
      sourceId: f.sourceId,
      bytesTotal: f.bytes,
      bytesDone: 0,
      ...(f.lossy ? { lossy: true } : {}),
      ...(f.action === 'skip' && f.reason ? { error: f.reason } : {}),
    })),
    ...plan.vectorStores.map((s): JobItem => ({
      key: s.key,
      kind: 'vector_store',
      label: s.name,
      action: s.action,
      state: s.action === 'skip' ? 'skipped' : 'pending',
      sourceId: s.sourceId,
      ...(s.destinationId ? { destinationId: s.destinationId } : {}),
    })),
    ...plan.assistants.map((a) => configItem('assistant', a)),
    ...(plan.agents ?? []).map((a) => configItem('agent', a)),
  ];
  const at = new Date().toISOString();
  const count = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
  const what =
    [
      plan.assistants.length && count(plan.assistants.length, 'assistant'),
      (plan.agents ?? []).length &&
        count(
          (plan.agents ?? []).length,
          (plan.agents ?? []).every((a) => a.from === 'assistant') ? 'assistant' : 'agent',
        ),
      plan.vectorStores.length && count(plan.vectorStores.length, 'vector store'),
    ]
      .filter(Boolean)
      .join(' and ') || 'files';
  return {
    id: jobId,
    kind: 'clone',
    title: `Clone ${what} from ${plan.source.name} to ${plan.destination.name}`,
    state: 'running',
    source: plan.source,
    destination: plan.destination,
    createdAt: at,
    updatedAt: at,
    progress: 0,
    detail: 'Starting',
    counts: countItems(items),
    items,
    ...carriedOf(plan),
  };
}

/** Sortable, readable job ids: `job-20261121-230412-k3f9`. */
export function newJobId(date = new Date()): string {
  const stamp = date.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `job-${stamp}-${Math.random().toString(36).slice(2, 6)}`;
}

/** The plan's carried assistants with their Responses request templates (see shared/responses-request.ts). */
function carriedOf(plan: ClonePlan): Pick<JobView, 'carried'> {
  const names = Object.fromEntries([
    ...plan.vectorStores.map((s) => [s.key, s.name]),
    ...plan.files.map((f) => [f.key, f.filename]),
  ]);
  const carried = (plan.agents ?? [])
    .filter((a) => a.from === 'assistant' && a.responses)
    .map((a) => ({ key: a.key, name: a.name, sourceId: a.sourceId, template: a.responses ?? {}, names }));
  return carried.length > 0 ? { carried } : {};
}

/** An assistant's or an agent's item: skipped from the start when the plan skips or blocks it, with why. */
function configItem(
  kind: 'assistant' | 'agent',
  a: {
    key: string;
    name: string;
    action: string;
    sourceId: string;
    destinationId?: string | undefined;
    reason?: string | undefined;
  },
): JobItem {
  const skipped = a.action === 'skip' || a.action === 'blocked';
  return {
    key: a.key,
    kind,
    label: a.name,
    action: a.action,
    state: skipped ? 'skipped' : 'pending',
    sourceId: a.sourceId,
    ...(a.destinationId ? { destinationId: a.destinationId } : {}),
    ...(skipped && a.reason ? { error: a.reason } : {}),
  };
}
