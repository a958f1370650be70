import { readFile } from 'node:fs/promises';
import { BrowsePage } from './fixtures/browse-page.ts';
import { expect, test } from './fixtures/ferry-test.ts';

/**
 * The job card says what is true now: the latest verify with its time and every difference, what Clean up
 * did, nothing to open once a clone is deleted, and cancelled work counted apart. At both window sizes.
 */
for (const viewport of [
  { width: 1280, height: 800 },
  { width: 1600, height: 1000 },
]) {
  test.describe(`at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });

    test('verify, then Clean up (listing what it deletes), then verify again shows every difference; the report saves', async ({
      page,
    }) => {
      const browse = new BrowsePage(page);
      await browse.startDemo();
      await browse.show('right', 'Acme Staging');
      await browse.drag('left', 'Support Triage');
      await browse.planDialog().getByRole('button', { name: 'Confirm' }).click();

      const job = browse.jobs().getByRole('article').first();
      await expect(job.getByText('Done', { exact: true })).toBeVisible({ timeout: 30_000 });
      await expect(job.getByRole('status', { name: 'Latest verify' })).toContainText(
        /^Verified at .+: \d+ objects match their sources\./,
      );

      const cleanupButton = job.getByRole('button', { name: 'Clean up' });
      await cleanupButton.click();
      const confirm = page.getByRole('dialog', { name: /^Clean up/ });
      const listed = confirm.getByRole('list', { name: 'Will be deleted' });
      await expect(listed.getByRole('listitem').filter({ hasText: 'Assistant Support Triage' })).toHaveCount(1);
      await expect(listed.getByRole('listitem').filter({ hasText: 'Vector store Support Knowledge Base' })).toHaveCount(
        1,
      );
      const toDelete = await listed.getByRole('listitem').count();
      await confirm.getByRole('button', { name: 'Delete what it created' }).click();
      await expect(confirm).toBeHidden();

      await expect(job.getByRole('status', { name: 'Clean up result' })).toHaveText(`Cleaned up: ${toDelete} deleted.`);
      await expect(job.getByRole('status', { name: 'Latest verify' })).toHaveText('Not verified since Clean up.');
      // Nothing is left to delete: the button says so and does nothing; nothing deleted can be opened.
      await expect(job.getByRole('button', { name: 'Cleaned up' })).toBeDisabled();
      await expect(job.getByRole('button', { name: /^Open / })).toHaveCount(0);
      // The items open while the job runs and stay as they were left.
      if (!(await job.getByRole('table', { name: /^Items of/ }).isVisible())) await job.getByText(/^Items \(/).click();
      await expect(job.getByRole('row', { name: 'Support Triage' })).toContainText('deleted by Clean up');
      await expect(browse.list('right').getByRole('option', { name: 'Support Triage', exact: true })).toHaveCount(0);

      await job.getByRole('button', { name: 'Verify' }).click();
      await expect(job.getByRole('status', { name: 'Latest verify' })).toContainText(
        /^Verify at .+ found \d+ differences in \d+ objects\./,
      );
      const diffs = job.getByRole('table', { name: /^Differences found by verify/ });
      const triage = diffs.getByRole('row', { name: 'Support Triage: exists' });
      await expect(triage.getByRole('cell')).toHaveText(['exists', 'true', 'false']);
      await expect(diffs.getByRole('row', { name: 'Support Knowledge Base: exists' })).toHaveCount(1);

      // The report, as JSON (what `ferry jobs JOB --json` gives) and as a summary to read.
      const [json] = await Promise.all([
        page.waitForEvent('download'),
        job.getByRole('button', { name: 'Save report' }).click(),
      ]);
      expect(json.suggestedFilename()).toMatch(/^job-.+\.json$/);
      const report = JSON.parse(await readFile((await json.path())!, 'utf8')) as {
        state: string;
        verify: { clean: boolean };
        cleanup: { deleted: unknown[] };
      };
      expect(report.state).toBe('done');
      expect(report.verify.clean).toBe(false);
      expect(report.cleanup.deleted).toHaveLength(toDelete);
      const [text] = await Promise.all([
        page.waitForEvent('download'),
        job.getByRole('button', { name: 'Save summary' }).click(),
      ]);
      const summary = await readFile((await text.path())!, 'utf8');
      expect(summary).toContain(`Cleaned up: ${toDelete} deleted.`);
      expect(summary).toContain('Support Triage: exists: source true, clone false');
    });

    test('a cancelled job counts its cancelled items apart and its bar stops short of 100%', async ({ page }) => {
      const browse = new BrowsePage(page);
      await browse.startDemo();
      await browse.show('right', 'Acme Staging');
      await browse.show('left', 'Legacy Cloud', 'Vector stores');
      await browse.drag('left', 'Legacy Support Archive');
      await browse.planDialog().getByRole('button', { name: 'Confirm' }).click();
      const job = browse.jobs().getByRole('article').first();
      await job.getByRole('button', { name: 'Cancel job' }).click();
      await expect(job.getByText('Cancelled', { exact: true })).toBeVisible({ timeout: 30_000 });
      await expect(job.getByRole('note', { name: 'Counts' })).toContainText(/ · \d+ cancelled/);
      await expect(job.getByRole('note', { name: 'Counts' })).not.toContainText('skipped');
      const value = Number(await job.getByRole('progressbar').getAttribute('value'));
      expect(value).toBeLessThan(100);
      await expect(job.locator('.job__percent')).toHaveText(`${value}%`);
    });
  });
}
