import type { ConnectionView } from '../../shared/connection.ts';
import { BrowsePage } from './fixtures/browse-page.ts';
import { expect, test, type FerryHarness } from './fixtures/ferry-test.ts';
import { outsideClient, sandboxControl } from './fixtures/manage.ts';

/**
 * Retry is offered only where retrying can help, and the reason is in words: a file type file search cannot
 * read, or a source deleted since the plan, fails again however often it is retried; a cancelled ingestion
 * or a server that kept failing may pass. Failed files show their size like any other. At 1280×800.
 */
test.use({ viewport: { width: 1280, height: 800 } });

async function connectionId(ferry: FerryHarness, name: string): Promise<string> {
  const outcome = await ferry.call('connections.list', {});
  if (!outcome.ok) throw new Error(outcome.error.message);
  return (outcome.result as ConnectionView[]).find((c) => c.name === name)!.id;
}

test('store files: an unsupported file shows its size and why retrying cannot help, with no Retry; a cancelled one offers Retry, which keeps its attributes', async ({ ferry, page }) => {
  const browse = new BrowsePage(page);
  await browse.startDemo();
  // A file attached behind Ferry's back whose ingestion is then cancelled (its batch never finishes, so it can be).
  const client = await outsideClient(ferry, 'Acme Production');
  const notes = await client.files.create({ file: new File(['Quarterly sales notes: the east region grew.'], 'sales-notes.md'), purpose: 'assistants' });
  await sandboxControl(ferry, 'tenants/Acme%20Production/stuck', { fileIds: [notes.id] });
  const store = (await client.vectorStores.list()).data.find((s) => s.name === 'Sales Enablement')!;
  const batch = await client.vectorStores.fileBatches.create(store.id, { files: [{ file_id: notes.id, attributes: { audience: 'sales', doc_type: 'notes' } }] });
  await client.vectorStores.fileBatches.cancel(batch.id, { vector_store_id: store.id });
  await sandboxControl(ferry, 'tenants/Acme%20Production/stuck', { fileIds: [notes.id], stuck: false });

  await browse.show('left', 'Acme Production', 'Vector stores');
  // The pane read its lists before that file was made: Refresh, as an admin would.
  await browse.pane('left').getByRole('button', { name: 'Refresh' }).click();
  await browse.row('left', 'Sales Enablement').click();
  const inspector = browse.inspector('left');
  const files = inspector.getByRole('table', { name: 'Files in this store' });

  const csv = files.getByRole('row', { name: 'pipeline-2026q4.csv' });
  await expect(csv).toContainText('failed');
  await expect(csv).toContainText('This file type cannot be searched: The file type .csv is not supported for retrieval. Retrying cannot help');
  await expect(inspector.getByRole('button', { name: 'Retry pipeline-2026q4.csv' })).toHaveCount(0);
  // Its size, as the Files tab gives it, not the 0 B it takes in the store; and the same actions as a good file.
  const orgFiles = await ferry.call('files.list', { connectionId: await connectionId(ferry, 'Acme Production') });
  if (!orgFiles.ok) throw new Error(orgFiles.error.message);
  const bytes = (orgFiles.result as { filename: string; bytes: number }[]).find((f) => f.filename === 'pipeline-2026q4.csv')!.bytes;
  expect(bytes).toBeGreaterThan(0);
  await expect(csv).toContainText(`pipeline-2026q4.csv · ${bytes} B`);
  await expect(csv).not.toContainText('0 B');
  await expect(csv).toContainText('audience=sales');
  for (const action of ['Edit attributes of pipeline-2026q4.csv', 'Remove pipeline-2026q4.csv from store', 'Delete file pipeline-2026q4.csv']) {
    await expect(inspector.getByRole('button', { name: action })).toBeVisible();
  }

  const cancelled = files.getByRole('row', { name: 'sales-notes.md' });
  await expect(cancelled).toContainText('cancelled');
  await expect(cancelled).toContainText('Ingestion was cancelled before it finished.');
  const retry = inspector.getByRole('button', { name: 'Retry sales-notes.md' });
  await retry.focus();
  await page.keyboard.press('Enter');
  await expect(cancelled).toContainText('completed', { timeout: 15_000 });
  await expect(cancelled).toContainText('audience=sales, doc_type=notes');
  await expect(inspector.getByRole('button', { name: 'Retry sales-notes.md' })).toHaveCount(0);
});
