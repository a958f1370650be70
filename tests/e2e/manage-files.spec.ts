import { truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BrowsePage } from './fixtures/browse-page.ts';
import { expect, test } from './fixtures/ferry-test.ts';
import { keepScreenshot } from './fixtures/screenshots.ts';

test('a 50 MB upload into a store shows its progress, then live ingestion; an unsupported file is reported failed with its reason', async ({
  ferry,
  page,
}) => {
  const big = join(ferry.home, 'big-notes.md');
  const line = 'Ferry streams big uploads to the API without holding them in memory.\n';
  await writeFile(big, line.repeat(Math.ceil((50 * 1024 * 1024) / line.length)));
  const csv = join(ferry.home, 'leads.csv');
  await writeFile(csv, 'name,email\nAda,ada@example.com\n');

  const browse = new BrowsePage(page);
  await browse.startDemo();
  await browse.tab('left', 'Vector stores').click();
  await browse.row('left', 'Engineering Handbook').click();
  const inspector = browse.inspector('left');
  await expect(inspector.getByRole('table', { name: 'Files in this store' })).toBeVisible();

  // Record every value the progress bar shows, so the test sees progress move, not only its end.
  await page.evaluate(() => {
    const seen: number[] = [];
    (window as unknown as { progressSeen: number[] }).progressSeen = seen;
    new MutationObserver(() => {
      for (const bar of document.querySelectorAll('progress.upload__bar'))
        seen.push(Number((bar as HTMLProgressElement).value));
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['value'] });
  });
  await inspector.getByLabel('Upload files to Engineering Handbook').setInputFiles(big);
  const uploads = inspector.getByRole('region', { name: 'Uploads' });
  await expect(uploads.getByRole('progressbar', { name: 'Upload of big-notes.md' })).toBeVisible();
  await expect(uploads.getByRole('listitem').filter({ hasText: 'big-notes.md' })).toContainText('Uploaded · 50 MB', {
    timeout: 60_000,
  });
  const seen = await page.evaluate(() => (window as unknown as { progressSeen: number[] }).progressSeen);
  expect(seen.some((v) => v > 0 && v < 100)).toBe(true);
  expect(seen.at(-1)).toBe(100);

  const files = inspector.getByRole('table', { name: 'Files in this store' });
  const row = files.getByRole('row', { name: 'big-notes.md' });
  await expect(row).toBeVisible();
  await expect(row).toContainText('completed', { timeout: 30_000 });

  await inspector.getByLabel('Upload files to Engineering Handbook').setInputFiles(csv);
  const failed = files.getByRole('row', { name: 'leads.csv' });
  await expect(failed).toContainText('failed', { timeout: 30_000 });
  await expect(failed).toContainText(
    'This file type cannot be searched: The file type .csv is not supported for retrieval.',
  );
  // A file type file search cannot read fails again however often it is retried: no Retry.
  await expect(inspector.getByRole('button', { name: 'Retry leads.csv' })).toHaveCount(0);
});

test('files tab: filter by purpose, download where allowed, the sentence why not, delete with a confirmation naming file and org', async ({
  page,
}, testInfo) => {
  const browse = new BrowsePage(page);
  await browse.startDemo();
  await browse.tab('left', 'Files').click();
  const pane = browse.pane('left');
  await expect(browse.pane('left').getByText('20 files', { exact: true })).toBeVisible();
  await pane.getByRole('combobox', { name: 'Purpose' }).selectOption('batch');
  await expect(browse.list('left').getByRole('option')).toHaveCount(1);
  await expect(browse.row('left', 'support-eval-batch.jsonl')).toContainText(/batch · \d+ B · \w+ \d+, \d{4}/);

  await browse.row('left', 'support-eval-batch.jsonl').click();
  const inspector = browse.inspector('left');
  const download = page.waitForEvent('download');
  await inspector.getByRole('button', { name: 'Download' }).click();
  expect((await download).suggestedFilename()).toBe('support-eval-batch.jsonl');

  await pane.getByRole('combobox', { name: 'Purpose' }).selectOption('');
  await pane.getByRole('searchbox', { name: 'Search files' }).fill('refund');
  await browse.row('left', 'refund-policy.md').click();
  await expect(inspector.getByRole('button', { name: 'Download' })).toBeDisabled();
  await expect(inspector).toContainText('OpenAI does not let anyone download files of purpose “assistants”');
  await page.setViewportSize({ width: 1280, height: 800 });
  await keepScreenshot(page, testInfo, 'files-tab');

  await inspector.getByRole('button', { name: 'Delete', exact: true }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete file?' });
  await expect(confirm).toContainText('Delete the file refund-policy.md from Acme Production?');
  await confirm.getByRole('button', { name: 'Delete file' }).click();
  await expect(confirm).toBeHidden();
  await expect(browse.row('left', 'refund-policy.md')).toHaveCount(0);
  await pane.getByRole('searchbox', { name: 'Search files' }).fill('');
  await expect(browse.pane('left').getByText('19 files', { exact: true })).toBeVisible();
});

test('unused files: the list is exactly the files no store or assistant uses; bulk delete behind a confirmation that lists them deletes exactly those', async ({
  page,
}) => {
  const browse = new BrowsePage(page);
  await browse.startDemo();
  await browse.tab('left', 'Files').click();
  await expect(browse.pane('left').getByText('20 files', { exact: true })).toBeVisible();
  await browse.pane('left').getByRole('button', { name: 'Unused files…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Unused files in Acme Production' });
  const listed = dialog.getByRole('list', { name: 'Unused files' }).getByRole('listitem');
  await expect(listed).toHaveCount(2);
  // No unused file could be in a store or used by an assistant, so every purpose present is listed.
  await expect(dialog.getByRole('checkbox')).toHaveCount(2);
  await expect(dialog.getByRole('checkbox', { name: 'batch (1)' })).toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: 'fine-tune (1)' })).toBeChecked();
  // Oldest first, as the org lists them.
  await expect(listed.nth(0)).toContainText('quotes-train.jsonl · fine-tune');
  await expect(listed.nth(1)).toContainText('support-eval-batch.jsonl · batch');
  await dialog.getByRole('button', { name: 'Delete 2 unused files…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete 2 files from Acme Production?' });
  await expect(confirm.getByRole('list', { name: 'Files to delete' })).toHaveText(
    'quotes-train.jsonlsupport-eval-batch.jsonl',
  );
  await confirm.getByRole('button', { name: 'Delete 2 files' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Deleted 2 files.');
  await expect(dialog).toContainText('No unused files');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(browse.pane('left').getByText('18 files', { exact: true })).toBeVisible();
  const search = browse.pane('left').getByRole('searchbox', { name: 'Search files' });
  await search.fill('jsonl');
  await expect(browse.row('left', 'support-eval-batch.jsonl')).toHaveCount(0);
  await expect(browse.row('left', 'quotes-train.jsonl')).toHaveCount(0);
  await search.fill('refund');
  await expect(browse.row('left', 'refund-policy.md')).toHaveCount(1);
});

test('unused files: the purpose filter starts on what stores and assistants could use, and deletes only the purposes checked', async ({
  ferry,
  page,
}) => {
  const leftover = join(ferry.home, 'scratch-notes.md');
  await writeFile(leftover, '# Scratch\nNotes that never made it into a vector store.\n');
  const browse = new BrowsePage(page);
  await browse.startDemo();
  await browse.tab('left', 'Files').click();
  const pane = browse.pane('left');
  await expect(pane.getByText('20 files', { exact: true })).toBeVisible();
  // Uploaded with purpose assistants and attached to nothing: a knowledge-base leftover.
  await pane.getByLabel('Upload files to Acme Production').setInputFiles(leftover);
  await expect(pane.getByText('21 files', { exact: true })).toBeVisible();

  await pane.getByRole('button', { name: 'Unused files…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Unused files in Acme Production' });
  const listed = dialog.getByRole('list', { name: 'Unused files' }).getByRole('listitem');
  await expect(dialog).toContainText('3 of 21 files are in no vector store and used by no assistant.');
  await expect(dialog.getByRole('checkbox', { name: 'assistants (1)' })).toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: 'batch (1)' })).not.toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: 'fine-tune (1)' })).not.toBeChecked();
  await expect(listed).toHaveText([/^scratch-notes\.md · assistants/]);
  await dialog.getByRole('button', { name: 'Delete 1 unused file…' }).click();
  let confirm = page.getByRole('dialog', { name: 'Delete 1 file from Acme Production?' });
  await expect(confirm.getByRole('list', { name: 'Files to delete' }).getByRole('listitem')).toHaveText([
    'scratch-notes.md',
  ]);
  await confirm.getByRole('button', { name: 'Delete 1 file' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Deleted 1 file.');

  // The filter stays as chosen after a delete: batch and fine-tune files are still not listed.
  await expect(dialog).toContainText('2 of 20 files are in no vector store');
  await expect(dialog).toContainText('None of them has a purpose checked above.');
  await expect(dialog.getByRole('button', { name: 'Done' })).toBeVisible();
  await dialog.getByRole('checkbox', { name: 'batch (1)' }).check();
  await expect(listed).toHaveText([/^support-eval-batch\.jsonl · batch/]);
  await dialog.getByRole('button', { name: 'Delete 1 unused file…' }).click();
  confirm = page.getByRole('dialog', { name: 'Delete 1 file from Acme Production?' });
  await expect(confirm.getByRole('list', { name: 'Files to delete' }).getByRole('listitem')).toHaveText([
    'support-eval-batch.jsonl',
  ]);
  await confirm.getByRole('button', { name: 'Delete 1 file' }).click();
  await expect(confirm).toBeHidden();
  await expect(dialog).toContainText('1 of 19 files are in no vector store');
  await expect(dialog.getByRole('checkbox')).toHaveCount(1);
  await expect(dialog.getByRole('checkbox', { name: 'fine-tune (1)' })).not.toBeChecked();
  await dialog.getByRole('button', { name: 'Done' }).click();

  await expect(pane.getByText('19 files', { exact: true })).toBeVisible();
  const search = pane.getByRole('searchbox', { name: 'Search files' });
  await search.fill('jsonl');
  await expect(browse.list('left').getByRole('option')).toHaveText([/^quotes-train\.jsonl/]);
  await search.fill('scratch');
  await expect(browse.row('left', 'scratch-notes.md')).toHaveCount(0);
});

test('where assistants are retired, unused files says assistant references could not be checked and lists nothing until asked', async ({
  page,
}) => {
  const browse = new BrowsePage(page);
  await browse.startDemo();
  await browse.show('left', 'Legacy Cloud', 'Files');
  await browse.pane('left').getByRole('button', { name: 'Unused files…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Unused files in Legacy Cloud' });
  await expect(dialog.getByRole('note')).toContainText('could not check which files assistants use');
  await expect(dialog.getByRole('list', { name: 'Unused files' })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'List them anyway' }).click();
  await expect(dialog.getByRole('list', { name: 'Unused files' }).getByRole('listitem')).toHaveText([
    /legacy-eval-batch\.jsonl/,
  ]);
});

test('on a read-only connection every change is turned off, with the reason', async ({ ferry, page }) => {
  const browse = new BrowsePage(page);
  await browse.startDemo();
  const outcome = await ferry.call('connections.list', {});
  if (!outcome.ok) throw new Error(outcome.error.message);
  const prod = (outcome.result as { id: string; name: string }[]).find((c) => c.name === 'Acme Production')!;
  expect((await ferry.call('connections.update', { id: prod.id, patch: { readOnly: true } })).ok).toBe(true);
  const pane = browse.pane('left');
  await expect(
    pane.getByText('Acme Production is read-only: editing, deleting and cloning into it are turned off'),
  ).toBeVisible();

  await browse.tab('left', 'Vector stores').click();
  await expect(pane.getByRole('button', { name: 'New vector store' })).toBeDisabled();
  await browse.row('left', 'Sales Enablement').click();
  const inspector = browse.inspector('left');
  await expect(inspector.getByRole('button', { name: 'Edit', exact: true })).toBeDisabled();
  await expect(inspector.getByRole('button', { name: 'Delete', exact: true }).first()).toBeDisabled();
  await expect(inspector.getByRole('button', { name: 'Add existing files' })).toBeDisabled();
  await expect(inspector.getByRole('button', { name: 'Upload files…' })).toBeDisabled();
  await expect(inspector.getByRole('button', { name: 'Edit attributes of pipeline-2026q4.csv' })).toBeDisabled();
  await expect(inspector.getByRole('button', { name: 'Remove pricing-2026.md from store' })).toBeDisabled();
  await expect(inspector).toContainText('Acme Production is read-only.');
  // Search is a read: it still works.
  await inspector.getByRole('searchbox', { name: 'Search query' }).fill('pricing');
  await inspector.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(inspector.getByRole('region', { name: 'Results' }).getByRole('listitem').first()).toBeVisible();

  await browse.tab('left', 'Files').click();
  await expect(pane.getByRole('button', { name: /^Upload/ })).toBeDisabled();
  await pane.getByRole('searchbox', { name: 'Search files' }).fill('quotes');
  await browse.row('left', 'quotes-train.jsonl').click();
  await expect(browse.inspector('left').getByRole('button', { name: 'Delete', exact: true })).toBeDisabled();
});

test('files selected with ctrl/cmd-click are deleted together behind a confirmation that lists them', async ({
  page,
}) => {
  const browse = new BrowsePage(page);
  await browse.startDemo();
  await browse.tab('left', 'Files').click();
  const pane = browse.pane('left');
  await pane.getByRole('searchbox', { name: 'Search files' }).fill('jsonl');
  await browse.row('left', 'quotes-train.jsonl').click();
  await browse.row('left', 'support-eval-batch.jsonl').click({ modifiers: ['ControlOrMeta'] });
  await expect(pane.getByText('2 files selected.')).toBeVisible();
  await pane.getByRole('button', { name: 'Delete 2 selected files…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete 2 files from Acme Production?' });
  await expect(confirm.getByRole('list', { name: 'Files to delete' }).getByRole('listitem')).toHaveText([
    'quotes-train.jsonl',
    'support-eval-batch.jsonl',
  ]);
  await confirm.getByRole('button', { name: 'Delete 2 files' }).click();
  await expect(confirm).toBeHidden();
  await expect(pane.getByText('No files match “jsonl”.')).toBeVisible();
  await pane.getByRole('searchbox', { name: 'Search files' }).fill('');
  await expect(pane.getByText('18 files', { exact: true })).toBeVisible();
});

test('an upload into a store carries the attributes and chunking chosen for it, and its progress survives switching stores', async ({
  ferry,
  page,
}) => {
  const notes = join(ferry.home, 'handover.md');
  await writeFile(notes, '# Handover\nWho is on call during the holidays.\n');
  const browse = new BrowsePage(page);
  await browse.startDemo();
  await browse.tab('left', 'Vector stores').click();
  await browse.row('left', 'Engineering Handbook').click();
  const inspector = browse.inspector('left');
  await inspector.getByText('Attributes and chunking for uploads').click();
  await inspector.getByRole('textbox', { name: 'Attributes for uploaded files' }).fill('team=sre\nyear=2026');
  await inspector.getByRole('combobox', { name: 'Chunking' }).selectOption('static');
  await inspector.getByRole('spinbutton', { name: 'Chunk size (tokens)' }).fill('200');
  await inspector.getByRole('spinbutton', { name: 'Overlap (tokens)' }).fill('20');
  await inspector.getByLabel('Upload files to Engineering Handbook').setInputFiles(notes);
  const row = inspector.getByRole('table', { name: 'Files in this store' }).getByRole('row', { name: 'handover.md' });
  await expect(row).toContainText('team=sre, year=2026');
  await expect(row).toContainText('200 tokens, 20 overlap');

  await browse.row('left', 'Sales Enablement').click();
  await browse.row('left', 'Engineering Handbook').click();
  await expect(browse.inspector('left').getByRole('region', { name: 'Uploads' })).toContainText('handover.md');
});

test('a file over 512 MB is refused before any byte is sent, with the limit in words', async ({ ferry, page }) => {
  const huge = join(ferry.home, 'huge.md');
  // Sparse: the size is real, the disk blocks are not.
  await writeFile(huge, '');
  await truncate(huge, 512 * 1024 * 1024 + 1);
  const browse = new BrowsePage(page);
  await browse.startDemo();
  await browse.tab('left', 'Files').click();
  let uploads = 0;
  page.on('request', (request) => {
    if (request.url().endsWith('/api/upload')) uploads += 1;
  });
  await browse.pane('left').getByLabel('Upload files to Acme Production').setInputFiles(huge);
  await expect(browse.pane('left').getByRole('region', { name: 'Uploads' }).getByRole('alert')).toHaveText(
    'huge.md is larger than 512 MB, the most a file may be.',
  );
  expect(uploads).toBe(0);
});
