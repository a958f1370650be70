import { FERRY_VERSION } from '../core/version.ts';
import { Exit, UsageError, type CliContext, type ExitCode } from './command.ts';
import { commands } from './commands/index.ts';
import { exitCodeFor, describeError } from './errors.ts';

function overview(): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  const lines = commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return [
    'Usage: ferry <command> [options]',
    '',
    'Ferry administers OpenAI API resources across organizations and projects.',
    '',
    'Commands:',
    ...lines,
    '',
    "Run `ferry <command> --help` for a command's options.",
    'Exit codes: 0 done, 1 the operation failed, 2 bad input.',
    "State (settings, jobs, logs) lives in $FERRY_HOME, or the platform's app-data folder for Ferry.",
  ].join('\n');
}

/** Commands that live elsewhere now, and where: an old script or note gets the way there, not a list. */
const MOVED: Record<string, string> = {
  sandbox: "is now the sandbox package's own command: run `npx ferry-sandbox` (same options, `--help` lists them).",
};

/** Runs one `ferry` invocation and returns its exit code. The context defaults to this process's streams. */
export async function main(argv: string[], context: CliContext = processContext()): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    context.stdout.write(`${overview()}\n`);
    return name === undefined ? Exit.badInput : Exit.ok;
  }
  if (name === '--version' || name === '-v') {
    context.stdout.write(`${FERRY_VERSION}\n`);
    return Exit.ok;
  }
  const command = commands.find((candidate) => candidate.name === name);
  const moved = MOVED[name];
  if (!command && moved) {
    context.stderr.write(`ferry: "ferry ${name}" ${moved}\n`);
    return Exit.badInput;
  }
  if (!command) {
    context.stderr.write(`ferry: unknown command "${name}".\n\n${overview()}\n`);
    return Exit.badInput;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    context.stdout.write(`${command.helpFor?.(rest) ?? command.usage}\n`);
    return Exit.ok;
  }
  try {
    return await command.run(rest, context);
  } catch (error) {
    context.stderr.write(`ferry ${name}: ${describeError(error)}\n`);
    if (error instanceof UsageError) context.stderr.write(`Run \`ferry ${name} --help\` for usage.\n`);
    return exitCodeFor(error);
  }
}

function processContext(): CliContext {
  const stopped = new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, stopped };
}
