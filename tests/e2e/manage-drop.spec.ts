import type { Locator, Page } from '@playwright/test';
import { BrowsePage } from './fixtures/browse-page.ts';
import { expect, test } from './fixtures/ferry-test.ts';

/*
 * Dropping files from the desktop, as the OS hands them to the page: a drag carrying Files, then a drop.
 * (setInputFiles covers the file picker elsewhere; this is the other way in.)
 */

async function dropFiles(page: Page, target: Locator, files: { name: string; text: string }[]): Promise<void> {
  const transfer = await page.evaluateHandle((list) => {
    const data = new DataTransfer();
    for (const f of list) data.items.add(new File([f.text], f.name, { type: 'text/markdown' }));
    return data;
  }, files);
  await target.dispatchEvent('dragenter', { dataTransfer: transfer });
  await target.dispatchEvent('dragover', { dataTransfer: transfer });
  await target.dispatchEvent('drop', { dataTransfer: transfer });
}

test('files dropped on the Files tab are uploaded into the org with the purpose shown, with progress', async ({
  page,
}) => {
  const browse = new BrowsePage(page);
  await browse.startDemo();
  await browse.tab('left', 'Files').click();
  await expect(browse.pane('left').getByText('20 files', { exact: true })).toBeVisible();

  await dropFiles(page, browse.list('left'), [
    { name: 'onboarding-checklist.md', text: '# Onboarding\n- laptop\n- accounts\n' },
    { name: 'escalation-matrix.md', text: '# Escalations\nSev1: page the on-call.\n' },
  ]);
  const uploads = browse.pane('left').getByRole('region', { name: 'Uploads' });
  for (const name of ['onboarding-checklist.md', 'escalation-matrix.md']) {
    await expect(uploads.getByRole('listitem').filter({ hasText: name })).toContainText('Uploaded', {
      timeout: 15_000,
    });
    await expect(browse.row('left', name)).toContainText('assistants');
  }
  await expect(browse.pane('left').getByText('22 files', { exact: true })).toBeVisible();
});

test('files dropped on a store are uploaded and added to it, then ingested', async ({ page }) => {
  const browse = new BrowsePage(page);
  await browse.startDemo();
  await browse.tab('left', 'Vector stores').click();
  await browse.row('left', 'Engineering Handbook').click();
  const inspector = browse.inspector('left');
  await dropFiles(page, inspector.getByText('Drop files here to upload them and add them to this store, or'), [
    { name: 'pager-duty.md', text: '# Pager duty\nRotate weekly.\n' },
  ]);
  const row = inspector.getByRole('table', { name: 'Files in this store' }).getByRole('row', { name: 'pager-duty.md' });
  await expect(row).toContainText('completed', { timeout: 30_000 });
});

test('a read-only connection takes no dropped files', async ({ ferry, page }) => {
  const browse = new BrowsePage(page);
  await browse.startDemo();
  const listed = await ferry.call('connections.list', {});
  const production = listed.ok
    ? (listed.result as { id: string; name: string }[]).find((c) => c.name === 'Acme Production')
    : undefined;
  expect((await ferry.call('connections.update', { id: production!.id, patch: { readOnly: true } })).ok).toBe(true);
  await expect(browse.pane('left').getByText('Acme Production is read-only', { exact: false })).toBeVisible();
  await browse.tab('left', 'Files').click();
  await dropFiles(page, browse.list('left'), [{ name: 'sneaky.md', text: 'no' }]);
  await expect(browse.pane('left').getByRole('region', { name: 'Uploads' }).getByRole('listitem')).toHaveCount(0);
  await expect(browse.row('left', 'sneaky.md')).toHaveCount(0);
});
