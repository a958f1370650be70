import type { CliContext } from '../command.ts';
import { Exit, UsageError, type CliCommand } from '../command.ts';
import { formatJob, formatVerify } from '../format-plan.ts';
import { followJob, jobSummary } from '../job-runner.ts';
import { deadlineClientOptions, deadlineHelp, deadlineOption } from '../deadline-flag.ts';
import { withCore } from '../open-core.ts';
import { parseFlags } from '../parse.ts';
import { formatTable } from '../table.ts';

const jsonFlag = { json: { type: 'boolean', default: false } } as const;

function jobArgs(args: string[], name: string): { id: string; json: boolean } {
  const parsed = parseFlags(args, jsonFlag, true);
  const [id, ...extra] = parsed.positionals;
  if (!id || extra.length > 0) throw new UsageError(`\`ferry ${name}\` takes exactly one job id (see \`ferry jobs\`).`);
  return { id, json: parsed.values.json };
}

export const resumeCommand: CliCommand = {
  name: 'resume',
  summary: 'Finish an interrupted, cancelled or failed clone job',
  usage: `Usage: ferry resume JOB [--request-deadline MIN] [--json]\n\nRuns the job again from its journal: what exists is found, not made twice.\n\n${deadlineHelp}`,
  async run(args, context) {
    const parsed = parseFlags(args, { ...jsonFlag, ...deadlineOption }, true);
    const [id, ...extra] = parsed.positionals;
    if (!id || extra.length > 0) throw new UsageError('`ferry resume` takes exactly one job id (see `ferry jobs`).');
    const clientOptions = deadlineClientOptions(parsed.values['request-deadline']);
    return withCore(
      context,
      async (core) => followJob(core, await core.call('jobs.resume', { id }), context, parsed.values.json),
      clientOptions,
    );
  },
};

export const verifyCommand: CliCommand = {
  name: 'verify',
  summary: "Compare a job's clones with their sources, field by field",
  usage:
    'Usage: ferry verify JOB [--json]\n\nExit codes: 0 no differences (reconstructed files are labelled, not counted), 1 differences.',
  async run(args, context) {
    const { id, json } = jobArgs(args, 'verify');
    return withCore(context, async (core) => {
      const report = await core.call('jobs.verify', { id });
      context.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : `${formatVerify(report)}\n`);
      return report.clean ? Exit.ok : Exit.failed;
    });
  },
};

export const cleanupCommand: CliCommand = {
  name: 'cleanup',
  summary: 'Delete exactly what a clone job created',
  usage:
    'Usage: ferry cleanup JOB [--json]\n\nDeletes the assistants, vector stores and files the job created, and nothing it only updated or reused.',
  async run(args, context) {
    const { id, json } = jobArgs(args, 'cleanup');
    return withCore(context, async (core) => {
      const report = await core.call('jobs.cleanup', { id });
      if (json) context.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else {
        context.stdout.write(
          `Deleted ${report.deleted.length} ${report.deleted.length === 1 ? 'object' : 'objects'}${report.alreadyGone.length ? `; ${report.alreadyGone.length} ${report.alreadyGone.length === 1 ? 'was' : 'were'} already gone` : ''}.\n`,
        );
        for (const f of report.failed) context.stdout.write(`  could not delete ${f.key}: ${f.error}\n`);
      }
      return report.failed.length === 0 ? Exit.ok : Exit.failed;
    });
  },
};

export const jobsCommand: CliCommand = {
  name: 'jobs',
  summary: 'List clone jobs, or show one',
  usage: 'Usage: ferry jobs [JOB] [--json]',
  async run(args, context: CliContext) {
    const parsed = parseFlags(args, jsonFlag, true);
    const [id] = parsed.positionals;
    return withCore(context, async (core) => {
      if (id) {
        const job = await core.call('jobs.get', { id });
        context.stdout.write(
          parsed.values.json ? `${JSON.stringify(jobSummary(job), null, 2)}\n` : `${formatJob(job)}\n`,
        );
        return Exit.ok;
      }
      const jobs = await core.call('jobs.list', {});
      if (parsed.values.json) context.stdout.write(`${JSON.stringify(jobs.map(jobSummary), null, 2)}\n`);
      else if (jobs.length === 0) context.stdout.write('No jobs yet. Start one with `ferry clone`.\n');
      else
        context.stdout.write(
          `${formatTable(
            ['JOB', 'STATE', 'PROGRESS', 'WHAT'],
            jobs.map((j) => [j.id, j.state, `${j.counts.done}/${j.counts.total}`, j.title]),
          )}\n`,
        );
      return Exit.ok;
    });
  },
};
