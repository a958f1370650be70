import type { ByteSource, ClonePlan, PlanFile } from '../../../shared/clone.ts';
import { planFileCounts } from '../../../shared/plan-outcome.ts';

/** How each byte source reads in the plan; the lossy one says so in words, not only in colour. */
export function byteSourceLabel(file: PlanFile): string {
  switch (file.byteSource) {
    case 'download':
      return 'Downloaded from the source';
    case 'local':
      return 'From your folder of originals';
    case 'cache':
      // A cached copy of a reconstruction is still a reconstruction: the row says so, as the summary does.
      return file.lossy
        ? "From Ferry's cache: reconstructed earlier from parsed text (lossy)"
        : "From Ferry's cache of uploads";
    case 'reconstruct':
      return 'Reconstructed from parsed text (lossy)';
    case 'none':
      // Into a folder, a file Ferry has no bytes of is still written down, so an import can restore it later.
      return file.action === 'create' ? 'Kept by name, size and purpose only: no bytes' : 'No source for its bytes';
  }
}

export const BYTE_SOURCE_ORDER: readonly ByteSource[] = ['download', 'local', 'cache', 'reconstruct', 'none'];

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** One line per kind, e.g. "1 assistant to create, 1 blocked". */
export function planSummary(plan: ClonePlan): string[] {
  const t = plan.totals;
  const part = (counts: Record<string, number>, labels: Record<string, string>) =>
    Object.entries(counts)
      .filter(([k, n]) => n > 0 && k in labels)
      .map(([k, n]) => `${n} ${labels[k]}`)
      .join(', ');
  const lines: string[] = [];
  const upToDate = plan.assistants.filter((x) => x.upToDate).length;
  const a = part(
    { ...t.assistants, skip: t.assistants.skip - upToDate, upToDate },
    { create: 'to create', update: 'to update', upToDate: 'up to date', skip: 'skipped', blocked: 'blocked' },
  );
  if (a) lines.push(`${plural(plan.assistants.length, 'assistant')}: ${a}`);
  const s = part(t.vectorStores, { create: 'to create', reuse: 'already cloned', skip: 'skipped' });
  if (s) lines.push(`${plural(plan.vectorStores.length, 'vector store')}: ${s}`);
  const f = part(planFileCounts(plan), {
    upload: 'to upload',
    recorded: 'kept by name, size and purpose only',
    reuse: 'already cloned',
    skip: 'skipped',
    lossy: 'lossy (reconstructed)',
  });
  if (f) lines.push(`${plural(plan.files.length, 'file')}: ${f}`);
  return lines;
}

export { planHasWork, planUpToDate } from '../../../shared/plan-outcome.ts';
