import { Exit, UsageError, type CliCommand } from '../command.ts';
import { bashScript, zshScript } from '../completion-scripts.ts';

/**
 * `ferry completion bash|zsh`: the script is generated from the command definitions on every call, so a
 * new verb or flag completes without a hand-kept list. The list is handed in (index.ts lists this command
 * too), read only when the command runs, which keeps the two modules out of an import cycle.
 */
export const completionCommandFor = (commands: () => CliCommand[]): CliCommand => ({
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
    context.stdout.write(`${shell === 'bash' ? bashScript(commands()) : zshScript(commands())}\n`);
    return Exit.ok;
  },
});
