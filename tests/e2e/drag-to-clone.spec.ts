import type { JobView } from '../../shared/jobs.ts';
import { BrowsePage } from './fixtures/browse-page.ts';
import { expect, test, type FerryHarness } from './fixtures/ferry-test.ts';
import { keepScreenshot } from './fixtures/screenshots.ts';

/** The newest job as the core reports it (for ids the UI shows but a test should not scrape). */
async function newestJob(ferry: FerryHarness): Promise<JobView> {
  const outcome = await ferry.call('jobs.list', {});
  if (!outcome.ok) throw new Error(outcome.error.message);
  const job = (outcome.result as JobView[])[0];
  if (!job) throw new Error('No job listed.');
  return job;
}

test('drag Support Triage to Acme Staging: plan, confirm, live progress to done, the clone points at its new store and file, Compare shows only ids and the marker', async ({
  ferry,
  page,
}, testInfo) => {
  const browse = new BrowsePage(page);
  await browse.startDemo();
  await browse.show('right', 'Acme Staging');
  await expect(browse.pane('right').getByText('Acme Staging has no assistants yet.')).toBeVisible();

  await browse.row('left', 'Support Triage').click();
  await browse.drag('left', 'Support Triage');

  const plan = browse.planDialog();
  await expect(plan.getByText(/From Acme Production to Acme Staging/)).toBeVisible();
  await expect(plan.getByRole('row', { name: 'Support Triage' })).toContainText('Create');
  await expect(plan.getByRole('row', { name: 'Support Knowledge Base' })).toContainText('Create');
  // Files of purpose "assistants" cannot be downloaded: the plan says where their bytes come from.
  await expect(plan.getByRole('row', { name: 'product-catalog.json' })).toContainText(
    'Reconstructed from parsed text (lossy)',
  );
  await keepScreenshot(page, testInfo, 'clone-plan');

  await plan.getByRole('button', { name: 'Confirm' }).click();
  await expect(plan).toBeHidden();
  const job = browse.jobs().getByRole('article').first();
  await expect(job).toContainText('Acme Production → Acme Staging');
  // Progress arrives as job.updated events until the job is done.
  await expect(job.getByText('Done', { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(job.getByRole('progressbar')).toHaveAttribute('value', '100');
  await expect(job.getByRole('row', { name: 'Support Triage' })).toContainText('done');

  const done = await newestJob(ferry);
  expect(done.state).toBe('done');
  const storeId = done.items.find((i) => i.kind === 'vector_store')?.destinationId;
  const catalogId = done.items.find((i) => i.label === 'product-catalog.json')?.destinationId;
  expect(storeId).toBeTruthy();
  expect(catalogId).toBeTruthy();

  // The finished job refreshed the destination pane: the clone is listed there.
  await browse.row('right', 'Support Triage').click();
  const inspector = browse.inspector('right');
  await expect(inspector.getByText('Clone of')).toContainText('Support Triage');
  const resources = inspector.getByRole('region', { name: 'Tool resources' });
  await expect(resources.getByRole('button', { name: 'Support Knowledge Base' })).toBeVisible();
  await expect(resources).toContainText(storeId!);
  await expect(resources).toContainText(catalogId!);
  // For the README: the 1280×800 window the layout is made for, the source row in view, the job's items folded.
  await page.setViewportSize({ width: 1280, height: 800 });
  await browse.row('left', 'Support Triage').scrollIntoViewIfNeeded();
  await browse.jobs().getByText('Items (7)').click();
  await keepScreenshot(page, testInfo, 'main-screen');
  await browse.jobs().getByText('Items (7)').click();

  // Each resource opens its object, in the same pane.
  await resources.getByRole('button', { name: 'product-catalog.json' }).click();
  await expect(browse.tab('right', 'Files')).toHaveAttribute('aria-selected', 'true');
  await expect(browse.inspector('right').getByRole('heading', { name: 'product-catalog.json' })).toBeVisible();
  await expect(browse.inspector('right')).toContainText(catalogId!);

  await browse.tab('right', 'Assistants').click();
  await expect(browse.row('right', 'Support Triage')).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('button', { name: 'Compare' }).click();
  const compare = page.getByRole('dialog', { name: 'Compare assistants' });
  await expect(compare.getByRole('status')).toHaveText('Same configuration: only id and metadata.cloned_from differ.');
  await expect(compare).toContainText(
    '“Support Triage” in Acme Staging is a clone of “Support Triage” in Acme Production.',
  );
  await compare.getByRole('checkbox', { name: 'Show only differences' }).check();
  await expect(compare.getByRole('row')).toHaveCount(3); // header, id, metadata.cloned_from
  await compare.getByRole('button', { name: 'Close' }).click();

  // The job's rows open what it created in the destination pane.
  await browse.jobs().getByRole('button', { name: 'Open Support Knowledge Base' }).click();
  await expect(browse.tab('right', 'Vector stores')).toHaveAttribute('aria-selected', 'true');
  await expect(browse.inspector('right')).toContainText(storeId!);
  expect(
    ferry.pageErrors().filter((line) => line.startsWith('uncaught:') || /Content.Security.Policy/i.test(line)),
  ).toEqual([]);
});

test('a blocked assistant needs a model mapping; a folder of originals replaces reconstruction; Cancel closes the plan', async ({
  page,
}) => {
  const browse = new BrowsePage(page);
  await browse.startDemo();
  await browse.show('right', 'Acme Staging');

  await browse.drag('left', 'Quote Builder');
  const plan = browse.planDialog();
  await expect(plan.getByRole('row', { name: 'Quote Builder' })).toContainText('Blocked');
  await expect(plan.getByRole('region', { name: 'Blockers' })).toBeVisible();
  const confirm = plan.getByRole('button', { name: 'Confirm' });
  await expect(confirm).toBeDisabled();
  // Skipping the blocked items is a conscious choice; here it leaves nothing to do.
  await plan.getByRole('checkbox', { name: 'Skip the blocked items and clone the rest' }).check();
  await expect(plan.getByText('Nothing to do: everything is already in Acme Staging or skipped.')).toBeVisible();
  await expect(plan.getByRole('button', { name: 'Nothing to do' })).toBeDisabled();

  await plan.getByRole('combobox', { name: 'Model for “Quote Builder”' }).selectOption('gpt-4o-mini');
  await expect(plan.getByRole('row', { name: 'Quote Builder' })).toContainText('Create');
  await expect(plan.getByRole('region', { name: 'Blockers' })).toHaveCount(0);
  await expect(confirm).toBeEnabled();
  await plan.getByRole('button', { name: 'Cancel' }).click();
  await expect(plan).toBeHidden();

  // Keyboard/menu alternative to dragging.
  await browse.row('left', 'Support Triage').click();
  await browse.pane('left').getByRole('button', { name: 'Clone to other pane' }).click();
  await expect(plan.getByRole('row', { name: 'product-catalog.json' })).toContainText('lossy');
  await plan.getByRole('button', { name: 'Choose folder…' }).click();
  await plan.getByRole('textbox', { name: 'Folder of original files' }).fill('/nonexistent/ferry-originals');
  await plan.getByRole('button', { name: 'Use folder' }).click();
  // A folder that does not exist is an error on the folder field; the plan stays, the path can be fixed.
  const folder = plan.getByRole('textbox', { name: 'Folder of original files' });
  await expect(folder).toHaveValue('/nonexistent/ferry-originals');
  await expect(folder).toHaveAttribute('aria-invalid', 'true');
  await expect(plan.getByRole('alert')).toHaveText(
    'The files folder "/nonexistent/ferry-originals" does not exist. Check the folder\'s path.',
  );
  await expect(plan.getByRole('row', { name: 'product-catalog.json' })).toContainText('lossy');
  await expect(plan).not.toContainText('--files-dir');
  await expect(plan).not.toContainText('could not make this plan');
  await page.keyboard.press('Escape');
  await expect(plan).toBeHidden();
});

test('a read-only destination refuses: the button and the drop zone say why, and the core refuses too', async ({
  ferry,
  page,
}) => {
  const browse = new BrowsePage(page);
  await browse.startDemo();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Connections' }).click();
  await page.getByRole('list', { name: 'Connections' }).getByRole('button', { name: 'Acme Staging' }).click();
  await page.getByRole('checkbox', { name: 'Read-only' }).check();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(
    page.getByRole('list', { name: 'Connections' }).getByRole('listitem', { name: 'Acme Staging' }),
  ).toContainText('Read-only');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Browse' }).click();

  await browse.show('right', 'Acme Staging');
  await expect(browse.pane('right').getByText('Read-only', { exact: true })).toBeVisible();
  await expect(browse.pane('right')).toContainText('Acme Staging is read-only');
  await browse.row('left', 'Support Triage').click();
  const cloneButton = browse.pane('left').getByRole('button', { name: 'Clone to other pane' });
  await expect(cloneButton).toBeDisabled();
  await expect(cloneButton).toHaveAttribute('title', 'Acme Staging is read-only: Ferry will not write to it.');

  // The drop zone says why while dragging, and refuses the drop.
  await browse.row('left', 'Support Triage').hover();
  await page.mouse.down();
  const box = (await browse.pane('right').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
  await expect(browse.pane('right').getByRole('status', { name: 'Drop target' })).toHaveText(
    'Acme Staging is read-only: Ferry will not write to it.',
  );
  await page.mouse.up();
  await expect(browse.planDialog()).toHaveCount(0);

  // Not only the UI: the core itself refuses.
  const connections = await ferry.call('connections.list', {});
  const ids = (connections.ok ? (connections.result as { id: string; name: string }[]) : []).reduce<
    Record<string, string>
  >((m, c) => ({ ...m, [c.name]: c.id }), {});
  const outcome = await ferry.call('clone.plan', {
    from: ids['Acme Production']!,
    to: ids['Acme Staging']!,
    all: true,
  });
  expect(outcome.ok).toBe(false);
  if (!outcome.ok) expect(outcome.error.code).toBe('read_only');
});

test('cancel mid-job, Resume finishes it without duplicates; after a restart a cancelled job is listed with Resume', async ({
  ferry,
  page,
}) => {
  const browse = new BrowsePage(page);
  await browse.startDemo();
  await browse.show('right', 'Acme Staging');
  await browse.show('left', 'Acme Production', 'Vector stores');

  // Multi-select with Ctrl+click, then the menu alternative to dragging.
  await browse.row('left', 'Engineering Handbook').click();
  await browse.row('left', 'Sales Enablement').click({ modifiers: ['ControlOrMeta'] });
  await browse.row('left', 'Support Knowledge Base').click({ modifiers: ['ControlOrMeta'] });
  await expect(browse.pane('left').getByText('3 vector stores selected.')).toBeVisible();
  await browse.pane('left').getByRole('button', { name: 'Clone to other pane' }).click();
  await expect(browse.planDialog().getByRole('row', { name: 'Sales Enablement' })).toContainText('Create');
  await browse.planDialog().getByRole('button', { name: 'Confirm' }).click();

  const job = browse.jobs().getByRole('article').first();
  await job.getByRole('button', { name: 'Cancel job' }).click();
  await expect(job.getByText('Cancelled', { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(job).toContainText('Resume to finish');
  await job.getByRole('button', { name: 'Resume' }).click();
  await expect(job.getByText('Done', { exact: true })).toBeVisible({ timeout: 30_000 });

  await browse.tab('right', 'Vector stores').click();
  for (const name of ['Support Knowledge Base', 'Engineering Handbook', 'Sales Enablement'])
    await expect(browse.row('right', name)).toHaveCount(1);
  await expect(browse.list('right').getByRole('option')).toHaveCount(3);

  // A second job, cancelled while its store ingests, then Ferry restarts: still listed, resumable.
  await browse.show('left', 'Legacy Cloud', 'Vector stores');
  await browse.drag('left', 'Legacy Support Archive');
  await browse.planDialog().getByRole('button', { name: 'Confirm' }).click();
  const second = browse.jobs().getByRole('article').first();
  await expect(second).toContainText('Legacy Cloud → Acme Staging');
  await second.getByRole('button', { name: 'Cancel job' }).click();
  await expect(second.getByText('Cancelled', { exact: true })).toBeVisible({ timeout: 30_000 });

  await ferry.restart(undefined, 'any');
  await expect(page.getByRole('heading', { level: 1, name: 'Browse' })).toBeAttached();
  const jobs = browse.jobs().getByRole('article');
  await expect(jobs).toHaveCount(2);
  await expect(jobs.first()).toContainText('Legacy Cloud → Acme Staging');
  await expect(jobs.first().getByText('Cancelled', { exact: true })).toBeVisible();
  await expect(jobs.first().getByRole('button', { name: 'Resume' })).toBeEnabled();
  await expect(jobs.nth(1).getByText('Done', { exact: true })).toBeVisible();
});

test('a second clone into the same destination waits, its card saying for which job, and can be cancelled while it waits', async ({
  ferry,
  page,
}) => {
  const browse = new BrowsePage(page);
  await browse.startDemo();
  const plan = async () => {
    const outcome = await ferry.call('clone.plan', {
      from: 'Acme Production',
      to: 'Acme Staging',
      all: true,
      modelMap: { 'ft:gpt-4o-mini-2024-07-18:acme:quotes:AbC123xy': 'gpt-4o-mini' },
    });
    if (!outcome.ok) throw new Error(outcome.error.message);
    return (outcome.result as { id: string }).id;
  };
  const apply = async (planId: string) => {
    const outcome = await ferry.call('clone.apply', { planId });
    if (!outcome.ok) throw new Error(outcome.error.message);
    return outcome.result as JobView;
  };
  const [first, second] = [await plan(), await plan()];
  const writing = await apply(first);
  const waiting = await apply(second);
  expect(waiting.state).toBe('queued');

  const card = browse
    .jobs()
    .getByRole('article')
    .filter({ hasText: `Waiting for job ${writing.id}, which is writing to Acme Staging` });
  await expect(card).toBeVisible();
  await expect(card.getByText('Waiting', { exact: true })).toBeVisible();
  await card.getByRole('button', { name: 'Cancel job' }).click();
  // Its detail changes with its state, so the cancelled card is found by what it says now.
  const cancelled = browse
    .jobs()
    .getByRole('article')
    .filter({ hasText: 'Cancelled before it started: nothing was written.' });
  await expect(cancelled.getByText('Cancelled', { exact: true })).toBeVisible({ timeout: 30_000 });
});
