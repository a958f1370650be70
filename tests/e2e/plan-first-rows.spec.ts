import { BrowsePage } from './fixtures/browse-page.ts';
import { addBulkAssistants } from './fixtures/bulk-assistants.ts';
import { expect, test } from './fixtures/ferry-test.ts';

/**
 * A plan of an org's size draws the first 200 rows of a table and says how many there are: thousands of
 * rows cost seconds to draw, and again to take down on Confirm, just as the job begins.
 */
test('a big plan shows the first 200 rows of a table, says of how many, and shows them all when asked', async ({
  page,
  ferry,
}) => {
  const browse = new BrowsePage(page);
  await browse.startDemo();
  const total = await addBulkAssistants(ferry, 'Acme Staging', 210);
  // A new window reads the org afresh (this one read Staging before the assistants were added).
  await page.reload();
  await browse.show('left', 'Acme Staging');
  await browse.show('right', 'Acme Production');
  await expect(browse.pane('left').locator('.pane__count')).toHaveText(`${total} assistants`);
  await browse.list('left').focus();
  await page.keyboard.press('ControlOrMeta+a');
  await browse.pane('left').getByRole('button', { name: 'Clone to other pane' }).click();
  const plan = browse.planDialog();
  const rows = plan.getByRole('table', { name: 'Assistants' }).getByRole('row');
  await expect(plan.getByText(`Showing the first 200 of ${total} assistants.`)).toBeVisible();
  await expect(rows).toHaveCount(200 + 1);
  await expect(plan.getByRole('row', { name: 'Bulk 199' })).toBeVisible();
  await expect(plan.getByRole('row', { name: 'Bulk 200' })).toHaveCount(0);

  await plan.getByRole('button', { name: `Show all ${total}` }).click();
  await expect(rows).toHaveCount(total + 1);
  await expect(plan.getByRole('row', { name: 'Bulk 209' })).toBeVisible();
  await expect(plan.getByText(/Showing the first/)).toHaveCount(0);
});
