import type { ClonePlan } from '../../shared/clone.ts';
import { formatBytes } from '../../shared/format.ts';
import type { JobView, VerifyReport } from '../../shared/jobs.ts';
import { planFileCounts } from '../../shared/plan-outcome.ts';

const SOURCE_WORDS: Record<string, string> = {
  download: 'download',
  local: 'local copy',
  cache: "Ferry's cache",
  reconstruct: 'reconstructed from parsed text (LOSSY)',
  none: 'no source',
};

/** A plan as an admin reads it in a terminal: one line per object, marked + create, ~ update, = reuse, - skip, ! blocked. */
export function formatPlan(plan: ClonePlan): string {
  const t = plan.totals;
  const lines = [`Plan ${plan.source.name} → ${plan.destination.name}`, ''];
  const mark: Record<string, string> = { create: '+', update: '~', reuse: '=', skip: '-', blocked: '!' };
  if (plan.assistants.length) {
    lines.push(
      `Assistants: ${t.assistants.create} to create, ${t.assistants.update} to update, ${t.assistants.skip} skipped, ${t.assistants.blocked} blocked`,
    );
    for (const a of plan.assistants) {
      const model =
        a.model.source === a.model.destination ? a.model.source : `${a.model.source} → ${a.model.destination}`;
      // The core's words are the window's too; the terminal adds its own way to fix a missing model.
      const fix =
        a.action === 'blocked' && !a.model.available ? ` (map it with --model-map ${a.model.source}=MODEL)` : '';
      lines.push(
        `  ${a.upToDate ? '=' : mark[a.action]} ${a.name} (${model})${a.reason && a.action !== 'create' ? `: ${a.reason}${fix}` : ''}`,
      );
      for (const d of a.diff) lines.push(`      ${d.field}: ${short(d.destination)} → ${short(d.source)}`);
      for (const note of a.notes ?? []) lines.push(`      ${note}`);
    }
    lines.push('');
  }
  const agents = plan.agents ?? [];
  if (agents.length) {
    const at = t.agents ?? { create: 0, update: 0, skip: 0, blocked: 0 };
    lines.push(`Agents: ${at.create} to create, ${at.update} to update, ${at.skip} skipped, ${at.blocked} blocked`);
    for (const a of agents) {
      const model =
        a.model.source === a.model.destination ? a.model.source : `${a.model.source} → ${a.model.destination}`;
      const fix =
        a.action === 'blocked' && !a.model.available ? ` (map it with --model-map ${a.model.source}=MODEL)` : '';
      const from = a.from === 'assistant' ? ' from the assistant' : '';
      lines.push(
        `  ${a.upToDate ? '=' : mark[a.action]} ${a.name}${from} (${model})${a.reason && a.action !== 'create' ? `: ${a.reason}${fix}` : ''}`,
      );
      for (const d of a.diff) lines.push(`      ${d.field}: ${short(d.destination)} → ${short(d.source)}`);
      for (const n of a.notCarried) lines.push(`      not carried: ${n.field} ${short(n.value)} → ${n.where}`);
      for (const note of a.notes ?? []) lines.push(`      ${note}`);
    }
    lines.push('');
  }
  if (plan.vectorStores.length) {
    lines.push(`Vector stores: ${t.vectorStores.create} to create, ${t.vectorStores.reuse} reused`);
    const filenames = new Map(plan.files.map((f) => [f.key, f.filename]));
    for (const s of plan.vectorStores) {
      lines.push(
        `  ${mark[s.action]} ${s.name} (${s.files.length} files)${s.action === 'reuse' ? ': cloned earlier, reused' : ''}`,
      );
      for (const f of s.files) if (f.note) lines.push(`      ${filenames.get(f.fileKey) ?? f.fileKey}: ${f.note}`);
    }
    lines.push('');
  }
  if (plan.files.length) {
    const n = planFileCounts(plan);
    const recorded = n.recorded > 0 ? `, ${n.recorded} kept by name, size and purpose only` : '';
    lines.push(
      `Files: ${n.upload} to upload (${formatBytes(t.bytes)})${recorded}, ${n.reuse} reused, ${n.skip} skipped, ${n.lossy} reconstructed`,
    );
    for (const f of plan.files) {
      // A local copy is named by its path: the admin sees which file on disk is read before anything is sent.
      // A create's reason is a note on it (an output purpose uploaded as assistants); reconstructions say so already.
      const note = f.action === 'create' && f.reason && f.byteSource !== 'reconstruct' ? ` (${f.reason})` : '';
      const source =
        f.byteSource === 'local' && f.localPath
          ? `local copy ${f.localPath}`
          : f.byteSource === 'none'
            ? 'name, size and purpose only'
            : SOURCE_WORDS[f.byteSource];
      const how =
        f.action === 'create'
          ? `${source}${note}`
          : f.action === 'reuse'
            ? 'cloned earlier, reused'
            : `skipped: ${f.reason ?? ''}`;
      lines.push(`  ${mark[f.action]} ${f.filename} (${formatBytes(f.bytes)}, ${f.purpose}): ${how}`);
    }
    lines.push('');
  }
  for (const warning of plan.warnings) lines.push(`Warning: ${warning}`);
  for (const blocker of plan.blockers) lines.push(`Blocked: ${blocker}`);
  return lines.join('\n').trimEnd();
}

export function formatJob(job: JobView): string {
  const lines = [`${job.id}  ${job.state}  ${job.title}`, `  ${job.detail}`];
  for (const problem of job.problems ?? []) lines.push(`  Damaged: ${problem.message}`);
  for (const item of job.items) {
    if (item.state === 'done' && !item.lossy) continue;
    const note = item.error ?? (item.lossy ? 'reconstructed from parsed text (lossy)' : '');
    lines.push(`  ${item.state.padEnd(9)} ${item.kind.padEnd(12)} ${item.label}${note ? `: ${note}` : ''}`);
    for (const fe of item.fileErrors ?? []) lines.push(`            ${fe.fileKey}: ${fe.message}`);
  }
  if (job.state === 'cancelled' || job.state === 'interrupted') {
    const made = job.items.filter((i) => i.destinationId && i.action === 'create');
    lines.push(
      made.length
        ? `  Created before it stopped (\`ferry cleanup ${job.id}\` removes exactly these):`
        : '  Nothing was created before it stopped.',
    );
    for (const item of made) lines.push(`    ${item.kind.padEnd(12)} ${item.label}  ${item.destinationId}`);
  }
  return lines.join('\n');
}

export function formatVerify(report: VerifyReport): string {
  const unexpected = report.differences.filter((d) => !d.expected);
  const lines = [
    unexpected.length === 0
      ? `Verify: ${report.checked} objects match their sources.`
      : `Verify: ${unexpected.length} ${unexpected.length === 1 ? 'difference' : 'differences'} in ${report.checked} objects.`,
  ];
  for (const d of unexpected)
    lines.push(`  ${d.label}: ${d.field}: source ${short(d.source)}, clone ${short(d.destination)}`);
  if (report.reconstructed.length)
    lines.push(
      `Reconstructed from parsed text (lossy, expected to differ): ${report.reconstructed.map((r) => r.filename).join(', ')}`,
    );
  const methods = report.methods ?? {};
  const by = [
    ['sha256', 'by sha256 of the bytes'],
    ['parsed-text', "by the stores' parsed text"],
    ['name-size', 'by name and size only'],
  ]
    .filter(([method]) => (methods[method!] ?? 0) > 0)
    .map(([method, words]) => `${methods[method!]} ${words}`);
  if (by.length > 0) lines.push(`Files checked: ${by.join(', ')}.`);
  return lines.join('\n');
}

function short(value: unknown): string {
  const text = JSON.stringify(value) ?? 'null';
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
