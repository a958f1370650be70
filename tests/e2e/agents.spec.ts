import { BrowsePage } from './fixtures/browse-page.ts';
import { expect, test } from './fixtures/ferry-test.ts';
import { sandboxControl } from './fixtures/manage.ts';
import { dragOver, outsideClient } from './fixtures/outside-client.ts';

test('an Agents org shows what it serves and an Agents tab: inspect every field, edit, delete after a confirmation naming the agent and the org', async ({
  ferry,
  page,
}) => {
  const browse = new BrowsePage(page);
  await browse.startDemo();
  await browse.show('right', 'Legacy Cloud');
  await expect(browse.pane('right').getByTitle('What this server serves')).toHaveText(
    'Serves agents (no Assistants API)',
  );
  await expect(browse.pane('left').getByTitle('What this server serves')).toHaveText('Serves assistants');
  // Acme Production serves no agents: no tab that could not load.
  await expect(browse.tab('left', 'Agents')).toHaveCount(0);

  // While dragging, the drop zone says what the destination serves.
  await dragOver(browse, 'left', 'Support Triage');
  await expect(browse.pane('right').getByLabel('What the destination serves')).toHaveText(
    'Serves agents (no Assistants API)',
  );
  await page.mouse.up();
  await browse.planDialog().getByRole('button', { name: 'Cancel' }).click();
  await expect(browse.planDialog()).toHaveCount(0);

  await browse.tab('right', 'Agents').click();
  await browse.row('right', 'Hub Setup Guide').click();
  const inspector = browse.inspector('right');
  await expect(inspector.getByRole('heading', { name: 'Hub Setup Guide' })).toBeVisible();
  await expect(inspector).toContainText('gpt-4.1');
  await expect(inspector).toContainText('Walk customers through setting up a v1 hub. Ask for the serial number first.');
  await expect(inspector.getByText('lookup_serial', { exact: true })).toBeVisible();
  await expect(inspector.getByLabel('Parameters of lookup_serial')).toContainText('"serial"');
  await expect(inspector.getByRole('table', { name: 'Metadata' }).getByRole('row', { name: /team/ })).toContainText(
    'support',
  );
  await inspector.getByRole('button', { name: 'Show JSON' }).click();
  await expect(inspector.getByLabel('agent as JSON')).toContainText('"object": "agent"');
  await expect(inspector.getByLabel('agent as JSON')).toContainText('"effort": "low"');

  // Edit: a mistake is named at its field and nothing is sent; a good edit is saved in the org.
  await inspector.getByRole('button', { name: 'Edit' }).click();
  const form = browse.pane('right').getByRole('form', { name: 'Edit Hub Setup Guide' });
  await form.getByLabel('Tools (JSON)').fill('[{"type": ');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toContainText('Tools are not valid JSON');
  await form.getByLabel('Tools (JSON)').fill('[]');
  await form.getByLabel('Instructions').fill('Ask for the serial number, then walk through setup.');
  await form.getByLabel('Reasoning effort').selectOption('high');
  await form.getByRole('button', { name: 'Save' }).click();
  // What will change, old beside new, before anything is sent; only those fields are sent.
  const review = page.getByRole('dialog', { name: 'Save 3 changes to “Hub Setup Guide” in Legacy Cloud?' });
  const changes = review.getByRole('table', { name: 'Changes to save' });
  await expect(changes.getByRole('row', { name: /^Reasoning effort low high$/ })).toBeVisible();
  await expect(changes.getByRole('row', { name: /^Instructions / })).toContainText('walk through setup.');
  await expect(changes.getByRole('row', { name: /^Tools / })).toContainText('lookup_serial');
  await review.getByRole('button', { name: 'Save changes' }).click();
  await expect(inspector).toContainText('Ask for the serial number, then walk through setup.');
  const agentId = (await inspector.locator('.inspector__id code').textContent()) ?? '';
  const client = await outsideClient(ferry, 'Legacy Cloud');
  const saved = await client.beta.agents.retrieve(agentId);
  expect(saved).toMatchObject({
    instructions: 'Ask for the serial number, then walk through setup.',
    tools: [],
    reasoning: { effort: 'high' },
    metadata: { team: 'support' },
  });

  await inspector.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete “Hub Setup Guide” from Legacy Cloud?' });
  await expect(dialog).toContainText(agentId);
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(browse.pane('right')).toContainText('Legacy Cloud has no agents yet.');
  expect((await client.beta.agents.list()).data).toEqual([]);
});

test('drag Support Triage onto Legacy Cloud: the plan carries it as an agent with its store and files and lists what an agent cannot hold; the agent shows its Responses request; a second drag is "Up to date"', async ({
  ferry,
  page,
}) => {
  const browse = new BrowsePage(page);
  await browse.startDemo();
  await browse.show('right', 'Legacy Cloud');
  await dragOver(browse, 'left', 'Support Triage');
  await expect(browse.pane('right').getByRole('status', { name: 'Drop target' })).toHaveText(
    'Drop to plan carrying it into Legacy Cloud as an agent',
  );
  await page.mouse.up();
  await expect(browse.planDialog()).toBeVisible();

  const plan = browse.planDialog();
  await expect(plan.getByRole('heading', { name: 'Assistants carried as agents' })).toBeVisible();
  await expect(plan.getByRole('row', { name: 'Support Triage', exact: true })).toContainText('Create');
  await expect(plan.getByRole('row', { name: 'Support Knowledge Base', exact: true })).toContainText('Create');
  await expect(plan.getByRole('row', { name: 'product-catalog.json', exact: true })).toBeVisible();
  const notCarried = plan.getByRole('table', { name: 'Not carried into the agent Support Triage' });
  await expect(notCarried.getByRole('row', { name: /tools\.file_search/ })).toContainText(
    'the Responses request, on the recreated vector store “Support Knowledge Base”',
  );
  await expect(notCarried.getByRole('row', { name: /tools\.code_interpreter/ })).toContainText('product-catalog.json');
  await expect(notCarried.getByRole('row', { name: /^temperature/ })).toContainText('0.3');
  await expect(notCarried.getByRole('row', { name: /create_ticket\.strict/ })).toBeVisible();

  await plan.getByRole('button', { name: 'Confirm' }).click();
  await expect(plan).toBeHidden();
  const job = browse.jobs().getByRole('article').first();
  await expect(job.getByText('Done', { exact: true })).toBeVisible({ timeout: 30_000 });

  // One agent and one store, as the official SDK sees them.
  const client = await outsideClient(ferry, 'Legacy Cloud');
  const agents = (await client.beta.agents.list({ limit: 100 })).data.filter((a) => a.metadata['cloned_from']);
  expect(agents).toHaveLength(1);
  // Same instructions, model, function tools and schemas as the assistant, and its cloned_from marker.
  const production = await outsideClient(ferry, 'Acme Production');
  const triage = (await production.beta.assistants.list({ limit: 100 })).data.find((a) => a.name === 'Support Triage')!;
  const ticket = triage.tools.find((t) => t.type === 'function')!;
  expect(agents[0]).toMatchObject({
    name: 'Support Triage',
    model: 'gpt-4o',
    instructions: triage.instructions,
    tools: [
      {
        type: 'function',
        name: ticket.function.name,
        description: ticket.function.description,
        parameters: ticket.function.parameters,
      },
    ],
    metadata: { cloned_from: triage.id },
  });
  const stores = (await client.vectorStores.list({ limit: 100 })).data.filter((s) => s.metadata?.['cloned_from']);
  expect(stores.map((s) => s.name)).toEqual(['Support Knowledge Base']);
  // The store holds its files again, by name, as the source's does.
  const filenames = async (sdk: typeof client, storeId: string) => {
    const attached = (await sdk.vectorStores.files.list(storeId, { limit: 100 })).data;
    return (await Promise.all(attached.map(async (f) => (await sdk.files.retrieve(f.id)).filename))).sort();
  };
  const sourceStore = (await production.vectorStores.list({ limit: 100 })).data.find(
    (s) => s.name === 'Support Knowledge Base',
  )!;
  expect(await filenames(client, stores[0]!.id)).toEqual(await filenames(production, sourceStore.id));

  await browse.tab('right', 'Agents').click();
  await browse.row('right', 'Support Triage').click();
  const request = browse.inspector('right').getByRole('region', { name: 'Responses request' });
  await expect(request.getByLabel('Responses request as TypeScript')).toContainText('client.responses.create({');
  await expect(request.getByLabel('Responses request as TypeScript')).toContainText(stores[0]!.id);
  await request.getByRole('button', { name: 'JSON' }).click();
  await expect(request.getByLabel('Responses request as JSON')).toContainText('"temperature": 0.3');

  await browse.tab('left', 'Assistants').click();
  await browse.drag('left', 'Support Triage');
  await expect(browse.planDialog()).toContainText('Up to date');
});

test('an agent dragged from one Agents org to another is cloned exactly once, verifies clean, plans "Up to date" again, and Clean up removes it', async ({
  ferry,
  page,
}) => {
  const browse = new BrowsePage(page);
  await browse.startDemo();
  // Acme Staging serves agents beside its assistants, as api.openai.com did before the retirement.
  await sandboxControl(ferry, 'tenants/Acme%20Staging/agents-served', { served: true });
  await browse.show('left', 'Legacy Cloud', 'Agents');
  // Ferry asked Acme Staging what it serves when the demo opened; Refresh asks again, and the tab appears.
  await browse.show('right', 'Acme Staging', 'Vector stores');
  await expect(browse.pane('right').getByTitle('What this server serves')).toHaveText('Serves assistants');
  await browse.pane('right').getByRole('button', { name: 'Refresh' }).click();
  await expect(browse.pane('right').getByTitle('What this server serves')).toHaveText('Serves assistants and agents');
  await browse.tab('right', 'Agents').click();
  await expect(browse.pane('right')).toContainText('Acme Staging has no agents yet.');

  await browse.drag('left', 'Hub Setup Guide');
  const plan = browse.planDialog();
  await expect(plan.getByRole('row', { name: 'Hub Setup Guide', exact: true })).toContainText('Create');
  await plan.getByRole('button', { name: 'Confirm' }).click();
  await expect(plan).toBeHidden();
  const job = browse.jobs().getByRole('article', { name: /^Clone 1 agent/ });
  await expect(job.getByText('Done', { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(job.getByRole('status', { name: 'Latest verify' })).toContainText(
    /^Verified at .+: 1 object matches its source\./,
  );

  // Exactly one agent, as the official SDK sees it, carrying every field and the marker of its source.
  const source = (await (await outsideClient(ferry, 'Legacy Cloud')).beta.agents.list({ limit: 100 })).data.find(
    (a) => a.name === 'Hub Setup Guide',
  )!;
  const staging = await outsideClient(ferry, 'Acme Staging');
  const cloned = (await staging.beta.agents.list({ limit: 100 })).data;
  expect(cloned).toHaveLength(1);
  expect(cloned[0]).toMatchObject({
    name: source.name,
    model: source.model,
    instructions: source.instructions,
    tools: source.tools,
    metadata: { ...source.metadata, cloned_from: source.id },
  });
  await expect(browse.list('right').getByRole('option', { name: 'Hub Setup Guide', exact: true })).toHaveCount(1);

  await browse.drag('left', 'Hub Setup Guide');
  await expect(browse.planDialog()).toContainText('Up to date');
  await browse.planDialog().getByRole('button', { name: 'Cancel' }).click();

  await job.getByRole('button', { name: 'Clean up' }).click();
  const confirm = page.getByRole('dialog', { name: /^Clean up/ });
  await expect(confirm.getByRole('list', { name: 'Will be deleted' }).getByRole('listitem')).toHaveText([
    /Agent Hub Setup Guide/,
  ]);
  await confirm.getByRole('button', { name: 'Delete what it created' }).click();
  await expect(job.getByRole('status', { name: 'Clean up result' })).toHaveText('Cleaned up: 1 deleted.');
  expect((await staging.beta.agents.list({ limit: 100 })).data).toEqual([]);
  await expect(browse.pane('right')).toContainText('Acme Staging has no agents yet.');
});
