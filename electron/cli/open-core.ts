import type { ClientOptions } from '../core/connections/client-factory.ts';
import { createCore, type ShellCore } from '../core/core.ts';
import { resolveStateDir } from '../core/settings/state-dir.ts';
import { startDemoServer } from '../demo-server.ts';
import { startDemoServerWithControl } from './demo-control.ts';
import type { CliContext } from './command.ts';

/**
 * The CLI runs the same core as the app, over the same state folder, in this process. Long-running
 * commands (web) watch settings so changes made elsewhere show up; one-shot commands do not, so they exit.
 */
export function openCore(
  context: CliContext,
  options: { shell?: 'cli' | 'web'; watchSettings?: boolean; clientOptions?: ClientOptions } = {},
): Promise<ShellCore> {
  return createCore({
    stateDir: resolveStateDir(context.env),
    shell: options.shell ?? 'cli',
    watchSettings: options.watchSettings ?? false,
    env: context.env,
    // Browser mode offers the demo organizations; one-shot commands never start them.
    ...(options.shell === 'web'
      ? { demoServer: context.env['FERRY_DEMO_CONTROL'] === '1' ? startDemoServerWithControl : startDemoServer }
      : {}),
    ...(options.clientOptions ? { clientOptions: options.clientOptions } : {}),
  });
}

/** Opens the core for the length of `body`, then releases it (file watchers, handles). */
export async function withCore<T>(
  context: CliContext,
  body: (core: ShellCore) => Promise<T>,
  clientOptions?: ClientOptions,
): Promise<T> {
  const core = await openCore(context, clientOptions ? { clientOptions } : {});
  try {
    return await body(core);
  } finally {
    await core.dispose();
  }
}
