import { BrowsePage } from './fixtures/browse-page.ts';
import { expect, test } from './fixtures/ferry-test.ts';

/**
 * A job card draws what Clean up would delete only in its open dialog. Drawn always (the closed dialog is
 * still in the DOM), a running clone of thousands of items redrew that list on each of its events: at 16×
 * the page was busy for seconds at a time, with the jobs panel open.
 */
test('the list of what Clean up deletes exists only while its dialog is open', async ({ page }) => {
  const browse = new BrowsePage(page);
  await browse.startDemo();
  await browse.show('right', 'Acme Staging');
  await browse.drag('left', 'Support Triage');
  await browse.planDialog().getByRole('button', { name: 'Confirm' }).click();

  const job = browse.jobs().getByRole('article').first();
  await expect(job.getByText('Done', { exact: true })).toBeVisible({ timeout: 30_000 });
  // Not merely hidden: not drawn at all, so the card's events never touch it.
  const listed = job.locator('[aria-label="Will be deleted"]');
  await expect(listed).toHaveCount(0);

  await job.getByRole('button', { name: 'Clean up' }).click();
  const confirm = page.getByRole('dialog', { name: /^Clean up/ });
  await expect(confirm.getByRole('list', { name: 'Will be deleted' }).getByRole('listitem')).not.toHaveCount(0);
  await expect(confirm.getByRole('listitem').filter({ hasText: 'Assistant Support Triage' })).toHaveCount(1);
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  await expect(listed).toHaveCount(0);
  // Cancelling deleted nothing: Clean up is still offered.
  await expect(job.getByRole('button', { name: 'Clean up' })).toBeEnabled();
});
