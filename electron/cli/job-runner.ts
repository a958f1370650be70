import { createInterface } from 'node:readline';
import { jobSummary } from '../../shared/job-report.ts';
import type { JobHead, JobView } from '../../shared/jobs.ts';
import type { ShellCore } from '../core/core.ts';
import { Exit, type CliContext, type ExitCode } from './command.ts';
import { formatJob, formatVerify } from './format-plan.ts';

/**
 * Waits for a job in the terminal: a live progress line on a TTY, Ctrl+C cancels cleanly (journal intact,
 * resumable), and the outcome is printed as text or, with --json, as one JSON summary.
 */
export async function followJob(core: ShellCore, job: JobView, context: CliContext, json: boolean): Promise<ExitCode> {
  const tty = (context.stderr as { isTTY?: boolean }).isTTY === true && !json;
  if (!json)
    context.stderr.write(`Job ${job.id} started. If it is interrupted, finish it with \`ferry resume ${job.id}\`.\n`);
  // Another job writing to the same destination holds it back: say whom it waits for, whatever the output.
  let toldWaiting: string | undefined;
  const tellWaiting = (view: JobHead) => {
    if (view.state !== 'queued' || view.detail === toldWaiting) return;
    toldWaiting = view.detail;
    context.stderr.write(`${tty ? '\n' : ''}${view.detail}. It starts as soon as that job ends (Ctrl+C cancels).\n`);
  };
  tellWaiting(job);
  const unsubscribe = core.subscribe((event) => {
    if (event.type !== 'job.updated' || event.job.id !== job.id) return;
    tellWaiting(event.job);
    if (!tty) return;
    const { progress, counts, detail } = event.job;
    const width = 24;
    const filled = Math.round(progress * width);
    context.stderr.write(
      `\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.round(progress * 100)}% ${counts.done + counts.failed + counts.skipped}/${counts.total} ${detail}`
        .slice(0, 120)
        .padEnd(120),
    );
  });
  let cancelled = false;
  void context.stopped.then(() => {
    cancelled = true;
    // A job that has already finished answers with an error there is nothing to do about.
    core.call('jobs.cancel', { id: job.id }).catch(() => undefined);
  });
  const end = await core.call('jobs.wait', { id: job.id });
  unsubscribe();
  if (tty) context.stderr.write('\n');
  if (json) context.stdout.write(`${JSON.stringify(jobSummary(end))}\n`);
  else {
    context.stdout.write(`${formatJob(end)}\n`);
    if (end.verify) context.stdout.write(`${formatVerify(end.verify)}\n`);
    else if (end.state === 'done')
      context.stdout.write(
        `Verify could not be run, so the clone is not known to match. Run \`ferry verify ${end.id}\`.\n`,
      );
    if (end.state === 'cancelled')
      context.stdout.write(
        `Cancelled. Finish with \`ferry resume ${end.id}\`, or remove what it created with \`ferry cleanup ${end.id}\`.\n`,
      );
  }
  // Done is not enough: a clone whose own verify found differences (or could not run) did not do its job.
  return end.state === 'done' && !cancelled && end.verify?.clean === true ? Exit.ok : Exit.failed;
}

/** What scripts want from a job: one home, shared with the window's saved report. */
export { jobSummary };

/** Asks a yes/no question on the terminal; anything but y/yes is no. */
export async function confirm(context: CliContext, question: string): Promise<boolean> {
  const reader = createInterface({ input: context.stdin, output: context.stderr });
  try {
    const answer = await new Promise<string>((resolve) => reader.question(`${question} [y/N] `, resolve));
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    reader.close();
  }
}
