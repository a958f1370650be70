import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandboxWorld, type SandboxWorld } from '../../support/sandbox-core.ts';
import { changedPaths, cleanScratch, cloneAll, PROD, scratchDir, tree } from './bundle-support.ts';

const worlds: SandboxWorld[] = [];
afterEach(async () => {
  await Promise.all(worlds.splice(0).map((w) => w.stop()));
  cleanScratch();
});

describe('one folder, one writer', () => {
  it('a saved folder and folder:/path to it are one destination: the second export waits for the first', async () => {
    // The CLI's core, the shell that may name an unsaved folder.
    const w = await startSandboxWorld({ seed: 'demo', core: { shell: 'cli' } });
    worlds.push(w);
    const dir = scratchDir();
    await w.core.call('connections.addFolder', { name: 'Acme backup', folder: dir });
    // The same folder by another spelling: through a symlink, and with a `..` in it.
    const link = join(scratchDir('ferry-bundle-link-'), 'backup');
    symlinkSync(dir, link);
    const viaPath = `folder:${join(link, '..', 'backup')}`;

    const planSaved = await w.core.call('clone.plan', { from: PROD, to: 'Acme backup', all: true });
    const planPath = await w.core.call('clone.plan', { from: PROD, to: viaPath, all: true });
    const [first, second] = await Promise.all([
      w.core.call('clone.apply', { planId: planSaved.id }),
      w.core.call('clone.apply', { planId: planPath.id }),
    ]);
    expect(first.state).toBe('running');
    expect(second.state).toBe('queued');
    expect(second.detail).toBe(`Waiting for job ${first.id}, which is writing to Acme backup`);
    const [a, b] = await Promise.all([w.core.jobs.wait(first.id), w.core.jobs.wait(second.id)]);
    expect([a.state, b.state]).toEqual(['done', 'done']);
    expect(a.verify?.clean).toBe(true);
    expect(b.verify?.clean).toBe(true);

    // The bundle is what one uninterrupted export writes.
    const alone = scratchDir();
    await w.core.call('connections.addFolder', { name: 'Alone', folder: alone });
    expect((await cloneAll(w, PROD, 'Alone')).job.state).toBe('done');
    expect(changedPaths(tree(dir), tree(alone))).toEqual(['ferry-bundle.json']);
  });
});
