import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { BrowsePage } from './fixtures/browse-page.ts';
import { expect, test } from './fixtures/ferry-test.ts';
import { readTree } from './fixtures/secrets.ts';

const SANDBOX_BIN = fileURLToPath(new URL('../../sandbox/bin/ferry-sandbox.mjs', import.meta.url));

interface SandboxLine {
  url: string;
  organizations: { name: string; adminKey: string; projects: { id: string; name: string }[] }[];
}

/** The sandbox in a process of its own, as an admin would run it, read from its --json line. */
async function startSandboxProcess(): Promise<{ info: SandboxLine; child: ChildProcess }> {
  const child = spawn(process.execPath, [SANDBOX_BIN, '--json', '--ingestion-ms', '20'], { stdio: 'pipe' });
  const lines = createInterface({ input: child.stdout! });
  const line = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`ferry-sandbox exited with ${code}`)));
  });
  return { info: JSON.parse(line) as SandboxLine, child };
}

test('an organization added by point and click opens two projects, clones between them and removes one with its service account; no key reaches the page', async ({
  ferry,
  page,
}) => {
  const { info, child } = await startSandboxProcess();
  try {
    const acme = info.organizations.find((o) => o.name === 'Acme')!;
    const serviceAccounts = async (projectId: string) => {
      const response = await fetch(`${info.url}/organization/projects/${projectId}/service_accounts`, {
        headers: { authorization: `Bearer ${acme.adminKey}` },
      });
      return ((await response.json()) as { data: { id: string; name: string }[] }).data;
    };

    await page.getByRole('button', { name: 'Add organization' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Acme');
    await page.getByLabel('Base URL', { exact: true }).fill(info.url);
    await page.getByLabel('Admin key', { exact: true }).fill(acme.adminKey);
    await page.getByRole('button', { name: 'Add organization' }).last().click();

    const org = page.getByRole('region', { name: 'Acme' });
    await expect(org.getByRole('status')).toHaveText('acme · 3 projects');
    const projects = org.getByRole('list', { name: 'Projects of Acme' });
    await expect(projects.getByRole('listitem')).toHaveCount(3);

    // The first open explains what it does, once.
    await projects.getByRole('button', { name: 'Open project Acme Production' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('creates a service account');
    await dialog.getByRole('button', { name: 'Open project' }).click();
    await expect(projects.getByRole('listitem', { name: 'Acme Production' })).toContainText('sk-…');
    await projects.getByRole('button', { name: 'Open project Acme Staging' }).click();
    await expect(dialog).not.toContainText('creates a service account');
    await dialog.getByRole('button', { name: 'Open project' }).click();
    await expect(projects.getByRole('listitem', { name: 'Acme Staging' })).toContainText('sk-…');
    expect(await serviceAccounts(acme.projects[0]!.id)).toHaveLength(1);
    expect(await serviceAccounts(acme.projects[1]!.id)).toHaveLength(1);

    // The inventory counts what each opened project holds, before any drag.
    await org.getByRole('button', { name: 'Show inventory' }).click();
    const inventory = org.getByRole('table', { name: 'Inventory of Acme' });
    await expect(inventory.getByRole('row', { name: 'Acme / Acme Staging' }).getByRole('cell')).toHaveText([
      '0',
      'not served',
      '0',
      '0',
      '0 B',
    ]);
    await expect(inventory.getByRole('row', { name: 'Acme / Acme Production' }).getByRole('cell').first()).toHaveText(
      /^[1-9]\d*$/,
    );

    // The pane picker groups the opened projects under the organization.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Browse' }).click();
    const picker = page.getByRole('region', { name: 'Left pane' }).getByLabel('Connection');
    await expect(picker.locator('optgroup[label="Acme"] option')).toHaveText([
      'Acme Production',
      'Acme Staging',
      'Legacy Cloud (open…)',
    ]);

    // A clone between the two opened projects, by drag and drop.
    const browse = new BrowsePage(page);
    await browse.show('left', 'Acme Production');
    await browse.show('right', 'Acme Staging');
    await browse.row('left', 'Support Triage').click();
    await browse.drag('left', 'Support Triage');
    const plan = browse.planDialog();
    await expect(plan.getByText(/From Acme \/ Acme Production to Acme \/ Acme Staging/)).toBeVisible();
    await plan.getByRole('button', { name: 'Confirm' }).click();
    const job = browse.jobs().getByRole('article').first();
    await expect(job.getByText('Done', { exact: true })).toBeVisible({ timeout: 30_000 });
    await expect(browse.row('right', 'Support Triage')).toBeVisible();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Connections' }).click();

    // Remove one project connection with its service account.
    await projects.getByRole('button', { name: 'Acme Staging', exact: true }).click();
    await page.getByRole('button', { name: 'Remove', exact: true }).click();
    const removal = page.getByRole('dialog');
    await expect(removal.getByRole('checkbox', { name: /Also delete its service account/ })).toBeChecked();
    await removal.getByRole('button', { name: 'Remove connection' }).click();
    await expect(projects.getByRole('button', { name: 'Open project Acme Staging' })).toBeVisible();
    expect(await serviceAccounts(acme.projects[1]!.id)).toEqual([]);
    expect(await serviceAccounts(acme.projects[0]!.id)).toHaveLength(1);

    // A service account deleted in the dashboard shows on test, and is replaced by a click.
    const [account] = await serviceAccounts(acme.projects[0]!.id);
    await fetch(`${info.url}/organization/projects/${acme.projects[0]!.id}/service_accounts/${account!.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${acme.adminKey}` },
    });
    await projects.getByRole('button', { name: 'Acme Production', exact: true }).click();
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'was rejected' })).toBeVisible();
    await page.getByRole('button', { name: 'Replace its service account' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
    expect(await serviceAccounts(acme.projects[0]!.id)).toHaveLength(1);

    // No key crossed the bridge: not the admin key, not a service account's.
    const bodies = (await ferry.bridgeResponses()).map((r) => r.body).join('\n');
    expect(bodies, 'the recorder saw the organization answers').toContain(acme.projects[0]!.id);
    expect(bodies).not.toContain(acme.adminKey);
    expect(bodies).not.toContain('sk-sandbox-svcacct-');
    const disk = (await readTree(ferry.home)).map((f) => f.content.toString('utf8')).join('\n');
    expect(disk).not.toContain(acme.adminKey);
    expect(disk).not.toContain('sk-sandbox-svcacct-');
  } finally {
    child.kill('SIGTERM');
  }
});
