/**
 * A clone run in a worker thread, so a test can stop it dead (Worker.terminate: no finally block, no
 * flush, no last journal record), as kill -9 stops a process, at a fraction of a process's start-up cost.
 * The worker loads the core first and waits for its job, so the next one can warm up while a run goes on.
 */
import { parentPort } from 'node:worker_threads';
import { createCore } from '../../electron/core/core.ts';

parentPort!.once('message', async ({ home, request }: { home: string; request: Record<string, unknown> }) => {
  const core = await createCore({ stateDir: home, shell: 'cli', keychain: null, logger: { log() {} } });
  const plan = await core.call('clone.plan', request as never);
  const job = await core.call('clone.apply', { planId: plan.id });
  await core.jobs.wait(job.id);
  await core.dispose();
  process.exit(0);
});
