import { toFile } from 'openai';
import { BrowsePage } from './fixtures/browse-page.ts';
import { expect, test } from './fixtures/ferry-test.ts';
import { sandboxRequests } from './fixtures/manage.ts';
import { outsideClient } from './fixtures/outside-client.ts';

const ORG = 'Acme Production';
const PARAMETERS = {
  type: 'object',
  properties: { order_id: { type: 'string', description: 'The order number' } },
  required: ['order_id'],
};

test('New assistant with a function typed in the schema editor, a store and two files from the pickers; the SDK reads exactly that back; Duplicate; bulk delete both after one confirmation', async ({
  page,
  ferry,
}) => {
  // Typing a schema key by key re-checks it per key: slow on a loaded machine, so more time than the default.
  test.setTimeout(180_000);
  const browse = new BrowsePage(page);
  await browse.startDemo();
  const pane = browse.pane('left');
  await pane.getByRole('button', { name: 'New assistant' }).click();
  const form = pane.getByRole('form', { name: 'New assistant' });
  await expect(form.getByLabel('Name', { exact: true })).toBeFocused();
  await form.getByLabel('Name', { exact: true }).fill('Order desk');
  await form.getByLabel('Model').fill('gpt-4o');
  await form.getByLabel('Instructions').fill('Look orders up before answering.');
  await expect(form.getByLabel('Instructions')).toHaveAccessibleDescription('32 of 256,000 characters.');
  await form.getByLabel('File search').check();
  await form.getByLabel('Code interpreter').check();
  await form.getByRole('button', { name: 'Add function' }).click();
  await form.getByLabel('Function 1 name', { exact: true }).fill('lookup_order');
  await form.getByLabel('Function 1 description').fill('Finds an order by its number');
  const schema = form.getByLabel('Function 1 parameters (JSON Schema)', { exact: true });
  await schema.clear();
  // Typed key by key: the editor says what is wrong while the schema is unfinished, and stops when it is whole.
  const text = JSON.stringify(PARAMETERS);
  await schema.pressSequentially(text.slice(0, 40), { timeout: 30_000 });
  await expect(schema).toHaveAccessibleDescription(/Not valid JSON/);
  await schema.pressSequentially(text.slice(40), { timeout: 60_000 });
  await expect(schema).not.toHaveAccessibleDescription(/./);
  await form.getByRole('group', { name: 'Vector store for file search' }).getByLabel('Sales Enablement').check();
  const files = form.getByRole('group', { name: 'Files for code interpreter' });
  await files.getByLabel('refund-policy.md').check();
  await files.getByLabel('warranty-terms.txt').check();
  await expect(files).toHaveAccessibleDescription('2 picked; at most 20.');
  await form.getByRole('button', { name: 'Save' }).click();

  const inspector = browse.inspector('left');
  await expect(inspector.getByRole('heading', { name: 'Order desk' })).toBeVisible();
  await expect(browse.row('left', 'Order desk')).toHaveAttribute('aria-selected', 'true');

  const sdk = await outsideClient(ferry, ORG);
  const all = [];
  for await (const a of sdk.beta.assistants.list()) all.push(a);
  const made = all.find((a) => a.name === 'Order desk')!;
  const store = (await sdk.vectorStores.list()).data.find((s) => s.name === 'Sales Enablement')!;
  const orgFiles = (await sdk.files.list()).data;
  const idOf = (name: string) => orgFiles.find((f) => f.filename === name)!.id;
  const read = await sdk.beta.assistants.retrieve(made.id);
  expect(read).toMatchObject({
    name: 'Order desk',
    model: 'gpt-4o',
    instructions: 'Look orders up before answering.',
    tools: [
      { type: 'file_search' },
      { type: 'code_interpreter' },
      {
        type: 'function',
        function: {
          name: 'lookup_order',
          description: 'Finds an order by its number',
          strict: false,
          parameters: PARAMETERS,
        },
      },
    ],
    tool_resources: {
      file_search: { vector_store_ids: [store.id] },
      code_interpreter: { file_ids: [idOf('refund-policy.md'), idOf('warranty-terms.txt')] },
    },
  });
  expect(read.tools).toHaveLength(3);

  await inspector.getByRole('button', { name: 'Duplicate' }).click();
  const copyForm = pane.getByRole('form', { name: 'Duplicate Order desk' });
  await expect(copyForm.getByLabel('Name', { exact: true })).toHaveValue('Copy of Order desk');
  await copyForm.getByRole('button', { name: 'Save' }).click();
  await expect(inspector.getByRole('heading', { name: 'Copy of Order desk' })).toBeVisible();
  const after = [];
  for await (const a of sdk.beta.assistants.list()) after.push(a);
  const copy = after.find((a) => a.name === 'Copy of Order desk')!;
  expect(copy.id).not.toBe(made.id);
  expect(copy.metadata).not.toHaveProperty('cloned_from');
  expect({ tools: copy.tools, tool_resources: copy.tool_resources, model: copy.model }).toEqual({
    tools: read.tools,
    tool_resources: read.tool_resources,
    model: read.model,
  });

  await browse.row('left', 'Order desk').click();
  await browse.row('left', 'Copy of Order desk').click({ modifiers: ['ControlOrMeta'] });
  // One metadata key set on both, each keeping its own pairs.
  await pane.getByLabel('Metadata key', { exact: true }).fill('owner');
  await pane.getByLabel('Metadata value', { exact: true }).fill('orders');
  await pane.getByRole('button', { name: 'Set key on 2 assistants' }).click();
  await expect(pane.getByRole('status').filter({ hasText: 'Set “owner” on 2 of 2 assistants.' })).toBeVisible();
  expect((await sdk.beta.assistants.retrieve(copy.id)).metadata).toEqual({ owner: 'orders' });
  await pane.getByRole('button', { name: 'Delete 2 selected assistants…' }).click();
  const dialog = page.getByRole('dialog', { name: `Delete 2 assistants from ${ORG}?` });
  const listed = dialog.getByRole('list', { name: 'Assistants to delete' });
  await expect(listed.getByRole('listitem')).toHaveText([/^Copy of Order desk/, /^Order desk/]);
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Delete 2 assistants' }).click();
  await expect(dialog).toBeHidden();
  await expect(browse.row('left', 'Order desk')).toHaveCount(0);
  const left = [];
  for await (const a of sdk.beta.assistants.list()) left.push(a.id);
  expect(left).not.toContain(made.id);
  expect(left).not.toContain(copy.id);
});

test('each limit is refused at its field with nothing sent: 17 pairs, a 65-character key, a 513-character value, 21 files, 2 stores, temperature 2.5, an invalid schema', async ({
  page,
  ferry,
}) => {
  // Some forty fields are filled and checked: on a loaded machine that takes longer than one default test.
  test.setTimeout(180_000);
  const browse = new BrowsePage(page);
  await browse.startDemo();
  // Enough code-interpreter files to pick 21.
  const sdk = await outsideClient(ferry, ORG);
  for (let i = 0; i < 21; i += 1)
    await sdk.files.create({ file: await toFile(Buffer.from(`row ${i}\n`), `batch-${i}.csv`), purpose: 'assistants' });
  const pane = browse.pane('left');
  await pane.getByRole('button', { name: 'Refresh' }).click();
  await pane.getByRole('button', { name: 'New assistant' }).click();
  const form = pane.getByRole('form', { name: 'New assistant' });
  await form.getByLabel('Name', { exact: true }).fill('Limits');
  await form.getByLabel('Model').fill('gpt-4o');
  const save = form.getByRole('button', { name: 'Save' });
  const before = await sandboxRequests(ferry, ORG);

  const metadata = form.getByRole('group', { name: 'Metadata' });
  const addPair = form.getByRole('button', { name: 'Add metadata' });
  for (let i = 1; i <= 17; i += 1) {
    await addPair.click();
    await form.getByLabel(`Metadata key ${i}`, { exact: true }).fill(`k${i}`);
  }
  await save.click();
  await expect(metadata).toContainText('Metadata holds at most 16 pairs; this has 17.');
  await form.getByRole('button', { name: 'Remove metadata k17' }).click();
  await form.getByLabel('Metadata key 1', { exact: true }).fill('k'.repeat(65));
  await save.click();
  await expect(metadata).toContainText('has 65 characters; keys are at most 64.');
  await form.getByLabel('Metadata key 1', { exact: true }).fill('k1');
  await form.getByLabel('Metadata value 1', { exact: true }).fill('v'.repeat(513));
  await save.click();
  await expect(metadata).toContainText('has 513 characters; values are at most 512.');
  await form.getByLabel('Metadata value 1', { exact: true }).fill('v');

  const files = form.getByRole('group', { name: 'Files for code interpreter' });
  for (let i = 0; i < 21; i += 1) await files.getByLabel(`batch-${i}.csv`).check();
  const stores = form.getByRole('group', { name: 'Vector store for file search' });
  await stores.getByLabel('Sales Enablement').check();
  await stores.getByLabel('Support Knowledge Base').check();
  await form.getByLabel('Temperature').fill('2.5');
  await form.getByRole('button', { name: 'Add function' }).click();
  await form.getByLabel('Function 1 name', { exact: true }).fill('lookup');
  // Typed into the schema editor: refused as it is typed, and again at Save.
  await form
    .getByLabel('Function 1 parameters (JSON Schema)', { exact: true })
    .fill('{"type": "object", "properties": {"a": {"type": "strin"}}}');
  const schema = form.getByLabel('Function 1 parameters (JSON Schema)', { exact: true });
  await expect(schema).toHaveAccessibleDescription(
    /The parameters are not a valid JSON Schema: at properties\/a\/type/,
  );
  await save.click();
  await expect(files).toContainText('code_interpreter holds at most 20 files; 21 are picked.');
  await expect(stores).toContainText('file_search takes at most 1 vector store; 2 are picked.');
  await expect(form.getByLabel('Temperature')).toHaveAccessibleDescription(/Temperature is between 0 and 2\./);
  await expect(schema).toHaveAccessibleDescription(
    /The parameters are not a valid JSON Schema: at properties\/a\/type/,
  );

  // Not one request reached the sandbox beyond the reads before: no create, no write of any kind.
  const after = await sandboxRequests(ferry, ORG);
  const writes = Object.keys(after).filter((route) => !route.startsWith('GET ') && after[route] !== before[route]);
  expect(writes).toEqual([]);
  expect(after['POST /v1/assistants'] ?? 0).toBe(before['POST /v1/assistants'] ?? 0);
});

test('129 tools are refused at Tools with nothing sent: an assistant of 127 functions edited to add the two built-in tools', async ({
  page,
  ferry,
}) => {
  const browse = new BrowsePage(page);
  await browse.startDemo();
  // Made behind Ferry's back, so the form opens on 127 functions at once rather than 127 clicks.
  const sdk = await outsideClient(ferry, ORG);
  await sdk.beta.assistants.create({
    model: 'gpt-4o',
    name: 'Many functions',
    tools: Array.from({ length: 127 }, (_, i) => ({
      type: 'function' as const,
      function: { name: `f${i}`, parameters: { type: 'object', properties: {} } },
    })),
  });
  const pane = browse.pane('left');
  await pane.getByRole('button', { name: 'Refresh' }).click();
  await browse.row('left', 'Many functions').click();
  await pane.getByRole('button', { name: 'Edit' }).click();
  const form = pane.getByRole('form', { name: 'Edit Many functions' });
  const tools = form.getByRole('group', { name: 'Tools' });
  await expect(tools).toHaveAccessibleDescription('127 of at most 128 tools.');
  await form.getByLabel('File search').check();
  await form.getByLabel('Code interpreter').check();
  await expect(tools).toHaveAccessibleDescription('129 of at most 128 tools.');
  const before = await sandboxRequests(ferry, ORG);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(tools.locator('> .field__error')).toHaveText('An assistant has at most 128 tools; this has 129.');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  const after = await sandboxRequests(ferry, ORG);
  expect(Object.keys(after).filter((route) => !route.startsWith('GET ') && after[route] !== before[route])).toEqual([]);

  // One fewer is within the limit: the diff names Tools, and Save sends it.
  await form.getByLabel('Code interpreter').uncheck();
  await form.getByRole('button', { name: 'Save' }).click();
  const review = page.getByRole('dialog', { name: 'Save 1 change to “Many functions” in Acme Production?' });
  await expect(review.getByRole('table', { name: 'Changes to save' }).getByRole('rowheader')).toHaveText(['Tools']);
  await review.getByRole('button', { name: 'Save changes' }).click();
  await expect(form).toBeHidden();
  const sent = await sandboxRequests(ferry, ORG);
  expect(sent['POST /v1/assistants/{assistant_id}'] ?? 0).toBe((before['POST /v1/assistants/{assistant_id}'] ?? 0) + 1);
});

test("the server's refusal shows at the field its param names, in the API's words", async ({ page }) => {
  const browse = new BrowsePage(page);
  await browse.startDemo();
  const pane = browse.pane('left');
  await pane.getByRole('button', { name: 'New assistant' }).click();
  const form = pane.getByRole('form', { name: 'New assistant' });
  await form.getByLabel('Name', { exact: true }).fill('Unknown model');
  // The org does not list it: the form says so, but only the server can refuse it.
  await form.getByLabel('Model').fill('gpt-9');
  await expect(form.getByLabel('Model')).toHaveAccessibleDescription('Acme Production does not list this model.');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByLabel('Model')).toHaveAccessibleDescription(/The requested model 'gpt-9' does not exist\./);
  await expect(form).toBeVisible();
  await expect(form).toContainText('New in Acme Production');

  // Escape asks before the typed fields are lost, then gives the focus back to New assistant.
  page.on('dialog', (dialog) => void dialog.accept());
  await form.getByLabel('Model').press('Escape');
  await expect(form).toBeHidden();
  await expect(pane.getByRole('button', { name: 'New assistant' })).toBeFocused();
});
