import type { ConnectionView } from '../../shared/connection.ts';
import { BrowsePage } from './fixtures/browse-page.ts';
import { expect, test, type FerryHarness } from './fixtures/ferry-test.ts';
import { sandboxControl } from './fixtures/manage.ts';
import { outsideClient } from './fixtures/outside-client.ts';

/**
 * Retry is offered only where retrying can help, and the reason is in words: a file type file search cannot
 * read, or a source deleted since the plan, fails again however often it is retried; a cancelled ingestion
 * or a server that kept failing may pass. Failed files show their size like any other. At both window sizes.
 */

async function connectionId(ferry: FerryHarness, name: string): Promise<string> {
  const outcome = await ferry.call('connections.list', {});
  if (!outcome.ok) throw new Error(outcome.error.message);
  return (outcome.result as ConnectionView[]).find((c) => c.name === name)!.id;
}

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 1600, height: 1000 },
]) {
  test.describe(`at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });

    test('store files: an unsupported file shows its size and why retrying cannot help, with no Retry; a cancelled one offers Retry, which keeps its attributes', async ({
      ferry,
      page,
    }) => {
      const browse = new BrowsePage(page);
      await browse.startDemo();
      // A file attached behind Ferry's back whose ingestion is then cancelled (its batch never finishes, so it can be).
      const client = await outsideClient(ferry, 'Acme Production');
      const notes = await client.files.create({
        file: new File(['Quarterly sales notes: the east region grew.'], 'sales-notes.md'),
        purpose: 'assistants',
      });
      await sandboxControl(ferry, 'tenants/Acme%20Production/stuck', { fileIds: [notes.id] });
      const store = (await client.vectorStores.list()).data.find((s) => s.name === 'Sales Enablement')!;
      const batch = await client.vectorStores.fileBatches.create(store.id, {
        files: [{ file_id: notes.id, attributes: { audience: 'sales', doc_type: 'notes' } }],
      });
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
      await expect(csv).toContainText(
        'This file type cannot be searched: The file type .csv is not supported for retrieval. Retrying cannot help',
      );
      await expect(inspector.getByRole('button', { name: 'Retry pipeline-2026q4.csv' })).toHaveCount(0);
      // Its size, as the Files tab gives it, not the 0 B it takes in the store; and the same actions as a good file.
      const orgFiles = await ferry.call('files.list', { connectionId: await connectionId(ferry, 'Acme Production') });
      if (!orgFiles.ok) throw new Error(orgFiles.error.message);
      const bytes = (orgFiles.result as { filename: string; bytes: number }[]).find(
        (f) => f.filename === 'pipeline-2026q4.csv',
      )!.bytes;
      expect(bytes).toBeGreaterThan(0);
      await expect(csv).toContainText(`pipeline-2026q4.csv · ${bytes} B`);
      await expect(csv).not.toContainText('0 B');
      await expect(csv).toContainText('audience=sales');
      for (const action of [
        'Edit attributes of pipeline-2026q4.csv',
        'Remove pipeline-2026q4.csv from store',
        'Delete file pipeline-2026q4.csv',
      ]) {
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

    test('job items: a source deleted since the plan fails for good, with no Retry and the reason; a server that kept failing offers Retry, which finishes', async ({
      ferry,
      page,
    }) => {
      // Eight tries per upload against a failing server, then the clone; the scheduler's backoff takes a while.
      test.setTimeout(150_000);
      const browse = new BrowsePage(page);
      await browse.startDemo();
      await browse.show('left', 'Acme Production', 'Vector stores');
      await browse.show('right', 'Acme Staging', 'Vector stores');

      // Planned, then one of the source's files is deleted before Confirm.
      await browse.drag('left', 'Sales Enablement');
      const prod = await connectionId(ferry, 'Acme Production');
      const listed = await ferry.call('files.list', { connectionId: prod });
      if (!listed.ok) throw new Error(listed.error.message);
      const pricing = (listed.result as { id: string; filename: string }[]).find(
        (f) => f.filename === 'pricing-2026.md',
      )!;
      expect((await ferry.call('files.delete', { connectionId: prod, fileId: pricing.id })).ok).toBe(true);
      await browse.planDialog().getByRole('button', { name: 'Confirm' }).click();

      const job = browse.jobs().getByRole('article', { name: /^Clone 1 vector store/ });
      await expect(job.getByText('Failed', { exact: true })).toBeVisible({ timeout: 30_000 });
      if (!(await job.getByRole('table', { name: /^Items of/ }).isVisible())) await job.getByText(/^Items \(/).click();
      const file = job.getByRole('row', { name: 'pricing-2026.md', exact: true });
      await expect(file).toContainText('failed');
      await expect(file).toContainText('Retrying cannot help: what this step needs is no longer there.');
      await expect(file.getByRole('button', { name: 'Retry' })).toHaveCount(0);
      // The store waits on that file: retrying the store alone cannot bring it either.
      const store = job.getByRole('row', { name: 'Sales Enablement', exact: true });
      await expect(store).toContainText('The file itself could not be copied, so it was not attached.');
      await expect(store.getByRole('button', { name: 'Retry' })).toHaveCount(0);
      // Resume stays: it runs the whole job again, which is how a plan's leftovers are finished.
      await expect(job.getByRole('button', { name: 'Resume' })).toBeVisible();

      // The destination answers 500 to every upload until the faults are cleared: the files fail after their tries.
      await sandboxControl(ferry, 'faults/inject', {
        kind: 'error_500',
        count: 10_000,
        tenant: 'Acme Staging',
        route: 'POST /v1/files',
      });
      await browse.show('left', 'Acme Production', 'Assistants');
      await browse.show('right', 'Acme Staging', 'Assistants');
      await browse.drag('left', 'Support Triage');
      await browse.planDialog().getByRole('button', { name: 'Confirm' }).click();
      const second = browse.jobs().getByRole('article', { name: /^Clone 1 assistant/ });
      await expect(second.getByText('Failed', { exact: true })).toBeVisible({ timeout: 120_000 });
      if (!(await second.getByRole('table', { name: /^Items of/ }).isVisible()))
        await second.getByText(/^Items \(/).click();
      const catalog = second.getByRole('row', { name: 'product-catalog.json', exact: true });
      await expect(catalog).toContainText('failed');
      await expect(catalog).not.toContainText('Retrying cannot help');
      await sandboxControl(ferry, 'faults?tenant=Acme%20Staging', null, 'DELETE');
      await catalog.getByRole('button', { name: 'Retry' }).click();
      await expect(catalog).toContainText('done', { timeout: 30_000 });
      await expect(catalog.getByRole('button', { name: 'Retry' })).toHaveCount(0);
    });
  });
}
