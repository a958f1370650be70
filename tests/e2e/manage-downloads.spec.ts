import { readFile } from 'node:fs/promises';
import type { ConnectionView } from '../../shared/connection.ts';
import type { FileView } from '../../shared/resources.ts';
import { BrowsePage } from './fixtures/browse-page.ts';
import { expect, test, type FerryHarness } from './fixtures/ferry-test.ts';

/*
 * Downloads in browser mode: Ferry is asked first whether the file can be had, so a refusal shows on the
 * page instead of being saved by the browser as a file of JSON; then the browser downloads the bytes.
 */

/** Opens the demo's batch file (a purpose the API hands back) in the left pane's inspector. */
async function openBatchFile(
  browse: BrowsePage,
  ferry: FerryHarness,
): Promise<{ connectionId: string; file: FileView }> {
  await browse.startDemo();
  const connections = await ferry.call('connections.list', {});
  const production = connections.ok
    ? (connections.result as ConnectionView[]).find((c) => c.name === 'Acme Production')
    : undefined;
  if (!production) throw new Error('The demo has no Acme Production connection');
  const listed = await ferry.call('files.list', { connectionId: production.id });
  const file = listed.ok
    ? (listed.result as FileView[]).find((f) => f.filename === 'support-eval-batch.jsonl')
    : undefined;
  if (!file) throw new Error('The demo has no support-eval-batch.jsonl');
  await browse.tab('left', 'Files').click();
  await browse.pane('left').getByRole('searchbox', { name: 'Search files' }).fill('support-eval');
  await browse.row('left', 'support-eval-batch.jsonl').click();
  return { connectionId: production.id, file };
}

test('downloads a file the API hands back: the bytes arrive whole under its name', async ({ ferry, page }) => {
  const browse = new BrowsePage(page);
  const { file } = await openBatchFile(browse, ferry);
  const inspector = browse.inspector('left');

  const download = page.waitForEvent('download');
  await inspector.getByRole('button', { name: 'Download' }).click();
  const done = await download;
  expect(done.suggestedFilename()).toBe('support-eval-batch.jsonl');
  const bytes = await readFile((await done.path())!);
  expect(bytes.length).toBe(file.bytes);
  expect(bytes.toString('utf8')).toContain('"custom_id"');
  await expect(inspector.getByRole('status')).toHaveText('Downloading; your browser shows its progress.');
});

test('a download Ferry cannot make shows why on the page and saves nothing', async ({ ferry, page }) => {
  const browse = new BrowsePage(page);
  const { connectionId, file } = await openBatchFile(browse, ferry);
  const inspector = browse.inspector('left');

  // Deleted behind the page's back (another admin, the CLI): the inspector still offers it.
  expect((await ferry.call('files.delete', { connectionId, fileId: file.id })).ok).toBe(true);
  const downloads: string[] = [];
  page.on('download', (d) => downloads.push(d.suggestedFilename()));
  await inspector.getByRole('button', { name: 'Download' }).click();
  await expect(inspector.getByRole('alert')).toContainText('Download failed:');
  await expect(inspector.getByRole('alert')).toContainText(file.id);
  expect(downloads).toEqual([]);
});
