import type { CliCommand } from '../command.ts';

/** Every top-level `ferry` command, in the order `ferry --help` lists them. */
export const commands: CliCommand[] = [];
