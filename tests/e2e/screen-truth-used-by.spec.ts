import { BrowsePage } from './fixtures/browse-page.ts';
import { expect, test } from './fixtures/ferry-test.ts';
import { outsideClient } from './fixtures/outside-client.ts';

/**
 * Impact before delete: every confirmation that deletes a file or a vector store, one or several, names
 * the object and the org and says what uses it (stores and assistants), checked fresh when it opens, so an
 * assistant made behind Ferry's back counts too. The inspector says it as well. At both window sizes.
 */

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 1600, height: 1000 },
]) {
  test.describe(`at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });

    test('a file’s inspector and its delete confirmations say which stores and assistants use it; Cancel gives focus back', async ({
      page,
    }) => {
      const browse = new BrowsePage(page);
      await browse.startDemo();
      await browse.show('left', 'Acme Production', 'Files');
      await browse.row('left', 'product-catalog.json').click();
      const inspector = browse.inspector('left');
      const usedBy = inspector.getByRole('region', { name: 'Used by' });
      await expect(usedBy.getByRole('listitem')).toHaveText([
        'Vector store Support Knowledge Base',
        'Assistant Support Triage (code interpreter)',
        'Assistant Support Triage (file search, through Support Knowledge Base)',
        'Assistant Refund Assistant (file search, through Support Knowledge Base)',
        'Assistant Support KB Q&A (file search, through Support Knowledge Base)',
      ]);

      const del = inspector.getByRole('button', { name: 'Delete', exact: true });
      await del.click();
      const confirm = page.getByRole('dialog', { name: 'Delete file?' });
      await expect(confirm).toContainText('Delete the file product-catalog.json from Acme Production?');
      await expect(confirm.getByRole('list', { name: 'Used by' }).getByRole('listitem')).toHaveText(
        await usedBy.getByRole('listitem').allTextContents(),
      );
      await expect(confirm.getByRole('button', { name: 'Delete file' })).toBeEnabled();
      await confirm.getByRole('button', { name: 'Cancel' }).click();
      await expect(confirm).toBeHidden();
      await expect(del).toBeFocused();

      // A file nothing uses says so, in the inspector and the confirmation.
      await browse.row('left', 'support-eval-batch.jsonl').click();
      await expect(inspector.getByRole('region', { name: 'Used by' })).toHaveText(
        'Used byNo vector store holds it and no assistant uses it.',
      );
      await inspector.getByRole('button', { name: 'Delete', exact: true }).click();
      await expect(confirm).toContainText(
        'Nothing in Acme Production uses it: no vector store holds it and no assistant uses it.',
      );
      await page.keyboard.press('Escape');
      await expect(confirm).toBeHidden();

      // Several at once: each file with what uses it.
      await browse.row('left', 'product-catalog.json').click();
      await browse.row('left', 'support-eval-batch.jsonl').click({ modifiers: ['ControlOrMeta'] });
      const bulk = browse.pane('left').getByRole('button', { name: 'Delete 2 selected files…' });
      await bulk.click();
      const many = page.getByRole('dialog', { name: 'Delete 2 files from Acme Production?' });
      await expect(many).toContainText(
        '1 of them is in use, by what is named beside it; deleting takes them from there.',
      );
      const listed = many.getByRole('list', { name: 'Files to delete' });
      await expect(listed.getByRole('listitem', { name: 'product-catalog.json' })).toHaveText(
        'product-catalog.json · used by Vector store Support Knowledge Base; Assistant Support Triage (code interpreter); Assistant Support Triage (file search, through Support Knowledge Base); Assistant Refund Assistant (file search, through Support Knowledge Base); Assistant Support KB Q&A (file search, through Support Knowledge Base)',
      );
      await expect(listed.getByRole('listitem', { name: 'support-eval-batch.jsonl' })).toHaveText(
        'support-eval-batch.jsonl',
      );
      await many.getByRole('button', { name: 'Cancel' }).click();
      await expect(bulk).toBeFocused();

      // A file in a store's list: the same confirmation.
      await browse.show('left', 'Acme Production', 'Vector stores');
      await browse.row('left', 'Sales Enablement').click();
      await inspector.getByRole('button', { name: 'Delete file refund-policy.md' }).click();
      await expect(confirm.getByRole('list', { name: 'Used by' }).getByRole('listitem')).toContainText([
        'Vector store Support Knowledge Base',
        'Vector store Sales Enablement',
      ]);
      await expect(confirm.getByRole('list', { name: 'Used by' })).toContainText(
        'Assistant Sales Coach (file search, through Sales Enablement)',
      );
      await page.keyboard.press('Escape');
      await expect(inspector.getByRole('button', { name: 'Delete file refund-policy.md' })).toBeFocused();
    });

    test('a store’s delete confirmations name the assistants that search it, read fresh (one made behind Ferry’s back too)', async ({
      ferry,
      page,
    }) => {
      const browse = new BrowsePage(page);
      await browse.startDemo();
      await browse.show('left', 'Acme Production', 'Vector stores');
      await browse.row('left', 'Sales Enablement').click();
      const inspector = browse.inspector('left');
      await expect(inspector.getByRole('button', { name: 'Sales Coach' })).toBeVisible();

      // Another tool gives a new assistant this store: the pane has not seen it, the confirmation checks again.
      const client = await outsideClient(ferry, 'Acme Production');
      const store = (await client.vectorStores.list()).data.find((s) => s.name === 'Sales Enablement')!;
      await client.beta.assistants.create({
        model: 'gpt-4o',
        name: 'Deal Desk',
        tools: [{ type: 'file_search' }],
        tool_resources: { file_search: { vector_store_ids: [store.id] } },
      });

      const del = inspector.getByRole('button', { name: 'Delete', exact: true }).first();
      await del.click();
      const confirm = page.getByRole('dialog', { name: 'Delete vector store?' });
      await expect(confirm).toContainText('Delete the vector store Sales Enablement from Acme Production?');
      await expect(confirm.getByRole('list', { name: 'Used by' }).getByRole('listitem')).toHaveText([
        'Assistant Sales Coach (file search)',
        'Assistant Deal Desk (file search)',
      ]);
      await confirm.getByRole('button', { name: 'Cancel' }).click();
      await expect(del).toBeFocused();

      await browse.row('left', 'Engineering Handbook').click();
      await browse.row('left', 'Sales Enablement').click({ modifiers: ['ControlOrMeta'] });
      await browse.pane('left').getByRole('button', { name: 'Delete 2 selected vector stores…' }).click();
      const many = page.getByRole('dialog', { name: 'Delete 2 vector stores from Acme Production?' });
      await expect(many).toContainText('2 of them are searched by assistants, named beside each: they lose them.');
      const listed = many.getByRole('list', { name: 'Vector stores to delete' });
      await expect(listed.getByRole('listitem', { name: 'Engineering Handbook' })).toHaveText(
        'Engineering Handbook · used by Assistant Engineering Onboarding Buddy (file search); Assistant Incident Commander (file search)',
      );
      await expect(listed.getByRole('listitem', { name: 'Sales Enablement' })).toHaveText(
        'Sales Enablement · used by Assistant Sales Coach (file search); Assistant Deal Desk (file search)',
      );
      await many.getByRole('button', { name: 'Delete 2 vector stores' }).click();
      await expect(many).toBeHidden();
      await expect(browse.list('left').getByRole('option')).toHaveText([/^Support Knowledge Base/]);
    });

    test('where assistants are retired, a file’s confirmation names its stores and says assistants could not be checked', async ({
      page,
    }) => {
      const browse = new BrowsePage(page);
      await browse.startDemo();
      await browse.show('left', 'Legacy Cloud', 'Files');
      await browse.row('left', 'support-archive-2023.md').click();
      await browse.inspector('left').getByRole('button', { name: 'Delete', exact: true }).click();
      const confirm = page.getByRole('dialog', { name: 'Delete file?' });
      await expect(confirm.getByRole('list', { name: 'Used by' }).getByRole('listitem')).toHaveText([
        'Vector store Legacy Support Archive',
      ]);
      await expect(confirm).toContainText(
        'Legacy Cloud no longer serves the Assistants API, so Ferry could not check which assistants use it.',
      );
    });
  });
}
