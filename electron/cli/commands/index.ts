import type { CliCommand } from '../command.ts';
import { assistantsCommand } from './assistants.ts';
import { exportCommand, importCommand } from './bundles.ts';
import { cloneCommand, planCommand } from './clone.ts';
import { completionCommandFor } from './completion.ts';
import { connectionsCommand } from './connections.ts';
import { filesCommand } from './files.ts';
import { cleanupCommand, jobsCommand, resumeCommand, verifyCommand } from './jobs.ts';
import { lsCommand } from './ls.ts';
import { projectsCommand } from './projects.ts';
import { vectorStoresCommand } from './vector-stores.ts';
import { webCommand } from './web.ts';

/** Every top-level `ferry` command, in the order `ferry --help` lists them. */
export const commands: CliCommand[] = [
  connectionsCommand,
  projectsCommand,
  lsCommand,
  assistantsCommand,
  vectorStoresCommand,
  filesCommand,
  planCommand,
  cloneCommand,
  exportCommand,
  importCommand,
  jobsCommand,
  resumeCommand,
  verifyCommand,
  cleanupCommand,
  webCommand,
  completionCommandFor(() => commands),
];
