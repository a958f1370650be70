import type { CliCommand } from '../command.ts';
import { connectionsCommand } from './connections.ts';
import { sandboxCommand } from './sandbox.ts';
import { webCommand } from './web.ts';

/** Every top-level `ferry` command, in the order `ferry --help` lists them. */
export const commands: CliCommand[] = [connectionsCommand, webCommand, sandboxCommand];
