import type { CliCommand } from '../command.ts';
import { cloneCommand, planCommand } from './clone.ts';
import { connectionsCommand } from './connections.ts';
import { cleanupCommand, jobsCommand, resumeCommand, verifyCommand } from './jobs.ts';
import { lsCommand } from './ls.ts';
import { sandboxCommand } from './sandbox.ts';
import { webCommand } from './web.ts';

/** Every top-level `ferry` command, in the order `ferry --help` lists them. */
export const commands: CliCommand[] = [
  connectionsCommand,
  lsCommand,
  planCommand,
  cloneCommand,
  jobsCommand,
  resumeCommand,
  verifyCommand,
  cleanupCommand,
  webCommand,
  sandboxCommand,
];
