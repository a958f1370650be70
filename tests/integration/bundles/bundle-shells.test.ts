import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandboxWorld, type SandboxWorld } from '../../support/sandbox-core.ts';
import { cleanScratch, PROD, scratchDir } from './bundle-support.ts';

let world: SandboxWorld | undefined;
afterEach(async () => {
  await world?.stop();
  world = undefined;
  cleanScratch();
});

describe('which shell may name a folder', () => {
  it('only the CLI names an unsaved folder as folder:/path; a page cannot', async () => {
    const dir = join(scratchDir(), 'unsaved');
    for (const shell of ['web', 'electron'] as const) {
      world = await startSandboxWorld({ seed: 'demo', core: { shell } });
      await expect(world.core.call('clone.plan', { from: PROD, to: `folder:${dir}`, all: true })).rejects.toMatchObject(
        { code: 'bad_input', message: expect.stringMatching(/No connection is named "folder:/) },
      );
      await world.stop();
      world = undefined;
    }
    world = await startSandboxWorld({ seed: 'demo', core: { shell: 'cli' } });
    const plan = await world.core.call('clone.plan', { from: PROD, to: `folder:${dir}`, all: true });
    expect(plan.destination.name).toBe(dir);
    expect(existsSync(dir)).toBe(false);
  });

  it('the desktop window adds a folder only from the OS dialog, never from a path the page sends', async () => {
    world = await startSandboxWorld({ seed: 'demo', core: { shell: 'electron' } });
    const dir = scratchDir();
    await expect(world.core.call('connections.addFolder', { name: 'Backup', folder: dir })).rejects.toMatchObject({
      code: 'bad_input',
      field: 'folder',
    });
    const grant = await world.core.desktop.grantFolder(dir);
    if (!grant.ok) throw new Error(grant.error.message);
    const added = await world.core.call('connections.addFolder', {
      name: 'Backup',
      folderGrantId: grant.result.grantId,
    });
    expect(added).toMatchObject({ name: 'Backup', folder: dir, keySource: 'none', fingerprint: null });
    const plan = await world.core.call('clone.plan', { from: PROD, to: 'Backup', all: true });
    expect(plan.destination.name).toBe('Backup');
    expect(plan.totals.assistants.blocked).toBe(0);
  });
});
