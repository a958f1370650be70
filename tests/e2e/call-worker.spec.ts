import type { Page } from '@playwright/test';
import { BrowsePage } from './fixtures/browse-page.ts';
import { expect, test } from './fixtures/ferry-test.ts';
import { outsideClient } from './fixtures/outside-client.ts';

/** The page's own /api/call requests so far (its resource timeline; a worker's requests are in the worker's). */
const callsFromPage = (page: Page) =>
  page.evaluate(
    () => performance.getEntriesByType('resource').filter((entry) => entry.name.includes('/api/call/')).length,
  );

test('browser mode reads and checks its answers in a worker: lists arrive, refusals read as the page words them', async ({
  ferry,
  page,
  context,
}) => {
  const browse = new BrowsePage(page);
  await browse.startDemo();
  await browse.show('right', 'Acme Staging');
  const right = browse.pane('right');
  await expect(right.getByText('Acme Staging has no assistants yet.')).toBeVisible();
  await expect
    .poll(() => page.workers().map((worker) => worker.url()))
    .toContainEqual(expect.stringContaining('call-worker'));

  // A list read again after the worker is up comes through it: the new row shows, the page made no call itself.
  const client = await outsideClient(ferry, 'Acme Staging');
  await client.beta.assistants.create({ model: 'gpt-4o', name: 'Read In The Worker' });
  const before = await callsFromPage(page);
  await right.getByRole('button', { name: 'Refresh' }).click();
  await expect(browse.row('right', 'Read In The Worker')).toBeVisible();
  expect(await callsFromPage(page)).toBe(before);

  // A refusal crosses from the worker as the error it is: without the session cookie the pane says why.
  await context.clearCookies();
  await right.getByRole('button', { name: 'Refresh' }).click();
  await expect(right.getByText(/This browser tab is not signed in to Ferry\./)).toBeVisible();
});
