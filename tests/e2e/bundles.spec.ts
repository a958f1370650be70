import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BrowsePage } from './fixtures/browse-page.ts';
import { expect, test } from './fixtures/ferry-test.ts';

test('a folder is an org: add one, drag an assistant onto its pane, then from it into another org', async ({
  ferry,
  page,
}) => {
  const browse = new BrowsePage(page);
  await browse.startDemo();
  const folder = join(ferry.home, 'acme-backup');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Connections' }).click();
  await page.getByRole('button', { name: 'Add folder' }).first().click();
  const editor = page.getByRole('region', { name: 'New folder' });
  await editor.getByRole('textbox', { name: 'Name' }).fill('Acme backup');
  await editor.getByRole('textbox', { name: 'Folder' }).fill(folder);
  await editor.getByRole('button', { name: 'Add folder' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Folder added.' })).toBeVisible();
  await expect(page.getByText('Folder, no key')).toBeVisible();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Browse' }).click();
  await browse.show('left', 'Acme Production');
  await browse.show('right', 'Acme backup');
  await expect(browse.pane('right').getByText('Acme backup has no assistants yet.')).toBeVisible();

  // Export: onto the folder's pane.
  await browse.row('left', 'Support Triage').click();
  await browse.drag('left', 'Support Triage');
  const plan = browse.planDialog();
  await expect(plan.getByText(/From Acme Production to Acme backup/)).toBeVisible();
  await plan.getByRole('button', { name: 'Confirm' }).click();
  const exported = browse.jobs().getByRole('article').first();
  await expect(exported).toContainText('Acme Production → Acme backup');
  await expect(exported.getByText('Done', { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(browse.row('right', 'Support Triage')).toBeVisible();
  const saved = readdirSync(join(folder, 'assistants'));
  expect(saved).toHaveLength(1);
  expect(saved[0]).toMatch(/^support-triage--asst_\w+\.json$/);
  expect(JSON.parse(readFileSync(join(folder, 'assistants', saved[0]!), 'utf8'))).toMatchObject({
    name: 'Support Triage',
  });

  // Import: from the folder's pane into Staging.
  await browse.show('left', 'Acme Staging');
  await expect(browse.pane('left').getByText('Acme Staging has no assistants yet.')).toBeVisible();
  await browse.row('right', 'Support Triage').click();
  await browse.drag('right', 'Support Triage');
  await expect(plan.getByText(/From Acme backup to Acme Staging/)).toBeVisible();
  await expect(plan.getByRole('row', { name: 'Support Triage' })).toContainText('Create');
  await plan.getByRole('button', { name: 'Confirm' }).click();
  const imported = browse.jobs().getByRole('article').first();
  await expect(imported).toContainText('Acme backup → Acme Staging');
  await expect(imported.getByText('Done', { exact: true })).toBeVisible({ timeout: 30_000 });
  await browse.row('left', 'Support Triage').click();
  await expect(browse.inspector('left').getByText('Clone of')).toContainText('Support Triage');

  // Removing the folder connection forgets it and leaves the folder as it is.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Connections' }).click();
  await page.getByRole('button', { name: 'Acme backup' }).click();
  await page.getByRole('button', { name: 'Remove', exact: true }).click();
  const confirm = page.getByRole('dialog', { name: 'Remove connection “Acme backup”?' });
  await expect(confirm).toContainText('The folder and the files in it are left as they are.');
  await confirm.getByRole('button', { name: 'Remove connection' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole('button', { name: 'Acme backup' })).toHaveCount(0);
  expect(readdirSync(join(folder, 'assistants'))).toEqual(saved);
});
