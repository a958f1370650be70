import { BrowsePage } from './fixtures/browse-page.ts';
import { expect, test } from './fixtures/ferry-test.ts';

test('first run: "Try with demo organizations" opens Browse on the demo orgs; the inspector shows every field of Support Triage', async ({
  page,
}) => {
  await expect(page.getByText('No connections yet.')).toBeVisible();
  const browse = new BrowsePage(page);
  await browse.startDemo();
  await expect(browse.pane('left').getByRole('combobox', { name: 'Connection' })).toHaveValue(/.+/);
  await expect(browse.pane('left').getByRole('option', { name: 'Acme Production' })).toBeAttached();
  await expect(browse.list('left').getByRole('option')).toHaveCount(13);

  await browse.row('left', 'Support Triage').click();
  const inspector = browse.inspector('left');
  await expect(inspector.getByRole('heading', { name: 'Support Triage' })).toBeVisible();
  await expect(inspector).toContainText('First line of customer support; opens tickets.');
  await expect(inspector.getByText('create_ticket', { exact: true })).toBeVisible();
  await expect(inspector.getByLabel('Parameters of create_ticket')).toContainText('"customer_email"');
  const resources = inspector.getByRole('region', { name: 'Tool resources' });
  await expect(resources.getByRole('button', { name: 'Support Knowledge Base' })).toBeVisible();
  await expect(resources.getByRole('button', { name: 'product-catalog.json' })).toBeVisible();
  await expect(inspector.getByRole('table', { name: 'Metadata' }).getByRole('row', { name: /team/ })).toContainText(
    'support',
  );
  await inspector.getByRole('button', { name: 'Show JSON' }).click();
  await expect(inspector.getByLabel('assistant as JSON')).toContainText('"object": "assistant"');

  // A tool resource opens its object.
  await resources.getByRole('button', { name: 'Support Knowledge Base' }).click();
  await expect(browse.tab('left', 'Vector stores')).toHaveAttribute('aria-selected', 'true');
  await expect(browse.row('left', 'Support Knowledge Base')).toHaveAttribute('aria-selected', 'true');
  await expect(browse.inspector('left').getByRole('table', { name: 'Files in this store' })).toContainText(
    'product-catalog.json',
  );

  // Quote Builder's fine-tuned model exists only in Production; in Production there is no warning.
  await browse.tab('left', 'Assistants').click();
  await browse.row('left', 'Quote Builder').click();
  await expect(browse.inspector('left').getByRole('heading', { name: 'Quote Builder' })).toBeVisible();
  await expect(browse.inspector('left').getByRole('note')).toHaveCount(0);
});

test('search filters per keystroke, sort reorders, and the list works from the keyboard with multi-select', async ({
  page,
}) => {
  const browse = new BrowsePage(page);
  await browse.startDemo();
  const search = browse.pane('left').getByRole('searchbox', { name: 'Search assistants' });
  await search.fill('support');
  await expect(browse.list('left').getByRole('option')).toHaveCount(2);
  await search.fill('support triage');
  await expect(browse.list('left').getByRole('option')).toHaveCount(1);
  await search.fill('no such assistant');
  await expect(browse.pane('left').getByText('No assistants match “no such assistant”.')).toBeVisible();
  await search.fill('');

  await browse.pane('left').getByRole('combobox', { name: 'Sort by' }).selectOption({ label: 'Newest first' });
  // The unnamed assistant is the demo's newest.
  await expect(browse.list('left').getByRole('option').first()).toHaveAccessibleName(/^Unnamed \(asst_/);
  await browse.pane('left').getByRole('combobox', { name: 'Sort by' }).selectOption({ label: 'Name' });
  await expect(browse.list('left').getByRole('option').first()).toHaveAccessibleName('Contract Summarizer');

  const list = browse.list('left');
  await list.focus();
  await page.keyboard.press('ArrowDown');
  await expect(browse.row('left', 'Contract Summarizer')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(browse.row('left', 'Data Analyst')).toHaveAttribute('aria-selected', 'true');
  await expect(browse.row('left', 'Contract Summarizer')).toHaveAttribute('aria-selected', 'false');
  await page.keyboard.press('Shift+ArrowDown');
  await expect(browse.list('left').locator('[aria-selected="true"]')).toHaveCount(2);
  await expect(browse.pane('left').getByText('2 assistants selected.')).toBeVisible();
  await page.keyboard.press('End');
  await expect(browse.list('left').getByRole('option').last()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ControlOrMeta+a');
  await expect(browse.pane('left').getByText('13 assistants selected.')).toBeVisible();
  // Shift+click extends from the anchor.
  await browse.row('left', 'Data Analyst').click();
  await browse.row('left', 'Inventory Forecaster').click({ modifiers: ['Shift'] });
  await expect(browse.list('left').locator('[aria-selected="true"]')).toHaveCount(4); // Data Analyst … Inventory Forecaster
});

test('Legacy Cloud: the Assistants tab says the API is retired there; its vector stores and files work', async ({
  page,
}) => {
  const browse = new BrowsePage(page);
  await browse.startDemo();
  await browse.show('left', 'Legacy Cloud');
  const note = browse.pane('left').getByRole('note');
  await expect(note).toContainText('No Assistants API here');
  await expect(note).toContainText(/retired|no longer/i);

  await browse.tab('left', 'Vector stores').click();
  await browse.row('left', 'Legacy Support Archive').click();
  const files = browse.inspector('left').getByRole('table', { name: 'Files in this store' });
  await expect(files).toContainText('support-archive-2023.md');
  await expect(files).toContainText('era=v1');

  await browse.tab('left', 'Files').click();
  await browse.row('left', 'v1-migration-notes.txt').click();
  await expect(browse.inspector('left')).toContainText('cannot be downloaded');
});

test('inspector: Edit validates and Saves; Delete confirms naming the assistant and the org', async ({ page }) => {
  const browse = new BrowsePage(page);
  await browse.startDemo();
  await browse.row('left', 'Translation Helper').click();
  const pane = browse.pane('left');
  await pane.getByRole('button', { name: 'Edit' }).click();
  const form = pane.getByRole('form', { name: 'Edit Translation Helper' });
  await form.getByLabel('Name', { exact: true }).fill('Translation Helper v2');
  const instructions = 'Translate customer messages.\n\n    Keep product names in English.\n\tNever translate SKUs.';
  await form.getByLabel('Instructions').fill(instructions);
  await form.getByLabel('Temperature').fill('3');
  await form.getByRole('button', { name: 'Add function' }).click();
  await form.getByLabel('Function 1 name').fill('lookup_sku');
  // The schema editor checks as it is typed, before any Save.
  await form.getByLabel('Function 1 parameters (JSON Schema)').fill('{"type": ');
  await expect(form.getByText(/Not valid JSON/)).toBeVisible();
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByText('Temperature is between 0 and 2.')).toBeVisible();

  await form.getByLabel('Temperature').fill('0.5');
  await form.getByRole('button', { name: 'Remove function 1' }).click();
  await form.getByLabel('Code interpreter').check();
  await form.getByRole('button', { name: 'Add metadata' }).click();
  await form.getByLabel('Metadata key 1').fill('owner');
  await form.getByLabel('Metadata value 1').fill('localization@acme.example');
  await form.getByRole('button', { name: 'Save' }).click();
  // What will change, old beside new, before anything is sent.
  const review = page.getByRole('dialog', { name: /^Save \d changes to “Translation Helper” in Acme Production\?$/ });
  const changes = review.getByRole('table', { name: 'Changes to save' });
  await expect(changes.getByRole('row', { name: /^Name Translation Helper Translation Helper v2$/ })).toBeVisible();
  await expect(changes.getByRole('row', { name: /^Temperature / })).toContainText('0.5');
  await review.getByRole('button', { name: 'Save changes' }).click();

  const inspector = browse.inspector('left');
  await expect(inspector.getByRole('heading', { name: 'Translation Helper v2' })).toBeVisible();
  await expect(browse.row('left', 'Translation Helper v2')).toHaveAttribute('aria-selected', 'true');
  // Whitespace of the instructions is kept exactly.
  expect(await inspector.locator('pre.instructions').textContent()).toBe(instructions);
  await expect(inspector.getByRole('table', { name: 'Metadata' })).toContainText('localization@acme.example');
  await expect(inspector).toContainText('0.5');

  await inspector.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete “Translation Helper v2” from Acme Production?' });
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await inspector.getByRole('button', { name: 'Delete' }).click();
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(dialog).toBeHidden();
  await expect(browse.row('left', 'Translation Helper v2')).toHaveCount(0);
  await expect(browse.list('left').getByRole('option')).toHaveCount(12);
});
