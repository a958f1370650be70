import type { Locator } from '@playwright/test';
import type { ConnectionView } from '../../shared/connection.ts';
import { formatBytes } from '../../shared/format.ts';
import type { FileView, VectorStoreView } from '../../shared/resources.ts';
import { BrowsePage } from './fixtures/browse-page.ts';
import { expect, test, type FerryHarness } from './fixtures/ferry-test.ts';
import { sandboxControl } from './fixtures/manage.ts';
import { keepScreenshot } from './fixtures/screenshots.ts';

const DEMO_STORES = ['Engineering Handbook', 'Sales Enablement', 'Support Knowledge Base'];

async function result<T>(outcome: ReturnType<FerryHarness['call']>): Promise<T> {
  const done = await outcome;
  if (!done.ok) throw new Error(done.error.message);
  return done.result as T;
}

async function production(ferry: FerryHarness): Promise<string> {
  const connections = await result<ConnectionView[]>(ferry.call('connections.list', {}));
  const id = connections.find((c) => c.name === 'Acme Production')?.id;
  if (!id) throw new Error('No Acme Production connection.');
  return id;
}

/** The demo org's stores as the API has them: the figures each row must show. */
async function storesByName(ferry: FerryHarness): Promise<Map<string, VectorStoreView>> {
  const stores = await result<VectorStoreView[]>(
    ferry.call('vectorStores.list', { connectionId: await production(ferry) }),
  );
  return new Map(stores.map((s) => [s.name, s]));
}

/** "Oct 11" this year, "Oct 11, 2027" in another: dates as an admin reads them in a row (the page runs en-US). */
function shortDate(seconds: number): string {
  const date = new Date(seconds * 1000);
  const year = date.getFullYear() === new Date().getFullYear() ? {} : { year: 'numeric' as const };
  return date.toLocaleDateString('en-US', { month: 'short', day: 'numeric', ...year });
}

/** A row's four visible lines, white space folded (the visually hidden description is not among them). */
async function visibleLines(row: Locator): Promise<string[]> {
  return (await row.locator('.store-row__line').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}

/**
 * Every line and figure of every row that is cut: text wider than its box (ellipsis or hidden overflow),
 * or a box that reaches out of its row. Empty when everything shows in full.
 */
async function clipped(list: Locator): Promise<string[]> {
  return list.evaluate((listbox) => {
    const problems: string[] = [];
    for (const row of listbox.querySelectorAll<HTMLElement>('[role="option"]')) {
      const box = row.getBoundingClientRect();
      const parts = row.querySelectorAll<HTMLElement>('.store-row__line, .store-row__name, [data-figure]');
      if (parts.length === 0) problems.push(`${row.getAttribute('aria-label')}: no figures`);
      for (const part of parts) {
        const r = part.getBoundingClientRect();
        const what = `${row.getAttribute('aria-label')} / ${part.dataset['figure'] ?? part.className}`;
        if (part.scrollWidth > part.clientWidth)
          problems.push(`${what}: text ${part.scrollWidth}px in ${part.clientWidth}px`);
        if (r.left < box.left || r.right > box.right || r.top < box.top || r.bottom > box.bottom)
          problems.push(`${what}: outside its row`);
      }
    }
    return problems;
  });
}

test('each vector store row shows name, status, the three file counts, size, expiry and last activity in full, and says them to a screen reader', async ({
  ferry,
  page,
}, testInfo) => {
  const browse = new BrowsePage(page);
  await browse.startDemo();
  await browse.show('right', 'Legacy Cloud', 'Vector stores');
  await browse.tab('left', 'Vector stores').click();
  const list = browse.list('left');
  await expect(list.getByRole('option')).toHaveText(DEMO_STORES.map((name) => new RegExp(`^${name}`)));
  const stores = await storesByName(ferry);

  // The demo data: Sales Enablement's CSV cannot be indexed (failed); only it expires, a year after last use.
  const expected: Record<string, { counts: string; expiry: (s: VectorStoreView) => string }> = {
    'Engineering Handbook': { counts: '6 completed 0 in progress 0 failed', expiry: () => 'never expires' },
    'Sales Enablement': {
      counts: '4 completed 0 in progress 1 failed',
      expiry: (s) => `expires ${shortDate(s.expires_at!)} · 365 d after last use`,
    },
    'Support Knowledge Base': { counts: '5 completed 0 in progress 0 failed', expiry: () => 'never expires' },
  };
  for (const name of DEMO_STORES) {
    const store = stores.get(name)!;
    const row = browse.row('left', name);
    expect(await visibleLines(row)).toEqual([
      `${name} completed`,
      expected[name]!.counts,
      `${formatBytes(store.usage_bytes)} · last active ${shortDate(store.last_active_at!)}`,
      expected[name]!.expiry(store),
    ]);
    for (const figure of ['status', 'completed', 'in_progress', 'failed', 'size', 'last-active', 'expiry'])
      await expect(row.locator(`[data-figure="${figure}"]`)).toBeVisible();
    // The exact time is a hover away.
    await expect(row.locator('[data-figure="last-active"]')).toHaveAttribute(
      'title',
      /^Last active \w{3} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s?[AP]M$/,
    );
  }

  // Screen readers hear the name, then every figure in words: no glyphs, no abbreviations.
  const sales = browse.row('left', 'Sales Enablement');
  await expect(sales).toHaveAccessibleName('Sales Enablement');
  await expect(sales).toHaveAccessibleDescription(
    /^status completed\. 4 completed, 0 in progress, 1 failed\. size [\d.]+ K?B\. expires on October \d+, 2027, 365 days after last use\. last active on October \d+, 2026\.$/,
  );
  await expect(browse.row('left', 'Engineering Handbook')).toHaveAccessibleDescription(
    /6 completed, 0 in progress, 0 failed\. .* never expires\. last active on /,
  );

  // A failed file stands out; none failed reads quietly.
  const failed = sales.locator('[data-figure="failed"]');
  const noneFailed = browse.row('left', 'Engineering Handbook').locator('[data-figure="failed"]');
  await expect(failed).toHaveCSS('font-weight', '600');
  await expect(noneFailed).toHaveCSS('font-weight', '400');
  expect(await failed.evaluate((e) => getComputedStyle(e).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');
  expect(await failed.evaluate((e) => getComputedStyle(e).color)).not.toBe(
    await noneFailed.evaluate((e) => getComputedStyle(e).color),
  );

  // Nothing is cut at 1280×800 (the suite's viewport), in either pane, nor in a larger window.
  expect(page.viewportSize()).toEqual({ width: 1280, height: 800 });
  await sales.click();
  await expect(browse.inspector('left').getByRole('heading', { name: 'Sales Enablement' })).toBeVisible();
  expect(await clipped(list)).toEqual([]);
  expect(await clipped(browse.list('right'))).toEqual([]);
  await keepScreenshot(page, testInfo, 'vector-store-list');
  await page.setViewportSize({ width: 1600, height: 1000 });
  expect(await clipped(list)).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 800 });

  // The Assistants and Files tabs keep their compact rows.
  await browse.tab('left', 'Files').click();
  await expect(list.getByRole('option').first()).toHaveCSS('height', '48px');
  await expect(list.locator('.store-row__line')).toHaveCount(0);
});

test('status is coloured by what it means: a store still ingesting shows in progress, with its file counted in progress', async ({
  ferry,
  page,
}) => {
  const browse = new BrowsePage(page);
  await browse.startDemo();
  await sandboxControl(ferry, 'tenants/Acme%20Production/stuck', { filenames: ['customer-faq.txt'] });
  // The lists were read before the file got stuck: read them again.
  await page.reload();
  await browse.tab('left', 'Vector stores').click();
  const sales = browse.row('left', 'Sales Enablement');
  const status = sales.locator('[data-figure="status"]');
  await expect(status).toHaveText('in progress');
  expect((await visibleLines(sales)).slice(0, 2)).toEqual([
    'Sales Enablement in progress',
    '3 completed 1 in progress 1 failed',
  ]);
  await expect(sales).toHaveAccessibleDescription(/^status in progress\. 3 completed, 1 in progress, 1 failed\./);
  const background = (locator: Locator) => locator.evaluate((e) => getComputedStyle(e).backgroundColor);
  const completed = browse.row('left', 'Support Knowledge Base').locator('[data-figure="status"]');
  await expect(completed).toHaveText('completed');
  expect(await background(status)).not.toBe(await background(completed));
  // The wider "in progress" badge still leaves the name whole.
  expect(await clipped(browse.list('left'))).toEqual([]);
  // The filter finds stores by status words too.
  await browse.pane('left').getByRole('searchbox', { name: 'Search vector stores' }).fill('in progress');
  await expect(browse.list('left').getByRole('option')).toHaveText([/^Sales Enablement/]);
  await browse.pane('left').getByRole('searchbox', { name: 'Search vector stores' }).fill('completed');
  await expect(browse.list('left').getByRole('option')).toHaveText([
    /^Engineering Handbook/,
    /^Support Knowledge Base/,
  ]);
});

test('the sorts an admin needs order the stores: failures first, last active, expires first; search still finds by name, id and status', async ({
  ferry,
  page,
}) => {
  const browse = new BrowsePage(page);
  await browse.startDemo();
  // Two changes that set the sorts apart: a new store expiring 30 days after last use, then a file added
  // to Engineering Handbook, which makes it the store most recently active.
  const connectionId = await production(ferry);
  await result(ferry.call('vectorStores.create', { connectionId, name: 'Returns desk', expiresAfterDays: 30 }));
  const files = await result<FileView[]>(ferry.call('files.list', { connectionId }));
  const refund = files.find((f) => f.filename === 'refund-policy.md')!;
  const stores = await storesByName(ferry);
  await result(
    ferry.call('vectorStores.addFiles', {
      connectionId,
      vectorStoreId: stores.get('Engineering Handbook')!.id,
      files: [{ fileId: refund.id }],
    }),
  );
  await page.reload();

  await browse.tab('left', 'Vector stores').click();
  const options = browse.list('left').getByRole('option');
  const sort = browse.pane('left').getByRole('combobox', { name: 'Sort by' });
  const order = (names: string[]) => expect(options).toHaveText(names.map((n) => new RegExp(`^${n}`)));
  await expect(sort.getByRole('option')).toHaveText([
    'Name',
    'Newest first',
    'Oldest first',
    'Largest first',
    'Failures first',
    'Last active',
    'Expires first',
  ]);

  await order(['Engineering Handbook', 'Returns desk', 'Sales Enablement', 'Support Knowledge Base']);
  await expect(browse.row('left', 'Returns desk').locator('.store-row__line').nth(3)).toHaveText(
    /^expires \w{3} \d{1,2}(, \d{4})? · 30 d after last use$/,
  );
  await expect(browse.row('left', 'Returns desk').locator('[data-figure="last-active"]')).toHaveText(
    /^last active (just now|\d+ min ago)$/,
  );

  await sort.selectOption({ label: 'Failures first' });
  await order(['Sales Enablement', 'Engineering Handbook', 'Returns desk', 'Support Knowledge Base']);
  await sort.selectOption({ label: 'Last active' });
  await order(['Engineering Handbook', 'Returns desk', 'Sales Enablement', 'Support Knowledge Base']);
  await sort.selectOption({ label: 'Expires first' });
  await order(['Returns desk', 'Sales Enablement', 'Engineering Handbook', 'Support Knowledge Base']);
  await sort.selectOption({ label: 'Oldest first' });
  await order(['Support Knowledge Base', 'Engineering Handbook', 'Sales Enablement', 'Returns desk']);

  const search = browse.pane('left').getByRole('searchbox', { name: 'Search vector stores' });
  await search.fill('failed');
  await order(['Sales Enablement']);
  await search.fill(stores.get('Support Knowledge Base')!.id.toUpperCase());
  await order(['Support Knowledge Base']);
  await search.fill('returns');
  await order(['Returns desk']);
});

test('taller store rows keep the keyboard, multi-select and drag to clone', async ({ page }) => {
  const browse = new BrowsePage(page);
  await browse.startDemo();
  await browse.show('right', 'Acme Staging');
  await browse.tab('left', 'Vector stores').click();
  const list = browse.list('left');
  await browse.row('left', 'Engineering Handbook').click();
  await list.press('ArrowDown');
  await expect(browse.row('left', 'Sales Enablement')).toHaveAttribute('aria-selected', 'true');
  await expect(list).toHaveAttribute(
    'aria-activedescendant',
    (await browse.row('left', 'Sales Enablement').getAttribute('id'))!,
  );
  await list.press('Shift+ArrowDown');
  await expect(browse.pane('left').getByText('2 vector stores selected.')).toBeVisible();
  await browse.row('left', 'Engineering Handbook').click({ modifiers: ['ControlOrMeta'] });
  await expect(browse.pane('left').getByText('3 vector stores selected.')).toBeVisible();
  await list.press('Home');
  await expect(browse.row('left', 'Engineering Handbook')).toHaveAttribute('aria-selected', 'true');
  await expect(browse.row('left', 'Sales Enablement')).toHaveAttribute('aria-selected', 'false');

  await browse.drag('left', 'Sales Enablement');
  await expect(browse.planDialog().getByRole('row', { name: 'Sales Enablement' })).toContainText('Create');
  await browse.planDialog().getByRole('button', { name: 'Cancel' }).click();
  await expect(browse.planDialog()).toBeHidden();
});
