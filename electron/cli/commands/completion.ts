import { Exit, UsageError, type CliCommand } from '../command.ts';
import { bashScript, zshScript } from '../completion-scripts.ts';
import { commands } from './index.ts';

/**
 * `ferry completion bash|zsh`: the script is generated from the command definitions on every call (read
 * at run time: index.ts lists this command too), so a new verb or flag completes without a hand-kept list.
 */
export const completionCommand: CliCommand = {
  name: 'completion',
  summary: 'Print a shell completion script (bash or zsh)',
  usage: [
    'Usage: ferry completion bash|zsh',
    '',
    "Prints a script that completes ferry's commands, verbs and flags (and the values some flags take).",
    '  bash:  source <(ferry completion bash)        (or save it in ~/.local/share/bash-completion/completions/ferry)',
    '  zsh:   source <(ferry completion zsh)         (after compinit; or save it as _ferry in a folder on $fpath)',
  ].join('\n'),
  async run(args, context) {
    const [shell, ...extra] = args;
    if (extra.length || (shell !== 'bash' && shell !== 'zsh'))
      throw new UsageError(`say which shell: bash or zsh${shell ? ` (got "${[shell, ...extra].join(' ')}")` : ''}.`);
    context.stdout.write(`${shell === 'bash' ? bashScript(commands) : zshScript(commands)}\n`);
    return Exit.ok;
  },
};
