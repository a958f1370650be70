import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { BrowsePage } from './fixtures/browse-page.ts';
import { expect, test } from './fixtures/ferry-test.ts';

/** axe-core's serious and critical violations on what is on screen now, as "rule: target" lines. */
async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  let builder = new AxeBuilder({ page });
  if (include) builder = builder.include(include);
  const results = await builder.analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map(
        (n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`,
      ),
    );
}

test('axe-core finds no serious or critical violation on Connections, Browse, the plan, a job and a dialog', async ({
  page,
}) => {
  // Each axe pass reads the whole page; on a shared machine eight of them take longer than one default test.
  test.setTimeout(180_000);
  expect(await seriousViolations(page), 'Connections (empty)').toEqual([]);
  const browse = new BrowsePage(page);
  await browse.startDemo();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Connections' }).click();
  await expect(page.getByRole('list', { name: 'Connections' })).toBeVisible();
  expect(await seriousViolations(page), 'Connections').toEqual([]);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Browse' }).click();

  await browse.show('right', 'Acme Staging');
  await browse.row('left', 'Support Triage').click();
  await expect(browse.inspector('left')).toBeVisible();
  expect(await seriousViolations(page), 'Browse with an assistant inspected').toEqual([]);

  await browse.drag('left', 'Support Triage');
  await expect(browse.planDialog().getByRole('row', { name: 'Support Triage' })).toBeVisible();
  expect(await seriousViolations(page), 'Clone plan').toEqual([]);
  await browse.planDialog().getByRole('button', { name: 'Confirm' }).click();
  const job = browse.jobs().getByRole('article').first();
  await expect(job.getByText('Done', { exact: true })).toBeVisible({ timeout: 30_000 });
  expect(await seriousViolations(page), 'Browse with a finished job').toEqual([]);

  await browse.show('left', 'Acme Production', 'Vector stores');
  await browse.row('left', 'Support Knowledge Base').click();
  await expect(browse.inspector('left')).toBeVisible();
  expect(await seriousViolations(page), 'Vector store inspector').toEqual([]);
  await browse.tab('left', 'Files').click();
  expect(await seriousViolations(page), 'Files tab').toEqual([]);

  await job.getByRole('button', { name: 'Clean up' }).click();
  await expect(page.getByRole('dialog', { name: /^Clean up/ })).toBeVisible();
  expect(await seriousViolations(page), 'Clean up confirmation').toEqual([]);
});

test('axe-core finds no serious or critical violation on the assistant form, its diff and the bulk actions', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const browse = new BrowsePage(page);
  await browse.startDemo();
  const pane = browse.pane('left');
  await browse.row('left', 'Support Triage').click();
  await pane.getByRole('button', { name: 'Edit' }).click();
  const form = pane.getByRole('form', { name: 'Edit Support Triage' });
  await form.getByLabel('File search').check();
  await form.getByRole('button', { name: 'Add function' }).click();
  await form
    .getByLabel(/^Function \d+ parameters/)
    .last()
    .fill('{"type": ');
  await form.getByRole('combobox', { name: 'Response format' }).selectOption('json_schema');
  expect(await seriousViolations(page, '.pane'), 'Assistant form').toEqual([]);
  await form
    .getByLabel(/^Function \d+ parameters/)
    .last()
    .fill('{"type": "object"}');
  await form
    .getByLabel(/^Function \d+ name/)
    .last()
    .fill('audit');
  await form.getByRole('combobox', { name: 'Response format' }).selectOption('auto');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('dialog', { name: /^Save \d+ changes? to/ })).toBeVisible();
  expect(await seriousViolations(page), 'Changes before saving').toEqual([]);
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

  page.on('dialog', (dialog) => void dialog.accept());
  await browse.row('left', 'Support Triage').click();
  await browse.row('left', 'Translation Helper').click({ modifiers: ['ControlOrMeta'] });
  await expect(pane.getByRole('button', { name: 'Delete 2 selected assistants…' })).toBeVisible();
  expect(await seriousViolations(page, '.pane'), 'Bulk assistant actions').toEqual([]);
});
