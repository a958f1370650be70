import type { Locator } from '@playwright/test';
import { BrowsePage } from './fixtures/browse-page.ts';
import { expect, test } from './fixtures/ferry-test.ts';

/** Nothing in the dialog is wider than the dialog: no horizontal scroll, at this window size. */
async function expectNoHorizontalOverflow(dialog: Locator): Promise<void> {
  const overflow = await dialog.evaluate((element) => {
    const wide = [element, ...Array.from(element.querySelectorAll('*'))].filter(
      (e) => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible',
    );
    return {
      dialog: { scroll: element.scrollWidth, client: element.clientWidth },
      wide: wide.map((e) => `${e.tagName}.${e.className}`),
    };
  });
  expect(overflow.dialog.scroll, `scrollWidth of the dialog (${JSON.stringify(overflow)})`).toBeLessThanOrEqual(
    overflow.dialog.client,
  );
  expect(overflow.wide).toEqual([]);
}

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 1600, height: 1000 },
]) {
  test.describe(`at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });

    test('the New and Edit vector store dialogs fit, open on their first field, and give focus back', async ({
      page,
    }) => {
      const browse = new BrowsePage(page);
      await browse.startDemo();
      await browse.show('left', 'Acme Production', 'Vector stores');
      const create = browse.pane('left').getByRole('button', { name: 'New vector store' });
      await create.click();
      const dialog = page.getByRole('dialog', { name: 'New vector store in Acme Production' });
      await expect(dialog).toBeVisible();
      await expect(dialog.getByRole('textbox', { name: 'Name' })).toBeFocused();
      await expectNoHorizontalOverflow(dialog);
      await page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
      await expect(create).toBeFocused();

      await browse.row('left', 'Support Knowledge Base').click();
      const edit = browse.inspector('left').getByRole('button', { name: 'Edit', exact: true });
      await edit.click();
      const editing = page.getByRole('dialog', { name: /^Edit vector store “Support Knowledge Base”/ });
      await expect(editing.getByRole('textbox', { name: 'Name' })).toBeFocused();
      await expectNoHorizontalOverflow(editing);
      await editing.getByRole('button', { name: 'Cancel' }).click();
      await expect(editing).toBeHidden();
      await expect(edit).toBeFocused();
    });

    test('Compare gives focus back when closed; the pane splitter resizes by keyboard and is remembered', async ({
      page,
    }) => {
      const browse = new BrowsePage(page);
      await browse.startDemo();
      await browse.show('right', 'Acme Production');
      await browse.row('left', 'Support Triage').click();
      await browse.row('right', 'Sales Coach').click();
      const compare = page.getByRole('button', { name: 'Compare' });
      await compare.click();
      const dialog = page.getByRole('dialog', { name: 'Compare assistants' });
      await expect(dialog).toBeVisible();
      await dialog.getByRole('button', { name: 'Close' }).click();
      await expect(dialog).toBeHidden();
      await expect(compare).toBeFocused();

      const splitter = page.getByRole('separator', { name: 'Resize the panes' });
      await expect(splitter).toHaveAttribute('aria-valuenow', '50');
      await splitter.focus();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await expect(splitter).toHaveAttribute('aria-valuenow', '60');
      const left = (await browse.pane('left').boundingBox())!.width;
      const right = (await browse.pane('right').boundingBox())!.width;
      expect(left).toBeGreaterThan(right);
      // Remembered by the window (a reload of the page here; the desktop window keeps one origin for good).
      await page.reload();
      await expect(page.getByRole('separator', { name: 'Resize the panes' })).toHaveAttribute('aria-valuenow', '60');
      // No pane or panel is wider than the window.
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth),
      ).toBe(true);
    });
  });
}

test('unsaved assistant edits are not lost silently; the model picker offers chat models only', async ({ page }) => {
  const browse = new BrowsePage(page);
  await browse.startDemo();
  const pane = browse.pane('left');
  await browse.row('left', 'Translation Helper').click();
  await pane.getByRole('button', { name: 'Edit' }).click();
  const form = pane.getByRole('form', { name: 'Edit Translation Helper' });
  const models = await form
    .locator('datalist option')
    .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  expect(models.length).toBeGreaterThan(0);
  expect(models.filter((m) => /embedding|whisper|tts|dall-e|moderation/.test(m))).toEqual([]);

  await form.getByLabel('Instructions').fill('Changed, not saved.');
  // Selecting another row asks first; declining keeps the edits.
  const asked: string[] = [];
  page.once('dialog', (dialog) => {
    asked.push(dialog.message());
    void dialog.dismiss();
  });
  await browse.row('left', 'Support Triage').click();
  expect(asked).toEqual(['Discard your unsaved changes to “Translation Helper”?']);
  await expect(form.getByLabel('Instructions')).toHaveValue('Changed, not saved.');
  await expect(browse.row('left', 'Translation Helper')).toHaveAttribute('aria-selected', 'true');

  // Escape asks too; agreeing leaves the editor.
  page.once('dialog', (dialog) => void dialog.accept());
  await form.getByLabel('Instructions').press('Escape');
  await expect(form).toHaveCount(0);
  await expect(pane.getByRole('button', { name: 'Edit' })).toBeVisible();
});
