import type { CliCommand, CompletionFlag, CompletionSpec } from './command.ts';

/**
 * What a command completes to. Resource commands carry their verb definitions; the older commands are
 * read from their usage text, which is what `--help` prints, so completion offers exactly what help shows.
 */
export function completionOf(command: CliCommand): CompletionSpec {
  if (command.completion) return command.completion;
  const verbs = new Map<string, Set<string>>();
  const all = new Set<string>();
  const verbLine = new RegExp(`ferry ${command.name} ([a-z][a-z|-]*)(?=\\s|$)`);
  for (const line of command.usage.split('\n')) {
    const flags = [...line.matchAll(/--([a-z][a-z-]*)/g)].map((m) => m[1]!);
    for (const flag of flags) all.add(flag);
    const verb = verbLine.exec(line);
    if (verb)
      for (const name of verb[1]!.split('|')) verbs.set(name, new Set([...(verbs.get(name) ?? []), ...flags, 'help']));
  }
  all.add('help');
  const named = (names: Iterable<string>): CompletionFlag[] => [...names].map((name) => ({ name }));
  return { verbs: [...verbs].map(([name, flags]) => ({ name, summary: '', flags: named(flags) })), flags: named(all) };
}

const words = (flags: CompletionFlag[]) => flags.map((f) => `--${f.name}`).join(' ');

/** `case "$prev" in --flag) choices="…" ;; esac` for the flags that take known values. */
function choiceCases(flags: CompletionFlag[], indent: string, assign: (values: readonly string[]) => string): string[] {
  const withChoices = flags.filter((f) => f.choices?.length);
  if (!withChoices.length) return [];
  return [
    `${indent}case "$prev" in`,
    ...withChoices.map((f) => `${indent}  --${f.name}) ${assign(f.choices!)} ;;`),
    `${indent}esac`,
  ];
}

/** A bash completion script: `source <(ferry completion bash)`, or save it under bash-completion's folder. */
export function bashScript(commands: CliCommand[]): string {
  const lines = [
    '# ferry completion for bash. Load it with: source <(ferry completion bash)',
    '_ferry_complete() {',
    '  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"',
    '  local command="${COMP_WORDS[1]}" verb="${COMP_WORDS[2]}" flags="" choices=""',
    '  if [[ $COMP_CWORD -eq 1 ]]; then',
    `    COMPREPLY=($(compgen -W "${commands.map((c) => c.name).join(' ')} --help --version" -- "$cur")); return 0`,
    '  fi',
    '  case "$command" in',
  ];
  const assign = (values: readonly string[]) => `choices="${values.join(' ')}"`;
  for (const command of commands) {
    const spec = completionOf(command);
    lines.push(`    ${command.name})`);
    if (spec.verbs.length) {
      lines.push(
        `      if [[ $COMP_CWORD -eq 2 ]]; then COMPREPLY=($(compgen -W "${spec.verbs.map((v) => v.name).join(' ')} --help" -- "$cur")); return 0; fi`,
        '      case "$verb" in',
      );
      for (const verb of spec.verbs)
        lines.push(
          `        ${verb.name})`,
          `          flags="${words(verb.flags)}"`,
          ...choiceCases(verb.flags, '          ', assign),
          '          ;;',
        );
      lines.push('      esac', '      ;;');
    } else {
      lines.push(`      flags="${words(spec.flags)}"`, ...choiceCases(spec.flags, '      ', assign), '      ;;');
    }
  }
  lines.push(
    '  esac',
    '  if [[ -n "$choices" ]]; then COMPREPLY=($(compgen -W "$choices" -- "$cur")); return 0; fi',
    '  if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W "$flags" -- "$cur")); return 0; fi',
    '  COMPREPLY=($(compgen -f -- "$cur"))',
    '}',
    'complete -o filenames -F _ferry_complete ferry',
  );
  return lines.join('\n');
}

/** zsh's _describe takes NAME:DESCRIPTION; colons and quotes inside must be escaped. */
const described = (name: string, summary: string) =>
  `'${`${name}:${summary.replace(/:/g, '\\:')}`.replace(/'/g, `'\\''`)}'`;

/** A zsh completion script: `source <(ferry completion zsh)` after compinit, or save it as _ferry on $fpath. */
export function zshScript(commands: CliCommand[]): string {
  const lines = [
    '#compdef ferry',
    '# ferry completion for zsh. Load it with: source <(ferry completion zsh)   (after compinit)',
    '_ferry() {',
    '  local command=${words[2]} verb=${words[3]} prev=${words[CURRENT-1]}',
    '  local -a flags choices listing',
    '  if (( CURRENT == 2 )); then',
    `    listing=(${commands.map((c) => described(c.name, c.summary)).join(' ')})`,
    "    _describe 'command' listing; return",
    '  fi',
    '  case $command in',
  ];
  const assign = (values: readonly string[]) => `choices=(${values.join(' ')})`;
  for (const command of commands) {
    const spec = completionOf(command);
    lines.push(`    ${command.name})`);
    if (spec.verbs.length) {
      lines.push(
        `      if (( CURRENT == 3 )); then listing=(${spec.verbs.map((v) => described(v.name, v.summary)).join(' ')}); _describe 'verb' listing; return; fi`,
        '      case $verb in',
      );
      for (const verb of spec.verbs)
        lines.push(
          `        ${verb.name})`,
          `          flags=(${words(verb.flags)})`,
          ...choiceCases(verb.flags, '          ', assign),
          '          ;;',
        );
      lines.push('      esac', '      ;;');
    } else {
      lines.push(`      flags=(${words(spec.flags)})`, ...choiceCases(spec.flags, '      ', assign), '      ;;');
    }
  }
  lines.push(
    '  esac',
    '  if (( ${#choices} )); then compadd -a choices; return; fi',
    '  if [[ $PREFIX == -* ]]; then compadd -a flags; return; fi',
    '  _files',
    '}',
    'compdef _ferry ferry',
  );
  return lines.join('\n');
}
