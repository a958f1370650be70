import { Exit, UsageError, type CliCommand } from '../command.ts';
import { assertModelMapUsed, cloneFlagsHelp, parseCloneArgs } from '../clone-args.ts';
import { formatPlan } from '../format-plan.ts';
import { confirm, followJob } from '../job-runner.ts';
import { withCore } from '../open-core.ts';
import { planUpToDate } from '../../../shared/plan-outcome.ts';

const selection = '(--assistant ID… | --agent ID… | --vector-store ID… | --all)';

export const planCommand: CliCommand = {
  name: 'plan',
  summary: 'Show what a clone would do, writing nothing',
  usage: [
    `Usage: ferry plan --from A --to B ${selection} [--files-dir DIR] [--on-conflict update|new|skip] [--model-map SRC=DST] [--json]`,
    '',
    cloneFlagsHelp,
  ].join('\n'),
  async run(args, context) {
    const { request, json } = parseCloneArgs(args);
    return withCore(context, async (core) => {
      const plan = await core.call('clone.plan', request);
      assertModelMapUsed(plan, request.modelMap);
      context.stdout.write(json ? `${JSON.stringify(plan, null, 2)}\n` : `${formatPlan(plan)}\n`);
      return Exit.ok;
    });
  },
};

export const cloneCommand: CliCommand = {
  name: 'clone',
  summary: 'Clone assistants, agents and vector stores (with their files) from one connection to another',
  usage: [
    `Usage: ferry clone --from A --to B ${selection} [--files-dir DIR] [--on-conflict update|new|skip] [--model-map SRC=DST] [--request-deadline MIN] [--yes] [--json]`,
    '',
    cloneFlagsHelp,
    '  --yes                   apply without asking (needed when not at a terminal)',
    '',
    'Shows the plan, asks, then clones with live progress and verifies the result. Ctrl+C cancels cleanly;',
    '`ferry resume JOB` finishes an interrupted job without creating anything twice.',
    'Exit codes: 0 done, 1 items failed (or cancelled), 2 bad input.',
  ].join('\n'),
  async run(args, context) {
    const { request, json, yes, clientOptions } = parseCloneArgs(args);
    const interactive = (context.stdin as { isTTY?: boolean }).isTTY === true;
    if (!yes && !interactive)
      throw new UsageError('not at a terminal, so there is no one to confirm the plan: pass --yes to apply it.');
    return withCore(
      context,
      async (core) => {
        const plan = await core.call('clone.plan', request);
        assertModelMapUsed(plan, request.modelMap);
        if (!json) context.stdout.write(`${formatPlan(plan)}\n\n`);
        if (!yes && !(await confirm(context, 'Apply this plan?'))) {
          context.stdout.write('Nothing was changed.\n');
          return Exit.ok;
        }
        // A clone that already matches its source has nothing to apply: say so and succeed. (Items blocked
        // on a model are listed in the plan above; a plan of blocked items only is still refused by apply.)
        if (planUpToDate(plan, false)) {
          context.stdout.write(
            json
              ? `${JSON.stringify({ upToDate: true, blockers: plan.blockers })}\n`
              : 'Up to date: the destination already matches; nothing was written.\n',
          );
          return Exit.ok;
        }
        const job = await core.call('clone.apply', { planId: plan.id });
        return followJob(core, job, context, json);
      },
      clientOptions,
    );
  },
};
