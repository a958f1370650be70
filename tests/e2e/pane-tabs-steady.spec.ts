import { BrowsePage } from './fixtures/browse-page.ts';
import { expect, test } from './fixtures/ferry-test.ts';

/**
 * What a connection's server serves arrives after the connection is picked, and it decides whether the
 * pane has an Agents tab. A tab the admin is pressing or pointing at must not move when it arrives: a
 * press that ends over another tab (or between two) is a click lost, and a click aimed at a tab that
 * moved lands on its neighbour.
 */
for (const viewport of [
  { width: 1280, height: 800 },
  { width: 1600, height: 1000 },
]) {
  test(`at ${viewport.width}×${viewport.height}: a tab pressed before the server says it serves agents is the tab chosen`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    const browse = new BrowsePage(page);
    await browse.startDemo();
    await browse.show('right', 'Acme Staging');
    // From here on, what a server serves is answered only when the test lets it go.
    let asked!: () => void;
    const askedFor = new Promise<void>((resolve) => (asked = resolve));
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    await page.route('**/api/call/connections.capabilities', async (route) => {
      asked();
      await answered;
      await route.continue();
    });

    await browse.pane('left').getByRole('combobox', { name: 'Connection' }).selectOption({ label: 'Legacy Cloud' });
    await askedFor;
    const vectorStores = browse.tab('left', 'Vector stores');
    const box = (await vectorStores.boundingBox())!;
    const pointed = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    await page.mouse.move(pointed.x, pointed.y);
    await page.mouse.down();
    answer();
    // Legacy Cloud serves agents: its Agents tab appears while the button is held down.
    await expect(browse.tab('left', 'Agents')).toBeVisible();
    await page.mouse.up();
    await expect(vectorStores).toHaveAttribute('aria-selected', 'true');

    // And a click at the same place, now that the tabs are known, is still on Vector stores.
    await browse.tab('left', 'Files').click();
    await page.mouse.click(pointed.x, pointed.y);
    await expect(vectorStores).toHaveAttribute('aria-selected', 'true');
  });
}
