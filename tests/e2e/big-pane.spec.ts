import { BrowsePage } from './fixtures/browse-page.ts';
import { addBulkAssistants } from './fixtures/bulk-assistants.ts';
import { expect, test } from './fixtures/ferry-test.ts';

/**
 * A big org's pane shows its first page of assistants while the rest are still on their way, says so
 * beside the count (a search's count too), and shows the whole list (and only then the plain count) once
 * the last page is in.
 * Later pages are held at the page's own HTTP boundary, so "before the rest" is a fact, not a race.
 */
test('a pane shows the first page of assistants at once, says more are coming, then shows them all', async ({
  page,
  ferry,
}) => {
  const browse = new BrowsePage(page);
  await browse.startDemo();
  const ADDED = 230;
  const total = await addBulkAssistants(ferry, 'Acme Staging', ADDED);

  // Every page after the first waits until the test lets it go.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/call/assistants.page', async (route) => {
    const after = (route.request().postDataJSON() as { after?: string }).after;
    if (after) await held;
    await route.continue();
  });

  // A new window reads the org afresh (this one read Staging before the assistants were added).
  await page.reload();
  await browse.show('right', 'Acme Staging');
  const count = browse.pane('right').locator('.pane__count');
  await expect(count).toHaveText('100 assistants so far, reading more…');
  await expect(browse.list('right').getByRole('option').first()).toBeVisible();
  await expect(browse.list('right').getByRole('option').first()).toHaveAttribute('aria-setsize', '100');
  // The freshness line does not call a first read still arriving a refresh.
  await expect(browse.pane('right').getByRole('button', { name: 'Refresh' })).toBeEnabled();
  // A search over the first page says what it searched: the rows read so far.
  const search = browse.pane('right').getByRole('searchbox', { name: 'Search assistants' });
  await search.fill('Bulk');
  await expect(count).toHaveText(/^\d+ of 100 assistants so far, reading more…$/);

  release();
  // The same search follows the rows as they arrive, and says so once the last page is in.
  await expect(count).toHaveText(`${ADDED} of ${total} assistants`);
  await search.fill('');
  await expect(count).toHaveText(`${total} assistants`);
  await expect(browse.list('right').getByRole('option').first()).toHaveAttribute('aria-setsize', String(total));
  // Searching reaches the last page's rows.
  await search.fill('Bulk 229');
  await expect(browse.list('right').getByRole('option')).toHaveCount(1);
  await expect(browse.list('right')).not.toHaveAttribute('aria-busy');
});
