import type { JobView, VerifyDifference } from './jobs.ts';
import { carriedRequests } from './responses-request.ts';

/**
 * What a saved job report holds, the same from the CLI (`ferry jobs JOB --json`) and the window's
 * "Save report": ids and states of what the job made, failed and left out, its verify and its cleanup.
 */
export function jobSummary(job: JobView) {
  return {
    job: job.id,
    state: job.state,
    counts: job.counts,
    created: job.items
      .filter((i) => i.state === 'done' && i.destinationId)
      .map((i) => ({
        kind: i.kind,
        name: i.label,
        source: i.sourceId,
        destination: i.destinationId,
        action: i.action,
        ...(i.lossy ? { lossy: true } : {}),
        ...(i.cleanedUp ? { cleanedUp: true } : {}),
      })),
    failed: job.items
      .filter((i) => i.state === 'failed')
      .map((i) => ({ kind: i.kind, name: i.label, error: i.error, fileErrors: i.fileErrors })),
    skipped: job.items
      .filter((i) => i.state === 'skipped')
      .map((i) => ({ kind: i.kind, name: i.label, reason: i.error })),
    cancelled: job.items.filter((i) => i.state === 'cancelled').map((i) => ({ kind: i.kind, name: i.label })),
    verify: job.verify,
    cleanup: job.cleanup,
    ...(job.problems ? { problems: job.problems } : {}),
    ...(job.carried ? { responses: carriedRequests(job) } : {}),
  };
}

/** A value of a verify difference in a few words: strings as they are, the rest as short JSON. */
export function differenceValue(value: unknown): string {
  if (value === undefined || value === null) return '(none)';
  if (typeof value === 'string') return value;
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

/** "Cleaned up: 12 deleted, 1 failed: a.pdf: Not found." — one sentence for the card and the summary. */
export function cleanupSentence(job: JobView): string | undefined {
  const cleanup = job.cleanup;
  if (!cleanup) return undefined;
  const label = (key: string) => job.items.find((i) => i.key === key)?.label ?? key;
  const parts = [`${cleanup.deleted.length} deleted`];
  if (cleanup.alreadyGone.length) parts.push(`${cleanup.alreadyGone.length} already gone`);
  let sentence = `Cleaned up: ${parts.join(', ')}`;
  if (cleanup.failed.length)
    sentence += `, ${cleanup.failed.length} failed: ${cleanup.failed.map((f) => `${label(f.key)}: ${f.error}`).join('; ')}`;
  return sentence.endsWith('.') ? sentence : `${sentence}.`;
}

/** The latest verify in one line, or why there is none. */
export function verifySentence(job: JobView): string {
  const verify = job.verify;
  if (!verify) return job.cleanup ? 'Not verified since Clean up.' : 'Not verified.';
  const at = new Date(verify.checkedAt).toLocaleTimeString();
  const unexpected = verify.differences.filter((d) => !d.expected);
  if (unexpected.length === 0)
    return `Verified at ${at}: ${verify.checked} ${verify.checked === 1 ? 'object matches its source' : 'objects match their sources'}.`;
  return `Verify at ${at} found ${unexpected.length} ${unexpected.length === 1 ? 'difference' : 'differences'} in ${verify.checked} ${verify.checked === 1 ? 'object' : 'objects'}.`;
}

function differenceLine(d: VerifyDifference): string {
  return `  ${d.label}: ${d.field}: source ${differenceValue(d.source)}, clone ${differenceValue(d.destination)}${d.expected ? ' (expected: reconstructed)' : ''}`;
}

/** A job report people read: what it did, item by item, its verify with every difference, its cleanup. */
export function jobReportText(job: JobView): string {
  const { done, failed, skipped, cancelled, total } = job.counts;
  const lines = [
    job.title,
    `Job ${job.id}: ${job.state}. ${job.source.name} → ${job.destination.name}, started ${job.createdAt}.`,
    `${done} done, ${failed} failed, ${skipped} skipped, ${cancelled} cancelled of ${total}.`,
    '',
    'Items:',
    ...job.items.map(
      (i) =>
        `  ${i.kind} ${i.label}: ${i.cleanedUp ? 'deleted by Clean up' : i.state} (${i.action})${i.destinationId ? ` → ${i.destinationId}` : ''}${i.lossy ? ' [lossy]' : ''}${i.error ? `: ${i.error}` : ''}`,
    ),
    '',
    verifySentence(job),
    ...(job.verify?.differences.map(differenceLine) ?? []),
  ];
  const cleanup = cleanupSentence(job);
  if (cleanup) lines.push(cleanup);
  for (const carried of carriedRequests(job)) {
    lines.push(
      '',
      `Responses request reproducing the assistant ${carried.name} (${carried.source})${carried.agent ? `, carried as agent ${carried.agent}` : ''}:`,
      JSON.stringify(carried.request, null, 2),
      '',
      carried.typescript,
    );
  }
  return `${lines.join('\n')}\n`;
}
