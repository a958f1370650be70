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
