import { BrowsePage } from './fixtures/browse-page.ts';
import { ConnectionsPage } from './fixtures/connections-page.ts';
import { dragOver, outsideClient } from './fixtures/outside-client.ts';
import { fakeApiKey } from './fixtures/secrets.ts';
import { expect, test } from './fixtures/ferry-test.ts';

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 1600, height: 1000 },
]) {
  test.describe(`at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });

    test('a destination that cannot take what is dragged says why while dragging, and refuses the drop', async ({
      page,
    }) => {
      const browse = new BrowsePage(page);
      await browse.startDemo();
      // Agents need a server that serves them: Acme Production serves assistants only.
      await browse.show('left', 'Legacy Cloud', 'Agents');
      await browse.show('right', 'Acme Production');
      await dragOver(browse, 'left', 'Hub Setup Guide');
      const hint = browse.pane('right').getByRole('status', { name: 'Drop target' });
      await expect(hint).toHaveText(
        'Acme Production does not serve agents: only assistants and vector stores can go there.',
      );
      await page.mouse.up();
      await expect(browse.planDialog()).toHaveCount(0);
      await expect(hint).toHaveCount(0);

      // Vector stores can go there: the zone says so.
      await browse.show('left', 'Legacy Cloud', 'Vector stores');
      await dragOver(browse, 'left', 'Legacy Support Archive');
      await expect(hint).toHaveText('Drop to plan a clone into Acme Production');
      await page.mouse.up();
      await expect(browse.planDialog()).toBeVisible();
    });

    test('an assistant created behind Ferry’s back appears after Refresh, after Ctrl+R and after the window regains focus', async ({
      ferry,
      page,
    }) => {
      const browse = new BrowsePage(page);
      await browse.startDemo();
      await browse.show('right', 'Acme Staging');
      const right = browse.pane('right');
      await expect(right.getByText('Acme Staging has no assistants yet.')).toBeVisible();
      await expect(right.getByRole('status', { name: 'List freshness' })).toHaveText(/^Updated (just now|\d+ s ago)$/);
      const client = await outsideClient(ferry, 'Acme Staging');

      await client.beta.assistants.create({ model: 'gpt-4o', name: 'Made Elsewhere' });
      await right.getByRole('button', { name: 'Refresh' }).click();
      await expect(browse.row('right', 'Made Elsewhere')).toBeVisible();

      await client.beta.assistants.create({ model: 'gpt-4o', name: 'Made By Keyboard' });
      await browse.list('right').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('ControlOrMeta+r');
      await expect(browse.row('right', 'Made By Keyboard')).toBeVisible();
      await expect(page.getByRole('heading', { level: 1, name: 'Browse' })).toBeAttached();

      await client.beta.assistants.create({ model: 'gpt-4o', name: 'Made While Away' });
      await page.evaluate(() => window.dispatchEvent(new Event('focus')));
      await expect(browse.row('right', 'Made While Away')).toBeVisible();
      // The panes kept their places: a reload would have reset them.
      await expect(right.getByRole('combobox', { name: 'Connection' })).toHaveValue(/.+/);
      await expect(right.getByRole('combobox', { name: 'Connection' }).locator('option:checked')).toHaveText(
        'Acme Staging',
      );
    });
  });
}

test('a connection is tested when saved: saved anyway, the result shown, a health dot in the list', async ({
  page,
}) => {
  const screen = new ConnectionsPage(page);
  await screen.add({ name: 'Closed port', key: fakeApiKey(), baseUrl: 'http://127.0.0.1:9/v1' });
  const row = screen.row('Closed port');
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('img', { name: 'Health: Unreachable' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Unreachable' })).toContainText(
    'Could not reach http://127.0.0.1:9/v1',
  );
});
