import { BrowsePage } from './fixtures/browse-page.ts';
import { expect, test } from './fixtures/ferry-test.ts';

/** Plans say what a clone would really do: "Up to date" when the destination already matches, notes for what is left out. */
for (const viewport of [
  { width: 1280, height: 800 },
  { width: 1600, height: 1000 },
]) {
  test.describe(`at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });

    test('re-dragging an unchanged clone says "Up to date", shows no Update and no byte source, and Confirm reads "Nothing to do"', async ({
      page,
    }) => {
      const browse = new BrowsePage(page);
      await browse.startDemo();
      await browse.show('right', 'Acme Staging');
      await browse.drag('left', 'Support Triage');
      await browse.planDialog().getByRole('button', { name: 'Confirm' }).click();
      const job = browse.jobs().getByRole('article').first();
      await expect(job.getByText('Done', { exact: true })).toBeVisible({ timeout: 30_000 });

      const invoker = browse.pane('left').getByRole('button', { name: 'Clone to other pane' });
      await browse.row('left', 'Support Triage').click();
      await invoker.click();
      const plan = browse.planDialog();
      await expect(plan.getByRole('status', { name: 'Plan outcome' })).toHaveText(
        'Up to date: Acme Staging already holds this clone, and it matches its source. Nothing will be written.',
      );
      const triage = plan.getByRole('row', { name: 'Support Triage' });
      await expect(triage).toContainText('Up to date');
      await expect(triage).not.toContainText('Update');
      await expect(plan.getByRole('row', { name: 'Support Knowledge Base' })).toContainText('Reuse');
      const catalog = plan.getByRole('row', { name: 'product-catalog.json' });
      await expect(catalog).toContainText('Already in Acme Staging: nothing to upload');
      await expect(plan).not.toContainText('No source for its bytes');
      await expect(plan).not.toContainText('Reconstructed from parsed text');
      await expect(plan.getByRole('button', { name: 'Nothing to do' })).toBeDisabled();
      await expect(plan.getByRole('button', { name: 'Confirm' })).toHaveCount(0);
      await page.keyboard.press('Escape');
      await expect(plan).toBeHidden();
      // Focus goes back to what opened the plan.
      await expect(invoker).toBeFocused();
    });

    test('an assistant whose code-interpreter files have no bytes says on its row what will be left out; no CLI words on screen', async ({
      page,
    }) => {
      const browse = new BrowsePage(page);
      await browse.startDemo();
      await browse.show('right', 'Acme Staging');
      await browse.drag('left', 'Data Analyst');
      const plan = browse.planDialog();
      const row = plan.getByRole('row', { name: 'Data Analyst' });
      await expect(row).toContainText('Create');
      const leftOut = row.getByRole('list', { name: 'Left out' }).getByRole('listitem');
      await expect(leftOut.first()).toContainText(/^Code-interpreter file ".+" will be left out: /);
      await expect(plan).not.toContainText('--');
    });
  });
}
